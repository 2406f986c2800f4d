/**
 * The layer zones live in eslint.config.mjs and `npm run lint` enforces them. This checks that the config still
 * rejects each forbidden import, so a renamed folder or a loosened zone cannot silently turn the gate off.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const root = join(__dirname, '..', '..');

/** A TypeScript file that exists under `dir`, so the resolver can follow an import to it. */
function someFileIn(dir: string): string {
  const found = readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  assert.ok(found, `${dir} has a .ts file`);
  return join(dir, found).replace(/\.ts$/, '');
}

/** The import specifier that reaches `target` (a path without extension) from the file at `from`. */
function specifier(from: string, target: string): string {
  const rel = relative(join(root, from, '..'), join(root, target)).split('\\').join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

// Type-aware rules need a real program; the zones do not, so the check lints virtual files without one.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message).filter((r) => r === 'import-x/no-restricted-paths' || r === 'no-restricted-imports' || r === 'no-restricted-syntax');
}

const cases: { file: string; imports: string[] }[] = [
  { file: 'src/core/edits/zone.ts', imports: ['vscode', someFileIn('src/host'), someFileIn('src/webview')] },
  { file: 'src/shared/zone.ts', imports: ['vscode', someFileIn('src/host'), someFileIn('src/webview'), someFileIn('src/core')] },
  {
    file: 'src/webview/sidebar/zone.ts',
    imports: ['vscode', 'node:fs', 'path', someFileIn('src/host'), someFileIn('src/core/providers'), someFileIn('src/core/compare'), 'src/core/prefs/preferenceLog', someFileIn('src/demo')],
  },
  { file: 'src/demo/zone.ts', imports: ['vscode', someFileIn('src/host'), someFileIn('src/webview')] },
  { file: 'src/core/zone.ts', imports: [someFileIn('test/unit')] },
  { file: 'scripts/zone.ts', imports: [someFileIn('test/unit')] },
];

describe('layer zones (eslint.config.mjs)', function () {
  this.timeout(60_000);

  for (const { file, imports } of cases) {
    for (const target of imports) {
      const spec = target.includes('/') ? specifier(file, target) : target;
      it(`${file.split('/').slice(0, -1).join('/')} may not import ${target}`, async () => {
        assert.equal((await problems(file, `import * as m from '${spec}';\nexport const x = m;\n`)).length, 1, spec);
      });
    }
  }

  it('rejects a dynamic import of vscode in core', async () => {
    assert.equal((await problems('src/core/edits/zone.ts', "export const v = import('vscode');\n")).length, 1);
  });

  it('allows what each layer may use', async () => {
    assert.deepEqual(await problems('src/webview/sidebar/zone.ts', `import * as m from '../../shared/protocol';\nimport * as r from '../../core/prefs/preferenceRecord';\nexport const x = [m, r];\n`), []);
    assert.deepEqual(await problems('src/core/edits/zone.ts', `import * as m from '../../shared/vocabulary';\nimport { readFileSync } from 'node:fs';\nexport const x = [m, readFileSync];\n`), []);
    assert.deepEqual(await problems('src/host/zone.ts', `import * as vscode from 'vscode';\nimport * as c from '../core/edits/editTypes';\nexport const x = [vscode, c];\n`), []);
  });
});

/**
 * `npm run test:desktop`: the same integration suite in desktop VS Code through @vscode/test-electron, for machines
 * that can download VS Code (this sandbox cannot; there the e2e suite runs it in code-server instead).
 * Loads Parallax (built into dist/) and the companion as development extensions; the companion's `run()` runs the suite.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildCompanion, companionId } from './companion/buildCompanion';

const ROOT = join(__dirname, '..', '..');

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'parallax-desktop-'));
  try {
    const companionDir = join(work, 'companion');
    await buildCompanion(companionDir);
    const workspace = join(work, 'workspace');
    cpSync(join(ROOT, 'test', 'fixtures', 'sample-workspace'), workspace, { recursive: true });
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: [ROOT, companionDir],
      extensionTestsPath: join(companionDir, 'dist', 'extension.js'),
      launchArgs: [workspace, '--disable-workspace-trust', '--enable-proposed-api', companionId(), '--user-data-dir', join(work, 'user-data')],
      extensionTestsEnv: { PARALLAX_TEST_OUT: join(work, 'out') },
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`test:desktop failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

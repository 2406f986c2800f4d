import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPatchPath } from '../../../src/core/edits/patchSetPaths';
import { patchSetForAnswer } from '../../../src/core/edits/patchSetResolve';
import { containmentRefusal, workspaceReader } from '../../../src/host/patchSets/workspaceContainment';
import { F, workspace } from './patchSetFixtures';

const compared = { relPath: 'src/pagination.js', selectionText: '  const end = start + pageSize - 1;\n' };

describe('patch sets: path refusal', () => {
  it('accepts workspace-relative paths, normalised', () => {
    assert.deepEqual(checkPatchPath('./src//a.ts'), { ok: true, relPath: 'src/a.ts' });
    assert.deepEqual(checkPatchPath('src\\lib\\b.ts'), { ok: true, relPath: 'src/lib/b.ts' });
    assert.deepEqual(checkPatchPath('src/x/../a.ts'), { ok: true, relPath: 'src/a.ts' });
    assert.deepEqual(checkPatchPath('/home/me/project/src/a.ts', '/home/me/project'), { ok: true, relPath: 'src/a.ts' });
  });

  const refused: Array<[string, RegExp]> = [
    ['../outside.txt', /"\.\.\/outside\.txt".*escapes the workspace through "\.\."/],
    ['src/../../outside.txt', /escapes the workspace/],
    ['/etc/passwd', /"\/etc\/passwd".*absolute path outside the workspace/],
    ['/home/me/project-other/a.ts', /absolute path outside/],
    ['C:\\Windows\\system.ini', /absolute path outside/],
    ['src/a.ts\u0000.png', /NUL or control character/],
    ['src/a.ts:stream', /drive letters and alternate data streams/],
    ['\\\\server\\share\\a.ts', /network \(UNC\) path/],
    ['~/.bashrc', /home-relative/],
    ['.git/hooks/pre-commit', /\.git folder/],
    ['src/', /names a folder/],
  ];
  for (const [path, message] of refused) {
    it(`refuses ${JSON.stringify(path)} with a message naming it`, () => {
      const check = checkPatchPath(path, '/home/me/project');
      assert.equal(check.ok, false);
      assert.match(check.ok ? '' : check.reason, message);
    });
  }

  it('all or nothing: one refused file blocks the whole set, the good file included', () => {
    const answer = [
      '`src/pagination.js`:', `${F}js`, 'export const fixed = true;', F,
      '`../outside.txt`:', `${F}text`, 'pwned', F,
    ].join('\n');
    const reader = workspace();
    const set = patchSetForAnswer(answer, reader, { compared });
    assert.ok(set);
    assert.match(set.blocked ?? '', /^Nothing was applied: Refused "\.\.\/outside\.txt": it escapes the workspace/);
    assert.ok(!reader.reads.some((p) => p.includes('outside')), 'a refused path is never read');
  });

  it('a failed edit also blocks the set', () => {
    const answer = ['src/pagination.js', '<<<<<<< SEARCH', 'no such line', '=======', 'x', '>>>>>>> REPLACE', '`test/a.test.js`:', `${F}js`, 'ok', F].join('\n');
    const set = patchSetForAnswer(answer, workspace(), { compared });
    assert.match(set?.blocked ?? '', /src\/pagination\.js: no SEARCH\/REPLACE block matched/);
  });

  it('a truncated whole-file fence blocks the set', () => {
    const set = patchSetForAnswer(`\`test/a.test.js\`:\n${F}js\ntest('a', () => {`, workspace(), { compared });
    assert.match(set?.blocked ?? '', /truncated/);
  });
});

describe('patch sets: symlinks that leave the workspace (real temp dir)', () => {
  let base: string;
  let root: string;
  before(() => {
    base = mkdtempSync(join(tmpdir(), 'parallax-patchset-'));
    root = join(base, 'workspace');
    mkdirSync(join(root, 'src'), { recursive: true });
    mkdirSync(join(base, 'elsewhere'));
    writeFileSync(join(root, 'src', 'a.js'), 'a\n');
    writeFileSync(join(base, 'elsewhere', 'secret.txt'), 'secret\n');
    symlinkSync(join(base, 'elsewhere'), join(root, 'linked-out'));
    symlinkSync(join(base, 'elsewhere', 'secret.txt'), join(root, 'secret-link.txt'));
    symlinkSync(join(root, 'src'), join(root, 'linked-in'));
    symlinkSync(join(base, 'nowhere.txt'), join(root, 'dangling.txt'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('refuses a file through a symlinked folder outside, a symlinked file outside and a dangling link', () => {
    for (const rel of ['linked-out/secret.txt', 'linked-out/new.txt', 'secret-link.txt']) {
      assert.match(containmentRefusal(root, rel) ?? '', /outside the workspace folder/, rel);
    }
    assert.match(containmentRefusal(root, 'dangling.txt') ?? '', /symlink to nothing/);
  });

  it('accepts files inside, new files in new folders, and symlinks that stay inside', () => {
    for (const rel of ['src/a.js', 'src/new/deep/b.js', 'linked-in/a.js', 'brand-new.txt']) {
      assert.equal(containmentRefusal(root, rel), undefined, rel);
    }
  });

  it('the resolver refuses the symlink escape by name and blocks the whole set', () => {
    const answer = ['`src/a.js`:', `${F}js`, 'b', F, '`linked-out/secret.txt`:', `${F}text`, 'overwritten', F].join('\n');
    const set = patchSetForAnswer(answer, workspaceReader(root), {});
    assert.match(set?.blocked ?? '', /Refused "linked-out\/secret\.txt": it resolves \(through a symlink\) to a place outside the workspace folder/);
  });

  it('the reader prefers an open document\'s unsaved text to the disk', () => {
    const reader = workspaceReader(root, (abs) => (abs === join(root, 'src', 'a.js') ? 'unsaved\n' : undefined));
    assert.equal(reader.read('src/a.js'), 'unsaved\n');
    assert.equal(reader.read('missing.js'), undefined);
  });
});

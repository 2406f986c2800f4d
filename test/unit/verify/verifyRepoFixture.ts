/**
 * The fixture repository of the verification tests (test/fixtures/verify-repo): copied to a temp dir, its
 * dependency folder renamed to node_modules (which git ignores), committed, then left with an uncommitted change
 * and an untracked file, as a user's working copy often is.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VERIFY_REPO_FIXTURE = join(__dirname, '..', '..', 'fixtures', 'verify-repo');
export const BUGGY_FILE = 'src/pagination.js';
export const BUGGY_LINES = ['  const start = (current - 1) * pageSize;', '  const end = start + pageSize - 1;'].join('\n');
export const FIXED_LINES = ['  const start = (current - 1) * pageSize;', '  const end = start + pageSize;'].join('\n');
export const UNFIXED_LINES = ['  const start = (current - 1) * pageSize;', '  const end = start + (pageSize - 1);'].join('\n');
/** Fixes the full page but clamps a page past the end to the last page, which breaks another test. */
export const BREAKING_LINES = ['  const start = Math.min((current - 1) * pageSize, Math.max(0, items.length - pageSize));', '  const end = start + pageSize;'].join('\n');

export const FAILING_TEST = 'a full page holds pageSize items';
export const BROKEN_TEST = 'a page past the end is empty';

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
}

/** Copies the fixture into `dir` (created when absent) as a git repository with uncommitted and untracked changes. */
export function makeVerifyRepo(dir = join(mkdtempSync(join(tmpdir(), 'parallax-verify-repo-')), 'repo')): string {
  cpSync(VERIFY_REPO_FIXTURE, dir, { recursive: true });
  renameSync(join(dir, 'deps-node_modules'), join(dir, 'node_modules'));
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'fixture');
  // An uncommitted change and an untracked file: both must reach the checkouts.
  const readme = join(dir, 'README.md');
  writeFileSync(readme, '# verify-repo\n\nA fixture for Parallax verification.\n');
  writeFileSync(join(dir, 'package.json'), readFileSync(join(dir, 'package.json'), 'utf8').replace('"version": "1.0.0"', '"version": "1.0.1"'));
  return dir;
}

/** The buggy file with its two selected lines replaced. */
export function withLines(dir: string, lines: string): string {
  return readFileSync(join(dir, BUGGY_FILE), 'utf8').replace(BUGGY_LINES, lines);
}

/** What must not change in the user's repository: status, stash, branches and refs, the index file, worktrees. */
export function repoFingerprint(dir: string): Record<'status' | 'stash' | 'refs' | 'head' | 'index' | 'worktrees', string> {
  return {
    status: gitIn(dir, 'status', '--porcelain', '--untracked-files=all'),
    stash: gitIn(dir, 'stash', 'list'),
    refs: gitIn(dir, 'for-each-ref'),
    head: gitIn(dir, 'rev-parse', 'HEAD'),
    index: readFileSync(join(dir, '.git', 'index')).toString('base64'),
    worktrees: gitIn(dir, 'worktree', 'list', '--porcelain'),
  };
}

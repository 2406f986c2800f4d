/**
 * The git side of isolated checkouts. The working copy as it is now (uncommitted and untracked files included,
 * ignored ones not) is captured as a commit through a temporary index file, so the user's index, stash, branches
 * and HEAD are never touched; each checkout is then a detached `git worktree` at that commit. Every git call has
 * explicit arguments (no shell), and hooks are off.
 */
import { execFile } from 'node:child_process';
import { join, relative } from 'node:path';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd, env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && code === 1 && !stderr ? err.message : '') });
    });
  });
}

async function gitOk(cwd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await git(cwd, args, env);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? ''}`);
  return r.stdout.trim();
}

/** The repository that holds `folder`, and where the folder sits in it; undefined when it is not in a git work tree. */
export async function findRepository(folder: string): Promise<{ root: string; prefix: string } | undefined> {
  const r = await git(folder, ['rev-parse', '--show-toplevel']);
  if (r.code !== 0) return undefined;
  const root = r.stdout.trim();
  return { root, prefix: relative(root, folder).split('\\').join('/') };
}

const SNAPSHOT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Parallax',
  GIT_AUTHOR_EMAIL: 'parallax@localhost',
  GIT_COMMITTER_NAME: 'Parallax',
  GIT_COMMITTER_EMAIL: 'parallax@localhost',
};

/**
 * A commit of the working copy as it is, made through `indexFile` (a path in Parallax's own temp dir).
 * Nothing but new objects is written to the repository.
 */
export async function snapshotWorkingCopy(repoRoot: string, indexFile: string): Promise<string> {
  const env = { GIT_INDEX_FILE: indexFile };
  const head = await git(repoRoot, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  const parent = head.code === 0 ? head.stdout.trim() : undefined;
  // Starting from HEAD's tree keeps tracked files that an ignore rule would otherwise skip.
  if (parent) await gitOk(repoRoot, ['read-tree', parent], env);
  await gitOk(repoRoot, ['add', '-A', '--', '.'], env);
  const tree = await gitOk(repoRoot, ['write-tree'], env);
  return gitOk(repoRoot, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', 'Parallax verification snapshot'], { ...env, ...SNAPSHOT_IDENTITY });
}

export async function addWorktree(repoRoot: string, dir: string, commit: string): Promise<void> {
  await gitOk(repoRoot, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
}

/** Removes a worktree and prunes its entry; tolerant of one already gone. */
export async function removeWorktree(repoRoot: string, dir: string): Promise<void> {
  await git(repoRoot, ['worktree', 'remove', '--force', '--force', dir]);
  await git(repoRoot, ['worktree', 'prune']);
}

/** Where a workspace-relative path lands in a checkout of the repository. */
export function inCheckout(checkoutRoot: string, prefix: string, relPath: string): string {
  return prefix === '' ? join(checkoutRoot, relPath) : join(checkoutRoot, prefix, relPath);
}

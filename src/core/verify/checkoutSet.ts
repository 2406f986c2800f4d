/**
 * The isolated checkouts of one verification: the baseline (the working copy as it is) and one per candidate, each
 * with the candidate's files written in and the dependency folders linked. In git they are worktrees of a snapshot
 * commit; otherwise folder copies. `dispose` removes them all.
 */
import { realpathSync } from 'node:fs';
import { mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { type CandidateChange, checkRelPath } from './candidateChanges';
import { createSessionDir, removeSessionDir } from './checkoutRoot';
import { linkDependencies } from './dependencyLinks';
import { copyFolder } from './folderCopy';
import { addWorktree, findRepository, inCheckout, snapshotWorkingCopy } from './gitSnapshot';

export interface Checkout {
  /** 'baseline' or the candidate's key. */
  key: string;
  /** Where the check runs: the workspace folder's place in the checkout. */
  cwd: string;
}

export interface CheckoutSetOptions {
  /** The workspace folder. */
  folder: string;
  /** Parallax's temp root for checkouts. */
  root: string;
  copyCapBytes?: number;
}

export class CheckoutSet {
  private constructor(
    private readonly sessionDir: string,
    private readonly folder: string,
    private readonly repo: { root: string; prefix: string; commit: string } | undefined,
    private readonly copyCapBytes: number | undefined,
  ) {}

  static async create(opts: CheckoutSetOptions): Promise<CheckoutSet> {
    const folder = realpathSync(opts.folder);
    const found = await findRepository(folder);
    const sessionDir = await createSessionDir(opts.root, found?.root);
    try {
      const commit = found ? await snapshotWorkingCopy(found.root, join(sessionDir, 'snapshot.index')) : undefined;
      return new CheckoutSet(sessionDir, folder, found && commit ? { ...found, commit } : undefined, opts.copyCapBytes);
    } catch (err) {
      await removeSessionDir(sessionDir, found?.root);
      throw err;
    }
  }

  get isGit(): boolean {
    return this.repo !== undefined;
  }

  /** A new checkout named `key`, with `changes` written into it. */
  async add(key: string, changes: readonly CandidateChange[]): Promise<Checkout> {
    const dir = join(this.sessionDir, key.replace(/[^\w.-]/g, '_'));
    let cwd: string;
    if (this.repo) {
      await addWorktree(this.repo.root, dir, this.repo.commit);
      cwd = this.repo.prefix === '' ? dir : join(dir, this.repo.prefix);
    } else {
      await copyFolder(this.folder, dir, this.copyCapBytes);
      cwd = dir;
    }
    for (const change of changes) await writeChange(cwd, change);
    await linkDependencies(this.folder, cwd);
    return { key, cwd };
  }

  async dispose(): Promise<void> {
    await removeSessionDir(this.sessionDir, this.repo?.root);
  }
}

/** Writes one changed file, refusing a path that leaves the checkout (through `..` or a symlink). */
async function writeChange(cwd: string, change: CandidateChange): Promise<void> {
  const problem = checkRelPath(change.relPath);
  if (problem) throw new Error(problem);
  const target = inCheckout(cwd, '', change.relPath);
  await mkdir(dirname(target), { recursive: true });
  const realDir = await realpath(dirname(target));
  const realRoot = await realpath(cwd);
  const rel = relative(realRoot, realDir);
  if (rel.startsWith('..') || rel.split(sep).includes('..')) throw new Error(`'${change.relPath}' leads out of the checkout through a symlink`);
  if (change.deleted) await rm(target, { force: true });
  else await writeFile(target, change.content);
}

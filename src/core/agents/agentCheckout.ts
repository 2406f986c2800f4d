/**
 * The agent's own checkout: built by the same mechanism as verification (CheckoutSet: a git worktree of a snapshot
 * of the working copy, or a folder copy; dependency folders linked), so the user's tree is never touched. Its base
 * is recorded as a commit inside the checkout (a copy is given its own throwaway repository), and the result is the
 * checkout's diff against that base, new and deleted files included, dependency links left out.
 */
import { lstat, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckoutSet } from '../verify/checkoutSet';
import { DEPENDENCY_DIRS } from '../verify/dependencyLinks';
import { git } from '../verify/gitSnapshot';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Parallax',
  GIT_AUTHOR_EMAIL: 'parallax@localhost',
  GIT_COMMITTER_NAME: 'Parallax',
  GIT_COMMITTER_EMAIL: 'parallax@localhost',
};

export interface AgentCheckoutOptions {
  /** The workspace folder. */
  folder: string;
  /** Parallax's temp root for checkouts (shared with verification, so stray ones are swept alike). */
  root: string;
  key: string;
}

export class AgentCheckout {
  private constructor(
    private readonly set: CheckoutSet,
    /** Where the agent runs: the workspace folder's place in the checkout. */
    readonly cwd: string,
    private readonly base: string,
    private readonly taskDir: string,
  ) {}

  static async create(opts: AgentCheckoutOptions): Promise<AgentCheckout> {
    const set = await CheckoutSet.create({ folder: opts.folder, root: opts.root });
    try {
      const checkout = await set.add(opts.key, []);
      if (!set.isGit) {
        await gitOk(checkout.cwd, ['init', '-q']);
        await gitOk(checkout.cwd, ['add', '-A', '--', '.', ...(await linkExcludes(checkout.cwd))]);
        await gitOk(checkout.cwd, ['commit', '-q', '--allow-empty', '--no-verify', '-m', 'Parallax agent base'], IDENTITY);
      }
      const base = await gitOk(checkout.cwd, ['rev-parse', 'HEAD']);
      const taskDir = await mkdtemp(join(tmpdir(), 'parallax-agent-task-'));
      return new AgentCheckout(set, checkout.cwd, base, taskDir);
    } catch (err) {
      await set.dispose();
      throw err;
    }
  }

  /** Writes the task where the agent can read it, outside the checkout (so it is never part of the diff). */
  async writeTask(text: string): Promise<string> {
    const file = join(this.taskDir, 'task.md');
    await writeFile(file, text);
    return file;
  }

  /**
   * The unified diff of everything the agent changed, relative to the workspace folder (the paths a model's
   * answer uses). Staging happens in the checkout's own index.
   */
  async diff(): Promise<string> {
    await gitOk(this.cwd, ['add', '-A', '--', '.', ...(await linkExcludes(this.cwd))]);
    return gitOk(this.cwd, ['-c', 'core.quotePath=false', 'diff', '--cached', '--no-color', '--no-ext-diff', '--relative', '--find-renames', this.base, '--', '.'], {}, false);
  }

  async dispose(): Promise<void> {
    await this.set.dispose();
    await rm(this.taskDir, { recursive: true, force: true });
  }
}

/** Pathspecs leaving out the dependency folders linked into the checkout (symlinks that are not the agent's work). */
async function linkExcludes(cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of DEPENDENCY_DIRS) {
    const stat = await lstat(join(cwd, name)).catch(() => undefined);
    if (stat?.isSymbolicLink()) out.push(`:(exclude)${name}`);
  }
  return out;
}

async function gitOk(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, trim = true): Promise<string> {
  const r = await git(cwd, args, env);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? ''}`);
  return trim ? r.stdout.trim() : r.stdout;
}

/**
 * One verification pass: a checkout for the baseline and for each candidate, the check run in each (at most
 * `concurrency` at once, the baseline first), each candidate judged against the baseline, checkouts removed at the
 * end whatever happened. Callbacks report progress as it happens; cancelling the signal stops every check's tree.
 */
import type { Candidate } from './candidateChanges';
import type { CheckCommand } from './checkDetection';
import { runCheckProcess } from './checkProcess';
import { CheckoutSet } from './checkoutSet';
import { type BaselineReading, type CheckRun, judge, readBaseline, type Verification } from './verificationOutcome';

export const BASELINE_KEY = 'baseline';

export interface VerificationPlan {
  folder: string;
  checkoutRoot: string;
  check: CheckCommand;
  /** Candidate key (e.g. a column id) → its changes. */
  candidates: ReadonlyMap<string, Candidate>;
  /** Written into the baseline's checkout (e.g. unsaved editor text of the compared file); default none. */
  baseline?: Candidate;
  concurrency: number;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface VerificationListener {
  /** A candidate's (or the baseline's) check started running. */
  started?(key: string): void;
  /** The check's output so far, as it grows (for a live output document). */
  output?(key: string, chunk: string): void;
  /** A candidate was judged (also on error or cancel). */
  finished(key: string, verification: Verification, run: CheckRun): void;
  baselineFinished?(run: CheckRun, reading: BaselineReading): void;
}

export async function runVerification(plan: VerificationPlan, listener: VerificationListener): Promise<void> {
  const keys = [...plan.candidates.keys()];
  let set: CheckoutSet;
  try {
    set = await CheckoutSet.create({ folder: plan.folder, root: plan.checkoutRoot });
  } catch (err) {
    const message = `the checkouts could not be made: ${err instanceof Error ? err.message : String(err)}`;
    for (const key of keys) listener.finished(key, { state: 'error', durationMs: 0, failing: [], broke: [], baselineFailed: false, message }, failedRun(message));
    return;
  }
  try {
    let baselineDone!: (reading: BaselineReading | undefined) => void;
    const baseline = new Promise<BaselineReading | undefined>((resolve) => (baselineDone = resolve));
    const jobs: Array<() => Promise<void>> = [
      async () => {
        const run = await checkIn(set, BASELINE_KEY, plan.baseline ?? [], plan, listener);
        const reading = readBaseline(run);
        listener.baselineFinished?.(run, reading);
        baselineDone(run.ended === 'cancelled' ? undefined : reading);
      },
      ...keys.map((key) => async () => {
        const run = await checkIn(set, key, plan.candidates.get(key) ?? [], plan, listener);
        const reading = run.ended === 'exited' ? await baseline : undefined;
        listener.finished(key, judge(run, plan.check.kind, reading), run);
      }),
    ];
    await runPool(jobs, Math.max(1, plan.concurrency));
  } finally {
    await set.dispose();
  }
}

async function checkIn(set: CheckoutSet, key: string, changes: Candidate, plan: VerificationPlan, listener: VerificationListener): Promise<CheckRun> {
  if (plan.signal.aborted) return { exitCode: undefined, durationMs: 0, output: '', ended: 'cancelled' };
  let cwd: string;
  try {
    cwd = (await set.add(key, changes)).cwd;
  } catch (err) {
    return failedRun(`the checkout could not be made: ${err instanceof Error ? err.message : String(err)}`);
  }
  listener.started?.(key);
  return runCheckProcess({
    command: plan.check.command,
    cwd,
    timeoutMs: plan.timeoutMs,
    signal: plan.signal,
    onOutput: (chunk) => listener.output?.(key, chunk),
  });
}

function failedRun(error: string): CheckRun {
  return { exitCode: undefined, durationMs: 0, output: error, ended: 'spawn-failed', error };
}

/** Runs `jobs` in order, at most `limit` at once. */
export async function runPool(jobs: ReadonlyArray<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (job) await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

/**
 * What a candidate's check means against the baseline's: passed, still failing (and which tests), broke something
 * (a test that did not fail on the baseline fails now), or error (the check could not run). For a type checker or
 * linter, the change in error count.
 */
import type { CheckKind } from './checkDetection';
import { errorCount, failingTestNames, MAX_NAMES, testCounts } from './outputParsers';

export type VerificationState = 'passed' | 'failing' | 'broke' | 'error' | 'timed-out' | 'cancelled';

/** What running a check in one checkout gave. */
export interface CheckRun {
  /** undefined when it did not exit by itself (killed, or never started). */
  exitCode: number | undefined;
  durationMs: number;
  output: string;
  ended: 'exited' | 'timed-out' | 'cancelled' | 'spawn-failed';
  /** Why it could not start, for 'spawn-failed'. */
  error?: string;
}

export interface Verification {
  state: VerificationState;
  exitCode?: number;
  durationMs: number;
  passedCount?: number;
  failedCount?: number;
  /** Failing tests (capped). */
  failing: string[];
  /** Tests failing here that did not fail on the baseline. */
  broke: string[];
  baselineFailed: boolean;
  /** For an error-count check. */
  errors?: number;
  baselineErrors?: number;
  /** One line for an error state. */
  message?: string;
}

/** The baseline's own reading: which tests fail there, and its error count. */
export interface BaselineReading {
  failed: boolean;
  failing: ReadonlySet<string>;
  errors?: number;
  /** The baseline could not run: nothing can be said about "broke". */
  unusable: boolean;
}

export function readBaseline(run: CheckRun): BaselineReading {
  const errors = errorCount(run.output);
  return {
    failed: run.ended !== 'exited' || run.exitCode !== 0,
    failing: new Set(failingTestNames(run.output)),
    ...(errors === undefined ? {} : { errors }),
    unusable: run.ended !== 'exited' || couldNotRun(run),
  };
}

/** Exit 126/127: the shell could not run the command. */
function couldNotRun(run: CheckRun): boolean {
  return run.exitCode === 126 || run.exitCode === 127;
}

export function judge(run: CheckRun, kind: CheckKind, baseline: BaselineReading | undefined): Verification {
  const base = { durationMs: Math.round(run.durationMs), baselineFailed: baseline?.failed ?? false, failing: [], broke: [] };
  if (run.ended === 'cancelled') return { ...base, state: 'cancelled' };
  if (run.ended === 'timed-out') return { ...base, state: 'timed-out', message: 'the check did not finish in time; its processes were stopped' };
  if (run.ended === 'spawn-failed' || run.exitCode === undefined) return { ...base, state: 'error', message: run.error ?? 'the check could not be started' };
  const exitCode = run.exitCode;
  if (couldNotRun(run)) return { ...base, exitCode, state: 'error', message: `the command could not run (exit ${exitCode}): ${lastLine(run.output)}` };
  const counts = testCounts(run.output);
  const withCounts = {
    ...base,
    exitCode,
    ...(counts.passed === undefined ? {} : { passedCount: counts.passed }),
    ...(counts.failed === undefined ? {} : { failedCount: counts.failed }),
  };
  if (kind === 'errors') {
    const errors = errorCount(run.output) ?? (exitCode === 0 ? 0 : undefined);
    const counted = { ...withCounts, ...(errors === undefined ? {} : { errors }), ...(baseline?.errors === undefined ? {} : { baselineErrors: baseline.errors }) };
    if (exitCode === 0) return { ...counted, state: 'passed' };
    const worse = errors !== undefined && baseline?.errors !== undefined && errors > baseline.errors;
    return { ...counted, state: worse ? 'broke' : 'failing' };
  }
  if (exitCode === 0) return { ...withCounts, state: 'passed' };
  const failing = failingTestNames(run.output);
  const broke = baseline && !baseline.unusable ? failing.filter((name) => !baseline.failing.has(name)).slice(0, MAX_NAMES) : [];
  return { ...withCounts, failing, broke, state: broke.length > 0 ? 'broke' : 'failing' };
}

function lastLine(output: string): string {
  const lines = output.trim().split(/\r?\n/);
  return (lines[lines.length - 1] ?? '').slice(0, 200);
}

/**
 * The verified pass rate: of the runs where a model's answer was checked in its own checkout (and the check
 * ended, not cancelled), the share where it passed. The latest verification of a model in a run counts.
 */
import type { RunRecord } from './preferenceRecord';
import type { VerificationRecord } from './verificationEvent';

/** The latest finished (not cancelled) verification of each model in the run, by model id. */
export function latestVerifications(run: RunRecord): Map<string, VerificationRecord> {
  const latest = new Map<string, VerificationRecord>();
  for (const v of run.verifications ?? []) if (v.state !== 'cancelled') latest.set(v.modelId, v);
  return latest;
}

export interface PassRateTally {
  verified: number;
  passed: number;
}

/** Adds one run's verifications into per-model tallies (keyed by `keyOf(modelId)`). */
export function tallyPassRates(runs: readonly RunRecord[], keyOf: (run: RunRecord, modelId: string) => string | undefined): Map<string, PassRateTally> {
  const tallies = new Map<string, PassRateTally>();
  for (const run of runs) {
    for (const [modelId, v] of latestVerifications(run)) {
      const key = keyOf(run, modelId);
      if (key === undefined) continue;
      const t = tallies.get(key) ?? { verified: 0, passed: 0 };
      t.verified += 1;
      if (v.state === 'passed') t.passed += 1;
      tallies.set(key, t);
    }
  }
  return tallies;
}

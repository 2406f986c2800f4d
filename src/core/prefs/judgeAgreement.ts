/**
 * How often a judge agreed with the user (issue 12). Counted over runs that have both a user vote with a winner and
 * a finished judgement with a pick: per judge model, its latest judgement of the run; it agrees when it picked the
 * model the user chose. A tie or an "all bad" vote, an unreadable pick, or a judge that failed is not counted.
 * The judge's pick is never a vote: this is the only place it is compared with one.
 */
import { modelKey } from './pairwiseOutcomes';
import type { RunRecord } from './preferenceRecord';

export interface JudgeAgreementRow {
  /** `provider:model:entry id` of the judge model. */
  key: string;
  label: string;
  model: string;
  /** Runs with both its pick and the user's winner. */
  runs: number;
  /** Of those, the runs where it picked the user's winner. */
  agreed: number;
}

export interface JudgeAgreement {
  runs: number;
  agreed: number;
  /** By judge model, most runs first. */
  judges: JudgeAgreementRow[];
}

export function judgeAgreement(runs: readonly RunRecord[]): JudgeAgreement {
  const rows = new Map<string, JudgeAgreementRow>();
  for (const run of runs) {
    const winner = run.vote?.kind === 'winner' ? run.vote.winner : undefined;
    if (winner === undefined || !run.judgements) continue;
    const latest = new Map<string, { label: string; model: string; picked: string | undefined }>();
    for (const j of run.judgements) {
      if (j.state !== 'done' || j.pick === undefined) continue;
      latest.set(modelKey(j.judge), { label: j.judge.label, model: j.judge.model, picked: j.pick.kind === 'model' ? j.pick.modelId : undefined });
    }
    for (const [key, j] of latest) {
      const row = rows.get(key) ?? { key, label: j.label, model: j.model, runs: 0, agreed: 0 };
      row.label = j.label;
      row.runs += 1;
      if (j.picked === winner) row.agreed += 1;
      rows.set(key, row);
    }
  }
  const judges = [...rows.values()].sort((a, b) => b.runs - a.runs || a.key.localeCompare(b.key));
  return { runs: judges.reduce((n, r) => n + r.runs, 0), agreed: judges.reduce((n, r) => n + r.agreed, 0), judges };
}

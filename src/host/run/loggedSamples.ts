/**
 * Repeat N on a run reopened from the log (history, or after a reload): each column's samples are read back from
 * the logged `attempt` lines (the latest attempt of each sample), the column shows the chosen sample's logged text,
 * metrics and edit, and its header the distribution over all samples, as on the live run. Pure (no `vscode`).
 */
import type { AttemptRecord, RunRecord } from '../../core/prefs/preferenceRecord';
import { sampleStats } from '../../core/compare/sampleStats';
import type { RunView } from '../../shared/protocol';
import { loggedEditSummary, loggedOriginal } from '../prefs/loggedEdits';
import { columnOrder, recordMasked } from '../prefs/runRecords';
import { samplesViewOf } from './sampleSlots';
import { capText } from '../../shared/vocabulary';

/** The latest logged attempt of each sample of `modelId`, by sample number (empty for a run of one sample). */
export function loggedSamples(record: RunRecord, modelId: string): Map<number, AttemptRecord> {
  const samples = new Map<number, AttemptRecord>();
  if ((record.repeat ?? 1) < 2) return samples;
  for (const a of record.attempts) {
    if (a.modelId !== modelId || a.sample === undefined) continue;
    const seen = samples.get(a.sample);
    if (!seen || a.attempt > seen.attempt) samples.set(a.sample, a);
  }
  return samples;
}

/** The model a column of the logged run shows. */
export function modelOfColumn(record: RunRecord, columnId: string): string | undefined {
  const i = Number(/^c(\d+)$/.exec(columnId)?.[1] ?? NaN);
  return Number.isInteger(i) ? columnOrder(record)[i] : undefined;
}

/** The logged attempt of the sample a column of a logged Repeat N run shows (undefined for one sample per model). */
export function shownLoggedAttempt(record: RunRecord, columnId: string, shown: ReadonlyMap<string, number>): AttemptRecord | undefined {
  const modelId = modelOfColumn(record, columnId);
  const samples = modelId === undefined ? undefined : loggedSamples(record, modelId);
  if (!samples || samples.size === 0) return undefined;
  return samples.get(shown.get(columnId) ?? 1) ?? samples.get(Math.min(...samples.keys()));
}

/**
 * The view of a logged Repeat N run with sample `shown.get(columnId)` (default 1) on each column, and each column's
 * samples line. A run of one sample per model is returned as it is.
 */
export function withLoggedSamples(record: RunRecord, view: RunView, shown: ReadonlyMap<string, number>): RunView {
  const count = record.repeat ?? 1;
  if (count < 2) return view;
  const masked = recordMasked(record);
  const original = loggedOriginal(record);
  const states = view.states.map((s) => {
    const modelId = modelOfColumn(record, s.columnId);
    const samples = modelId === undefined ? new Map<number, AttemptRecord>() : loggedSamples(record, modelId);
    if (samples.size === 0) return s;
    const passedOf = (a: AttemptRecord | undefined): boolean | undefined => {
      const checks = (record.verifications ?? []).filter((v) => a !== undefined && v.modelId === a.modelId && v.attempt === a.attempt && v.state !== 'error' && v.state !== 'cancelled');
      const last = checks[checks.length - 1];
      return last === undefined ? undefined : last.state === 'passed';
    };
    const list = Array.from({ length: count }, (_, i) => samples.get(i + 1));
    const stats = sampleStats(
      list.map((a) => ({
        state: a?.state ?? 'incomplete',
        ttftMs: a?.metrics.ttftMs,
        totalMs: a?.metrics.totalMs,
        costUsd: a?.metrics.costUsd,
        code: a?.extractedCode,
        text: a?.text ?? '',
        passed: passedOf(a),
      })),
    );
    const wanted = shown.get(s.columnId) ?? 1;
    const number = samples.has(wanted) ? wanted : (Math.min(...samples.keys()));
    const out = samples.get(number);
    const samplesView = samplesViewOf(stats, number, list.map((a) => a?.state ?? 'incomplete'), masked);
    if (!out) return { ...s, samples: samplesView };
    const metrics = { startedAt: Date.parse(record.createdAt), ...Object.fromEntries(Object.entries(out.metrics).filter(([, v]) => v !== undefined)) } as NonNullable<typeof s.metrics>;
    if (masked) delete metrics.costUsd;
    const edit = loggedEditSummary(record, out, original);
    const { edit: _edit, error: _error, ...rest } = s;
    return {
      ...rest,
      state: out.state,
      text: out.text,
      reasoning: out.reasoning ?? '',
      metrics,
      ...(edit ? { edit } : {}),
      ...(out.error === undefined ? {} : { error: capText(out.error) }),
      samples: samplesView,
    };
  });
  return { ...view, states };
}

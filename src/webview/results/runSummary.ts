/**
 * The summary row: which column had the fastest first token, the fastest total, the cheapest answer, and which
 * answers give usable code. Pure.
 */
import type { ColumnStateView } from '../../shared/protocol';

export type RunSummary = {
  fastestFirstToken?: { columnId: string; ms: number };
  fastestTotal?: { columnId: string; ms: number };
  cheapest?: { columnId: string; usd: number };
  usableCode: string[];
  finished: number;
  total: number;
};

function ttftOf(s: ColumnStateView): number | undefined {
  const m = s.metrics;
  if (!m) return undefined;
  return m.ttftMs ?? (m.firstTokenAt !== undefined ? m.firstTokenAt - m.startedAt : undefined);
}

function totalOf(s: ColumnStateView): number | undefined {
  const m = s.metrics;
  if (!m) return undefined;
  return m.totalMs ?? (m.endedAt !== undefined ? m.endedAt - m.startedAt : undefined);
}

function minBy<T>(items: readonly T[], value: (item: T) => number | undefined): { item: T; value: number } | undefined {
  let best: { item: T; value: number } | undefined;
  for (const item of items) {
    const v = value(item);
    if (v === undefined || !Number.isFinite(v)) continue;
    if (!best || v < best.value) best = { item, value: v };
  }
  return best;
}

/** Only answers that completed ('done') compete for fastest total and cheapest; any column may have a first token. */
export function summarizeRun(states: readonly ColumnStateView[]): RunSummary {
  const done = states.filter((s) => s.state === 'done');
  const ttft = minBy(states, ttftOf);
  const total = minBy(done, totalOf);
  const cheapest = minBy(done, (s) => s.metrics?.costUsd);
  return {
    ...(ttft ? { fastestFirstToken: { columnId: ttft.item.columnId, ms: ttft.value } } : {}),
    ...(total ? { fastestTotal: { columnId: total.item.columnId, ms: total.value } } : {}),
    ...(cheapest ? { cheapest: { columnId: cheapest.item.columnId, usd: cheapest.value } } : {}),
    usableCode: [...new Set(done.filter((s) => s.edit?.hasCode && s.edit.applyBlocked === undefined).map((s) => s.columnId))],
    finished: states.filter((s) => s.state !== 'queued' && s.state !== 'streaming').length,
    total: states.length,
  };
}

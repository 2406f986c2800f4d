/**
 * Text for the numbers shown in the webviews. Conventions: durations as "412 ms" or "1.2 s"; "~" in front of
 * anything derived from estimated token counts; "—" for an unknown value (notably an unknown price).
 */
import type { MetricsView } from '../../shared/protocol';

export const UNKNOWN = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return integer.format(value);
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return UNKNOWN;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 100_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

export function formatCost(usd: number | undefined, estimated = false): string {
  if (usd === undefined || !Number.isFinite(usd) || usd < 0) return UNKNOWN;
  const prefix = estimated ? '~' : '';
  if (usd === 0) return `${prefix}$0`;
  if (usd < 0.0001) return `${prefix}<$0.0001`;
  if (usd < 0.01) return `${prefix}$${usd.toFixed(4)}`;
  if (usd < 1) return `${prefix}$${usd.toFixed(3)}`;
  return `${prefix}$${usd.toFixed(2)}`;
}

export function formatTokensPerSecond(tps: number | undefined, estimated = false): string {
  if (tps === undefined || !Number.isFinite(tps) || tps <= 0) return UNKNOWN;
  return `${estimated ? '~' : ''}${tps < 10 ? tps.toFixed(1) : Math.round(tps)} tok/s`;
}

/** `estimated`: one flag for both counts, or which of the two are estimates. */
export function formatTokens(
  input: number | undefined,
  output: number | undefined,
  estimated: boolean | { input: boolean; output: boolean } = false,
): string {
  if (input === undefined && output === undefined) return UNKNOWN;
  const flags = typeof estimated === 'boolean' ? { input: estimated, output: estimated } : estimated;
  const part = (n: number | undefined, est: boolean) => (n === undefined ? UNKNOWN : `${est ? '~' : ''}${formatCount(n)}`);
  return `${part(input, flags.input)} in · ${part(output, flags.output)} out`;
}

export type MetricTexts = { ttft: string; total: string; tps: string; tokens: string; cost: string };

/**
 * The metric row of one column. While the column is still running, `total` ticks: it is computed from `startedAt`
 * and `now` (the same machine's clock as the host that stamped it).
 */
export function metricTexts(metrics: MetricsView | undefined, running: boolean, now: number): MetricTexts {
  if (!metrics) return { ttft: UNKNOWN, total: UNKNOWN, tps: UNKNOWN, tokens: UNKNOWN, cost: UNKNOWN };
  const ttftMs = metrics.ttftMs ?? (metrics.firstTokenAt !== undefined ? metrics.firstTokenAt - metrics.startedAt : undefined);
  const totalMs = running
    ? Math.max(0, now - metrics.startedAt)
    : (metrics.totalMs ?? (metrics.endedAt !== undefined ? metrics.endedAt - metrics.startedAt : undefined));
  const estimated = metrics.tokensEstimated;
  const perCount = { input: metrics.inputEstimated ?? estimated, output: metrics.outputEstimated ?? estimated };
  return {
    ttft: formatDuration(ttftMs),
    total: formatDuration(totalMs),
    tps: formatTokensPerSecond(metrics.tokensPerSecond, perCount.output),
    tokens: formatTokens(metrics.inputTokens, metrics.outputTokens, perCount),
    cost: formatCost(metrics.costUsd, estimated),
  };
}

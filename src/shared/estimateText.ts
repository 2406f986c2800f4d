/**
 * The words of a pre-run estimate, the same in the sidebar, the progress title and the confirmation dialog:
 * "≈1,234 in + ≤8,192 out tokens · ≈$0.0031–$0.082 for 2 models". Every number is marked as an estimate.
 * Pure (used by the host and the sidebar webview).
 */

export interface EstimateFigures {
  inputTokens: number;
  /** Sum of the models' output bounds. */
  outputTokens: number;
  costLowUsd?: number | undefined;
  costHighUsd?: number | undefined;
  models: number;
  unknownPriceModels: number;
  /** Models whose input was counted with the heuristic instead of a tokenizer. */
  heuristicModels: number;
  /** Some output bound is the default, not the model's `maxTokens`. */
  defaultBound?: boolean | undefined;
  /** Repeat N: samples per model, already counted in the output and the costs (absent or 1: one). */
  samples?: number | undefined;
}

/**
 * The output bound of a model without `maxTokens`. No provider caps answers this low, but a fix or refactor of a
 * selection rarely runs longer, and the estimate says it assumed this bound (set `maxTokens` for a firm one).
 */
export const DEFAULT_OUTPUT_BOUND = 4_096;

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "$0.0031", "$0.082", "$1.25"; "<$0.0001" for a non-zero cost too small to show. */
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (value < 0.0001) return '<$0.0001';
  if (value < 0.01) return `$${value.toFixed(4)}`;
  if (value < 1) return `$${value.toFixed(3)}`;
  return `$${value.toFixed(2)}`;
}

/** "≈$0.0031–$0.082" (one value when both ends round the same), or undefined without a known price. */
export function costRange(low: number | undefined, high: number | undefined): string | undefined {
  if (low === undefined || high === undefined) return undefined;
  const [a, b] = [usd(low), usd(high)];
  return a === b ? `≈${a}` : `≈${a}–${b}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The one-line estimate. */
export function estimateSummary(e: EstimateFigures): string {
  const tokens = `≈${count.format(e.inputTokens)} in + ≤${count.format(e.outputTokens)} out tokens`;
  const cost = costRange(e.costLowUsd, e.costHighUsd);
  const who = `${plural(e.models, 'model')}${(e.samples ?? 1) > 1 ? ` ×${e.samples}` : ''}`;
  if (cost === undefined) return `${tokens} · cost unknown for ${who}`;
  const unknown = e.unknownPriceModels > 0 ? ` (${plural(e.unknownPriceModels, 'unknown price')})` : '';
  return `${tokens} · ${cost} for ${who}${unknown}`;
}

/** What the estimate assumed, for a tooltip or a dialog's detail. */
export function estimateCaveats(e: EstimateFigures): string {
  const parts = ['An estimate: providers count and bill with their own tokenizers.'];
  if ((e.samples ?? 1) > 1) parts.push(`Each model answers ${e.samples} times (Repeat N): the output bound and the costs are for all ${e.samples} samples.`);
  if (e.heuristicModels > 0) {
    parts.push(`Input tokens of ${plural(e.heuristicModels, 'model')} are a heuristic count (≈4 characters a token): no tokenizer is bundled for their family.`);
  }
  parts.push(e.defaultBound ? `The output bound is each model's maxTokens, or ${count.format(DEFAULT_OUTPUT_BOUND)} where none is set.` : 'The output bound is each model\'s maxTokens.');
  parts.push('The lower cost is the input alone, the upper one the input plus the whole output bound.');
  return parts.join(' ');
}

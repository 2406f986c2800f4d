/**
 * Prices in USD per one million tokens, and the cost of one answer.
 *
 * Reasoning/thinking tokens are billed at the output rate. Every API Parallax talks to (OpenAI
 * `completion_tokens`, Anthropic `output_tokens`, DeepSeek, OpenAI-compatible servers) already counts them inside
 * the output tokens, so cost = input × input rate + output × output rate, with no separate reasoning term.
 *
 * Local models (Ollama, LM Studio, …) have no default price: their cost is unknown unless the user sets a price
 * (0 is a valid price) in `parallax.prices`.
 */

export interface ModelPrice {
  /** USD per 1M input (prompt) tokens. */
  inputPerMTok: number;
  /** USD per 1M output tokens, reasoning included. */
  outputPerMTok: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * List prices (standard tier, no caching or batch discounts), checked on 2026-11-28 against public pricing
 * pages found through search (OpenAI pricing tables, Anthropic model pages, api-docs.deepseek.com). Sources
 * disagreed for a few entries; treat them as approximate and override them in `parallax.prices` when it matters.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  o3: { inputPerMTok: 2, outputPerMTok: 8 },
  'o3-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'o4-mini': { inputPerMTok: 1.1, outputPerMTok: 4.4 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-3-5-haiku': { inputPerMTok: 0.8, outputPerMTok: 4 },
  'deepseek-chat': { inputPerMTok: 0.27, outputPerMTok: 1.1 },
  'deepseek-reasoner': { inputPerMTok: 0.55, outputPerMTok: 2.19 },
};

/** Dated or aliased ids: `claude-sonnet-4-5-20250929`, `gpt-4.1-2025-04-14`, `claude-3-5-haiku-latest`. */
const VERSION_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/;

/** Exact id first, then the id without a date/`-latest` suffix. */
export function findPrice(table: PriceTable, modelId: string): ModelPrice | undefined {
  const own = (id: string): ModelPrice | undefined => (Object.hasOwn(table, id) ? table[id] : undefined);
  return own(modelId) ?? own(modelId.replace(VERSION_SUFFIX, ''));
}

export interface PricedModel {
  /** The configured entry id (`parallax.models[].id`). */
  entryId: string;
  /** The provider-side model id. */
  model: string;
  /** True for models served on this machine; they get no default price. */
  local: boolean;
}

/**
 * The price for one configured model, user prices (`parallax.prices`) on top of the defaults: a user price
 * keyed by entry id, then by model id, then (for non-local models only) the default table. Undefined: unknown.
 */
export function resolvePrice(entry: PricedModel, overrides: PriceTable = {}): ModelPrice | undefined {
  return (
    findPrice(overrides, entry.entryId) ??
    findPrice(overrides, entry.model) ??
    (entry.local ? undefined : findPrice(DEFAULT_PRICES, entry.model))
  );
}

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** USD cost, or undefined when the price or a token count is unknown. Never 0 unless the price is 0. */
export function costUsd(price: ModelPrice | undefined, usage: TokenUsage): number | undefined {
  if (!price || usage.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
}

/**
 * The estimate shown before a run is sent: for each model, the prompt's input tokens (counted with the real
 * tokenizer for OpenAI-family models when one is loaded, else the heuristic of tokenEstimate.ts), an upper bound on
 * its output (its `maxTokens`, else {@link DEFAULT_OUTPUT_BOUND}), and a cost range from "input only" to "input plus
 * the whole output bound". Always an estimate: providers count (and bill) with their own tokenizers.
 * No `vscode` import (unit-tested).
 */
import { costUsd, type PriceTable, resolvePrice, type PricedModel } from './pricing';
import { DEFAULT_OUTPUT_BOUND } from '../../shared/estimateText';
import { estimateTokens } from './tokenEstimate';

export { DEFAULT_OUTPUT_BOUND };

/** How a model's input tokens were counted. */
export type TokenCounting = 'tokenizer' | 'heuristic';

/** Counts tokens with a real tokenizer (gpt-tokenizer's o200k_base, see host/run/openaiTokenizer.ts). */
export type TokenCounter = (text: string) => number;

export interface EstimatedModel {
  priced: PricedModel;
  provider: string;
  maxTokens?: number | undefined;
}

export interface ModelEstimate {
  entryId: string;
  inputTokens: number;
  counting: TokenCounting;
  outputBound: number;
  /** True when the bound is {@link DEFAULT_OUTPUT_BOUND}, not the model's `maxTokens`. */
  defaultBound: boolean;
  /** Undefined when the price is unknown. */
  costLowUsd?: number;
  costHighUsd?: number;
}

export interface RunEstimate {
  models: ModelEstimate[];
  /** The largest input count over the models (the prompt is the same; tokenizers differ). */
  inputTokens: number;
  /** Sum of the output bounds. */
  outputBound: number;
  /** Sums over the models with a known price; undefined when no price is known. */
  costLowUsd?: number;
  costHighUsd?: number;
  unknownPriceModels: number;
  /** How many models were counted with the heuristic (no tokenizer for their family, or none loaded). */
  heuristicModels: number;
  /** Some model has no `maxTokens`, so its bound is the default. */
  defaultBound: boolean;
  /** Repeat N: samples per model; output bounds and costs are for all of them (absent: one). */
  samples?: number;
}

/** OpenAI's own models (gpt-4o, gpt-4.1, gpt-5, o1/o3/o4…), also when served through a router ("openai/gpt-4o"). */
const O200K_MODELS = /^(?:openai\/)?(?:gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o[1-9](?:-|$)|gpt-oss)/i;

/** Whether the o200k_base tokenizer is the one this model counts with. */
export function usesOpenAiTokenizer(model: string): boolean {
  return O200K_MODELS.test(model.trim());
}

/**
 * `counter`: the loaded OpenAI tokenizer, or undefined (not loaded, or failed to load): then every model is counted
 * with the heuristic, and the estimate says so.
 */
export function estimateRun(promptText: string, models: readonly EstimatedModel[], prices: PriceTable, counter?: TokenCounter): RunEstimate {
  let heuristicCount: number | undefined;
  let tokenizerCount: number | undefined;
  const perModel = models.map((m): ModelEstimate => {
    const exact = counter !== undefined && usesOpenAiTokenizer(m.priced.model);
    const inputTokens = exact ? (tokenizerCount ??= counter(promptText)) : (heuristicCount ??= estimateTokens(promptText));
    const outputBound = m.maxTokens ?? DEFAULT_OUTPUT_BOUND;
    const price = resolvePrice(m.priced, prices);
    const low = costUsd(price, { inputTokens, outputTokens: 0 });
    const high = costUsd(price, { inputTokens, outputTokens: outputBound });
    return {
      entryId: m.priced.entryId,
      inputTokens,
      counting: exact ? 'tokenizer' : 'heuristic',
      outputBound,
      defaultBound: m.maxTokens === undefined,
      ...(low === undefined ? {} : { costLowUsd: low }),
      ...(high === undefined ? {} : { costHighUsd: high }),
    };
  });
  const priced = perModel.filter((m) => m.costHighUsd !== undefined);
  const sum = (pick: (m: ModelEstimate) => number | undefined): number => priced.reduce((s, m) => s + (pick(m) ?? 0), 0);
  return {
    models: perModel,
    inputTokens: Math.max(0, ...perModel.map((m) => m.inputTokens)),
    outputBound: perModel.reduce((s, m) => s + m.outputBound, 0),
    ...(priced.length > 0 ? { costLowUsd: sum((m) => m.costLowUsd), costHighUsd: sum((m) => m.costHighUsd) } : {}),
    unknownPriceModels: perModel.length - priced.length,
    heuristicModels: perModel.filter((m) => m.counting === 'heuristic').length,
    defaultBound: perModel.some((m) => m.defaultBound),
  };
}

/**
 * The estimate of a Repeat N run: every model is asked `samples` times with the same prompt, so each model's output
 * bound and cost range, and their sums, are `samples` times one request's. The input count stays the prompt's size.
 */
export function repeatedEstimate(estimate: RunEstimate, samples: number): RunEstimate {
  const n = Math.floor(samples);
  if (!(n > 1)) return estimate;
  const costs = (e: { costLowUsd?: number; costHighUsd?: number }): { costLowUsd?: number; costHighUsd?: number } => ({
    ...(e.costLowUsd === undefined ? {} : { costLowUsd: e.costLowUsd * n }),
    ...(e.costHighUsd === undefined ? {} : { costHighUsd: e.costHighUsd * n }),
  });
  return {
    ...estimate,
    ...costs(estimate),
    models: estimate.models.map((m) => ({ ...m, outputBound: m.outputBound * n, ...costs(m) })),
    outputBound: estimate.outputBound * n,
    samples: n,
  };
}

/** Whether a run with this estimate needs the user's go-ahead: its upper cost is above the threshold. */
export function needsConfirmation(estimate: RunEstimate, confirmAboveUsd: number): boolean {
  return estimate.costHighUsd !== undefined && estimate.costHighUsd > confirmAboveUsd;
}

/**
 * The estimate of a run before it is sent, from the prompt it would send and the configured models: the sidebar
 * shows it for the chosen template, the progress title carries it, and above `parallax.confirmAboveUsd` the user is
 * asked first (runPreflight.ts). Loads OpenAI's tokenizer on first use. No `vscode` import.
 */
import { loadOpenAiTokenizer } from '../../core/compare/openaiTokenizer';
import type { PriceTable } from '../../core/compare/pricing';
import { estimateRun, type RunEstimate } from '../../core/compare/runEstimate';
import type { ModelConfig } from '../../core/config/modelConfig';
import { pricedModelFrom } from '../../core/config/modelRequest';
import { findPreset } from '../../core/providers/openaiCompatiblePresets';
import type { EstimateFigures } from '../../shared/estimateText';
import type { EstimateView, TemplateId } from '../../shared/protocol';

/** The text every model receives: system prompt and user message. */
export function promptText(prompt: { system: string; user: string }): string {
  return `${prompt.system}\n${prompt.user}`;
}

export async function estimatePrompt(prompt: { system: string; user: string }, configs: readonly ModelConfig[], prices: PriceTable): Promise<RunEstimate> {
  const counter = await loadOpenAiTokenizer();
  const models = configs.map((c) => ({ priced: pricedModelFrom(c, (id) => findPreset(id)?.local ?? false), provider: c.provider, maxTokens: c.maxTokens }));
  return estimateRun(promptText(prompt), models, prices, counter);
}

export function estimateFigures(estimate: RunEstimate): EstimateFigures {
  return {
    inputTokens: estimate.inputTokens,
    outputTokens: estimate.outputBound,
    costLowUsd: estimate.costLowUsd,
    costHighUsd: estimate.costHighUsd,
    models: estimate.models.length,
    unknownPriceModels: estimate.unknownPriceModels,
    heuristicModels: estimate.heuristicModels,
    defaultBound: estimate.defaultBound,
    ...(estimate.samples === undefined ? {} : { samples: estimate.samples }),
  };
}

/** The sidebar's view of an estimate. `costUsd` stays the input-only cost, as before. */
export function estimateView(estimate: RunEstimate, template: TemplateId): EstimateView {
  return {
    inputTokens: estimate.inputTokens,
    ...(estimate.costLowUsd === undefined ? {} : { costUsd: estimate.costLowUsd, costLowUsd: estimate.costLowUsd }),
    ...(estimate.costHighUsd === undefined ? {} : { costHighUsd: estimate.costHighUsd }),
    unknownPriceModels: estimate.unknownPriceModels,
    template,
    outputTokens: estimate.outputBound,
    heuristicModels: estimate.heuristicModels,
    defaultBound: estimate.defaultBound,
  };
}

/**
 * The sidebar's cost preview: input tokens of the prompt the current selection would produce, and the input cost
 * over the selected models with a known price. Estimates only (see core tokenEstimate). No `vscode` import.
 */
import { findPreset } from '../../core/providers/openaiCompatiblePresets';
import { costUsd, type PriceTable, resolvePrice } from '../../core/compare/pricing';
import { estimateTokens } from '../../core/compare/tokenEstimate';
import type { ModelConfig } from '../../core/config/modelConfig';
import { pricedModelFrom } from '../../core/config/modelRequest';
import type { EstimateView } from '../../shared/protocol';

export function estimateInputCost(promptText: string, models: readonly ModelConfig[], prices: PriceTable): EstimateView {
  const inputTokens = estimateTokens(promptText);
  let total: number | undefined;
  let unknownPriceModels = 0;
  for (const model of models) {
    const price = resolvePrice(pricedModelFrom(model, (id) => findPreset(id)?.local ?? false), prices);
    const cost = costUsd(price, { inputTokens, outputTokens: 0 });
    if (cost === undefined) unknownPriceModels += 1;
    else total = (total ?? 0) + cost;
  }
  return { inputTokens, ...(total === undefined ? {} : { costUsd: total }), unknownPriceModels };
}

/**
 * Texts of the sidebar that are worth testing on their own: the estimate line, the selection chip, what the
 * instruction box means for each template, model status words. Pure.
 */
import type { ContextSummaryView, EstimateView, ModelEntryView, TemplateId } from '../../shared/protocol';
import { type EstimateFigures, estimateCaveats, estimateSummary } from '../../shared/estimateText';
import { MAX_MODELS, TEMPLATE_TITLES } from '../../shared/vocabulary';

export type InstructionField = { shown: boolean; label: string; placeholder: string; required: boolean };

export function instructionField(template: TemplateId): InstructionField {
  switch (template) {
    case 'fix':
      return { shown: true, label: 'Extra error text (optional)', placeholder: 'Paste an error message or stack trace…', required: false };
    case 'refactor':
      return { shown: true, label: 'Refactoring goal', placeholder: 'e.g. extract the parsing into a function', required: false };
    case 'custom':
      return { shown: true, label: 'Prompt', placeholder: 'Ask all selected models…', required: true };
    case 'explain':
    case 'tests':
      return { shown: false, label: '', placeholder: '', required: false };
  }
}

/** "≈1,234 in + ≤8,192 out tokens · ≈$0.0031–$0.082 for 2 models (1 unknown price)", for the chosen template. */
export function estimateLine(estimate: EstimateView | null, selectedModels: number, samples = 1): string {
  if (!estimate || selectedModels === 0) return '';
  const line = estimateSummary(estimateFiguresOf(estimate, selectedModels, samples));
  return estimate.template ? `${line} · ${TEMPLATE_TITLES[estimate.template]} prompt` : line;
}

/** What the estimate assumed (the line's tooltip). */
export function estimateTooltip(estimate: EstimateView, selectedModels: number, samples = 1): string {
  return estimateCaveats(estimateFiguresOf(estimate, selectedModels, samples));
}

/** `samples`: Repeat N's samples per model; the output bound and the costs are for all of them. */
function estimateFiguresOf(estimate: EstimateView, selectedModels: number, samples: number): EstimateFigures {
  const n = Number.isInteger(samples) && samples > 1 ? samples : 1;
  const times = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * n);
  return {
    inputTokens: estimate.inputTokens,
    outputTokens: (estimate.outputTokens ?? 0) * n,
    costLowUsd: times(estimate.costLowUsd ?? estimate.costUsd),
    costHighUsd: times(estimate.costHighUsd ?? estimate.costUsd),
    ...(n > 1 ? { samples: n } : {}),
    models: selectedModels,
    unknownPriceModels: estimate.unknownPriceModels,
    heuristicModels: estimate.heuristicModels ?? selectedModels,
    defaultBound: estimate.defaultBound,
  };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** "dates.ts:12–30" (one line: "dates.ts:12"). */
export function selectionChip(context: ContextSummaryView): string {
  const lines = context.startLine === context.endLine ? `${context.startLine}` : `${context.startLine}–${context.endLine}`;
  return `${baseName(context.filePath)}:${lines}`;
}

export function diagnosticsChip(count: number): string {
  return count === 0 ? 'no problems' : `${count} problem${count === 1 ? '' : 's'}`;
}

export function modelStatusText(model: ModelEntryView): string {
  switch (model.status) {
    case 'ready':
      return '';
    case 'missing-key':
      return model.statusMessage ?? 'missing key';
    case 'invalid':
      return model.statusMessage ?? 'invalid configuration';
    case 'untrusted':
      return model.statusMessage ?? 'untrusted workspace';
  }
}

/** Why Run is disabled, or undefined when it may run. */
export function runBlocker(options: { running: boolean; selected: number; template: TemplateId; instruction: string }): string | undefined {
  if (options.running) return 'A comparison is running';
  if (options.selected === 0) return 'Select at least one model';
  if (options.selected > MAX_MODELS) return `Select at most ${MAX_MODELS} models`;
  if (instructionField(options.template).required && !options.instruction.trim()) return 'Write a prompt first';
  return undefined;
}

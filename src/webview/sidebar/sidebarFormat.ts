/**
 * Texts of the sidebar that are worth testing on their own: the estimate line, the selection chip, what the
 * instruction box means for each template, model status words. Pure.
 */
import type { ContextSummaryView, EstimateView, ModelEntryView, TemplateId } from '../../shared/protocol';
import { MAX_MODELS } from '../../shared/vocabulary';
import { formatCost, formatCount } from '../common/metricFormat';

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

/** "~1,234 input tokens · ~$0.004 for 3 models (1 unknown price)". */
export function estimateLine(estimate: EstimateView | null, selectedModels: number): string {
  if (!estimate || selectedModels === 0) return '';
  const tokens = `~${formatCount(estimate.inputTokens)} input tokens`;
  const models = `${selectedModels} model${selectedModels === 1 ? '' : 's'}`;
  const unknown = estimate.unknownPriceModels;
  if (estimate.costUsd === undefined) return `${tokens} · cost unknown for ${models}`;
  const unknownNote = unknown > 0 ? ` (${unknown} unknown price${unknown === 1 ? '' : 's'})` : '';
  return `${tokens} · ${formatCost(estimate.costUsd, true)} for ${models}${unknownNote}`;
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

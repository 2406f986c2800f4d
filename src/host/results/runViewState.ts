/**
 * The results panel's view of one run, kept by the host: which model is in which column, what each column has
 * streamed so far, its metrics, extracted edit and vote. It turns engine `RunEvent`s into protocol column updates
 * and renders the full `RunView` (first paint, reveal after a blind vote, restore after reload).
 * No `vscode` import (unit-tested).
 */
import type { ModelOutcome, ModelSpec, RunEvent } from '../../core/compare/runTypes';
import type {
  ColumnUpdate,
  EditSummaryView,
  MetricsView,
  RunStateView,
  RunView,
  TemplateId,
  VoteView,
} from '../../shared/protocol';
import { capText, TEXT_CAPS } from '../../shared/vocabulary';
import { type ColumnAssignment, columnView, metricsView } from './blindColumns';

export interface RunMeta {
  runId: string;
  template: TemplateId;
  title: string;
  /** ISO timestamp. */
  createdAt: string;
  requestHash: string;
  /** e.g. "src/dates.ts:12-30 · typescript". */
  contextLabel: string;
}

interface ColumnSlot {
  columnId: string;
  spec: ModelSpec;
  state: RunStateView;
  text: string;
  reasoning: string;
  metrics?: MetricsView;
  error?: string;
  edit?: EditSummaryView;
}

/** The user-facing error line of an outcome. */
export function outcomeErrorText(outcome: Pick<ModelOutcome, 'state' | 'error'>): string | undefined {
  if (outcome.error) return capText(outcome.error.message);
  if (outcome.state === 'incomplete') return 'The answer stopped before the provider said it was finished.';
  return undefined;
}

export class RunViewState {
  private readonly slots: ColumnSlot[];
  private readonly byModel = new Map<string, ColumnSlot>();
  private readonly blind: boolean;
  private vote: VoteView | undefined;
  private revealed = false;

  constructor(
    readonly meta: RunMeta,
    specs: readonly ModelSpec[],
    assignments: readonly ColumnAssignment[],
    blind: boolean,
  ) {
    const specById = new Map(specs.map((s) => [s.id, s]));
    this.slots = assignments.map(({ columnId, modelId }) => {
      const spec = specById.get(modelId);
      if (!spec) throw new Error(`No model '${modelId}' in this run`);
      return { columnId, spec, state: 'queued' as const, text: '', reasoning: '' };
    });
    for (const slot of this.slots) this.byModel.set(slot.spec.id, slot);
    this.blind = blind;
  }

  get runId(): string {
    return this.meta.runId;
  }

  /** Identities are hidden: blind, not yet voted and not revealed. */
  get masked(): boolean {
    return this.blind && this.vote === undefined && !this.revealed;
  }

  /** Shows the names before a vote (blind mode turned off mid-run). */
  reveal(): void {
    this.revealed = true;
  }

  get isBlind(): boolean {
    return this.blind;
  }

  get currentVote(): VoteView | undefined {
    return this.vote;
  }

  /** Model ids left to right, as the columns are shown. */
  get shownOrder(): string[] {
    return this.slots.map((s) => s.spec.id);
  }

  get specs(): ModelSpec[] {
    return this.slots.map((s) => s.spec);
  }

  columnIdOf(modelId: string): string | undefined {
    return this.byModel.get(modelId)?.columnId;
  }

  modelIdOf(columnId: string): string | undefined {
    return this.slots.find((s) => s.columnId === columnId)?.spec.id;
  }

  /** Label for a column in host UI (quick picks, diff titles), masked in blind mode. */
  columnLabel(columnId: string): string | undefined {
    const index = this.slots.findIndex((s) => s.columnId === columnId);
    const slot = this.slots[index];
    return slot ? columnView(slot.columnId, index, slot.spec, this.masked).displayLabel : undefined;
  }

  columnIds(): string[] {
    return this.slots.map((s) => s.columnId);
  }

  /** Folds one engine event in and returns the column updates the panel needs. */
  apply(event: RunEvent): ColumnUpdate[] {
    if (event.type === 'run-start' || event.type === 'run-end' || event.runId !== this.meta.runId) return [];
    const modelId = event.type === 'model-end' ? event.outcome.modelId : event.modelId;
    const slot = this.byModel.get(modelId);
    if (!slot) return [];
    const columnId = slot.columnId;
    switch (event.type) {
      case 'model-start': {
        // A second model-start is a retry: the column starts over.
        const restarted = slot.state !== 'queued';
        this.clear(slot);
        slot.state = 'streaming';
        const start: ColumnUpdate = { kind: 'state', columnId, state: 'streaming' };
        return restarted ? [{ kind: 'reset', columnId }, start] : [start];
      }
      case 'delta':
        if (event.channel === 'text') slot.text += event.text;
        else slot.reasoning += event.text;
        return [{ kind: 'delta', columnId, channel: event.channel, text: event.text }];
      case 'metrics':
        slot.metrics = event.metrics;
        return [{ kind: 'metrics', columnId, metrics: metricsView(event.metrics, this.masked) }];
      case 'model-end': {
        const { outcome } = event;
        slot.state = outcome.state;
        slot.metrics = outcome.metrics;
        // The outcome is authoritative; it only differs from the deltas if some were missed.
        slot.text = outcome.text;
        slot.reasoning = outcome.reasoning;
        const error = outcomeErrorText(outcome);
        if (error === undefined) delete slot.error;
        else slot.error = error;
        return [
          { kind: 'metrics', columnId, metrics: metricsView(outcome.metrics, this.masked) },
          { kind: 'state', columnId, state: outcome.state, ...(error === undefined ? {} : { error }) },
        ];
      }
    }
  }

  /** The extracted edit a column shows, if any. */
  editOf(columnId: string): EditSummaryView | undefined {
    return this.slots.find((s) => s.columnId === columnId)?.edit;
  }

  setEdit(modelId: string, edit: EditSummaryView): ColumnUpdate[] {
    const slot = this.byModel.get(modelId);
    if (!slot) return [];
    slot.edit = edit;
    return [{ kind: 'edit', columnId: slot.columnId, edit }];
  }

  private clear(slot: ColumnSlot): void {
    slot.text = '';
    slot.reasoning = '';
    delete slot.metrics;
    delete slot.error;
    delete slot.edit;
  }

  setVote(vote: VoteView): void {
    this.vote = vote;
  }

  /** True when every column reached an end state. */
  get finished(): boolean {
    return this.slots.every((s) => s.state !== 'queued' && s.state !== 'streaming');
  }

  toView(reasonTags: readonly string[], readOnly: boolean): RunView {
    const masked = this.masked;
    return {
      ...this.meta,
      columns: this.slots.map((s, i) => columnView(s.columnId, i, s.spec, masked)),
      states: this.slots.map((s) => ({
        columnId: s.columnId,
        state: s.state,
        text: s.text,
        reasoning: s.reasoning,
        ...(s.metrics ? { metrics: metricsView(s.metrics, masked) } : {}),
        ...(s.error === undefined ? {} : { error: s.error }),
        ...(s.edit ? { edit: s.edit } : {}),
      })),
      blind: this.blind,
      readOnly,
      ...(this.vote ? { vote: this.vote } : {}),
      reasonTags: reasonTags.slice(0, TEXT_CAPS.tags),
    };
  }
}

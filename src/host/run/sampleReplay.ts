/**
 * Repeat N on the panel: which sample a column shows, whether an engine event belongs on the column, and replaying a
 * chosen sample on its column from scratch (text, metrics, end state, edit) so Diff, Apply, Copy, Verify and the
 * vote act on it. Holds no state of its own: it reads and writes the session's view state, samples and extractions.
 * No `vscode` import.
 */
import type { ExtractedEdit } from '../../core/edits/editTypes';
import type { PatchSet } from '../../core/edits/patchSetTypes';
import type { RunEvent } from '../../core/compare/runTypes';
import type { ColumnUpdate } from '../../shared/protocol';
import type { RunViewState } from '../results/runViewState';
import { type SampleSlot, type SampleSlots, stripSample } from './sampleSlots';

export interface ReplayTarget {
  readonly runId: string;
  readonly state: RunViewState;
  readonly samples: SampleSlots;
  /** The column's current edit, by model id (what Diff and Apply use). */
  readonly extracted: Map<string, ExtractedEdit>;
  readonly patchSets: Map<string, PatchSet>;
}

export class SampleReplay {
  constructor(private readonly target: ReplayTarget) {}

  /** Which sample a column shows (1 without Repeat N). */
  shownSample(columnId: string): number {
    const modelId = this.target.state.modelIdOf(columnId);
    return modelId === undefined ? 1 : this.target.samples.shownSample(modelId);
  }

  /** The code one sample of a column proposes, if any. */
  sampleCode(columnId: string, sample: number): string | undefined {
    const modelId = this.target.state.modelIdOf(columnId);
    const edit = modelId === undefined ? undefined : this.target.samples.slot(modelId, sample)?.edit;
    return edit?.kind === 'replacement' ? edit.code : undefined;
  }

  /**
   * What one sample of a column proposes (its code, or its multi-file patch set) and why it cannot be applied;
   * undefined when the column has no such sample or the sample has not ended.
   */
  sampleAnswer(columnId: string, sample: number): { code?: string; patchSet?: PatchSet; blocked?: string; attempt: number } | undefined {
    const modelId = this.target.state.modelIdOf(columnId);
    const slot = modelId === undefined ? undefined : this.target.samples.slot(modelId, sample);
    if (!slot?.outcome) return undefined;
    return {
      attempt: slot.attempt,
      ...(slot.edit?.kind === 'replacement' ? { code: slot.edit.code } : {}),
      ...(slot.patchSet ? { patchSet: slot.patchSet } : {}),
      ...(slot.summary?.applyBlocked ? { blocked: slot.summary.applyBlocked } : {}),
    };
  }

  /** The updates that show another (started) sample on its column, or undefined when there is no such sample. */
  show(columnId: string, sample: number): ColumnUpdate[] | undefined {
    const { state, samples } = this.target;
    const modelId = state.modelIdOf(columnId);
    if (modelId === undefined || !samples.repeated || !samples.show(modelId, sample)) return undefined;
    const slot = samples.slot(modelId, sample);
    return slot ? this.replay(modelId, slot) : undefined;
  }

  /** Whether an event belongs to the sample its column shows (always, without Repeat N). */
  shownOnColumn(event: RunEvent): boolean {
    const { samples } = this.target;
    if (!samples.repeated || event.type === 'run-start' || event.type === 'run-end') return true;
    const modelId = event.type === 'model-end' ? event.outcome.modelId : event.modelId;
    const sample = (event.type === 'model-end' ? event.outcome.sample : event.sample) ?? 1;
    return sample === samples.shownSample(modelId);
  }

  /** The column header's samples line, as an update. */
  samplesUpdate(modelId: string): ColumnUpdate[] {
    const { state, samples } = this.target;
    const columnId = state.columnIdOf(modelId);
    const view = samples.view(modelId, state.masked);
    return columnId === undefined || !view ? [] : [{ kind: 'samples', columnId, samples: view }];
  }

  /** Makes a sample's edit (or none) the column's current one. */
  showExtraction(modelId: string, slot: SampleSlot | undefined): void {
    const { extracted, patchSets } = this.target;
    if (slot?.edit) extracted.set(modelId, slot.edit);
    else extracted.delete(modelId);
    if (slot?.patchSet) patchSets.set(modelId, slot.patchSet);
    else patchSets.delete(modelId);
  }

  /** Shows a sample on its column from scratch: its text, metrics, end state and edit. */
  private replay(modelId: string, slot: SampleSlot): ColumnUpdate[] {
    const { runId, state } = this.target;
    const updates = state.apply({ type: 'model-start', runId, modelId, startedAt: slot.metrics?.startedAt ?? Date.now() });
    if (slot.reasoning) updates.push(...state.apply({ type: 'delta', runId, modelId, channel: 'reasoning', text: slot.reasoning }));
    if (slot.text) updates.push(...state.apply({ type: 'delta', runId, modelId, channel: 'text', text: slot.text }));
    if (slot.outcome) updates.push(...state.apply({ type: 'model-end', runId, outcome: stripSample(slot.outcome) }));
    else if (slot.metrics) updates.push(...state.apply({ type: 'metrics', runId, modelId, metrics: slot.metrics }));
    this.showExtraction(modelId, slot);
    if (slot.summary) updates.push(...state.setEdit(modelId, slot.summary));
    updates.push(...this.samplesUpdate(modelId));
    return updates;
  }
}

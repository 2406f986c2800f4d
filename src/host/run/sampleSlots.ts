/**
 * Repeat N inside one run: each model's samples as they stream and end (the attempt number each one is recorded
 * under, its outcome and its extracted edit), which sample a column shows, and the distribution the column's
 * header reports. No `vscode` import.
 */
import type { ModelOutcome, RunEvent } from '../../core/compare/runTypes';
import { sampleStats } from '../../core/compare/sampleStats';
import type { ExtractedEdit } from '../../core/edits/editTypes';
import type { PatchSet } from '../../core/edits/patchSetTypes';
import type { EditSummaryView, RunStateView, SamplesView } from '../../shared/protocol';

export interface SampleSlot {
  /** The attempt number this sample's latest attempt is recorded under (0 before it started). */
  attempt: number;
  state: RunStateView;
  text: string;
  reasoning: string;
  outcome?: ModelOutcome;
  /** The last metrics seen while streaming. */
  metrics?: ModelOutcome['metrics'];
  edit?: ExtractedEdit;
  patchSet?: PatchSet;
  summary?: EditSummaryView;
  /** Its check's result, once verified. */
  passed?: boolean;
}

export class SampleSlots {
  private readonly slots = new Map<string, SampleSlot[]>();
  private readonly shown = new Map<string, number>();

  constructor(
    modelIds: readonly string[],
    readonly count: number,
  ) {
    for (const id of modelIds) this.slots.set(id, Array.from({ length: count }, () => ({ attempt: 0, state: 'queued' as const, text: '', reasoning: '' })));
  }

  get repeated(): boolean {
    return this.count > 1;
  }

  slot(modelId: string, sample: number): SampleSlot | undefined {
    return this.slots.get(modelId)?.[sample - 1];
  }

  samplesOf(modelId: string): SampleSlot[] {
    return this.slots.get(modelId) ?? [];
  }

  shownSample(modelId: string): number {
    return this.shown.get(modelId) ?? 1;
  }

  shownSlot(modelId: string): SampleSlot | undefined {
    return this.slot(modelId, this.shownSample(modelId));
  }

  show(modelId: string, sample: number): boolean {
    const slot = this.slot(modelId, sample);
    if (!slot || slot.attempt === 0) return false;
    this.shown.set(modelId, sample);
    return true;
  }

  /**
   * A check of the sample recorded under `attempt` ended: it counts in the pass rate. False when no sample has that
   * attempt any more (it was retried since).
   */
  verified(modelId: string, attempt: number, passed: boolean): boolean {
    const slot = this.samplesOf(modelId).find((s) => s.attempt === attempt);
    if (!slot) return false;
    slot.passed = passed;
    return true;
  }

  /** Some sample of some model is still queued or streaming. */
  get anyRunning(): boolean {
    return [...this.slots.values()].some((list) => list.some((s) => s.state === 'queued' || s.state === 'streaming'));
  }

  /** Folds an engine event into its sample; `attempt` is the number a model-start was given. */
  apply(event: RunEvent, attempt?: number): void {
    if (event.type === 'run-start' || event.type === 'run-end') return;
    const modelId = event.type === 'model-end' ? event.outcome.modelId : event.modelId;
    const sample = (event.type === 'model-end' ? event.outcome.sample : event.sample) ?? 1;
    const slot = this.slot(modelId, sample);
    if (!slot) return;
    switch (event.type) {
      case 'model-start':
        Object.assign(slot, { attempt: attempt ?? slot.attempt + 1, state: 'streaming', text: '', reasoning: '' });
        for (const key of ['outcome', 'metrics', 'edit', 'patchSet', 'summary', 'passed'] as const) delete slot[key];
        return;
      case 'delta':
        if (event.channel === 'text') slot.text += event.text;
        else slot.reasoning += event.text;
        return;
      case 'metrics':
        slot.metrics = event.metrics;
        return;
      case 'model-end':
        slot.outcome = event.outcome;
        slot.state = event.outcome.state;
        slot.text = event.outcome.text;
        slot.reasoning = event.outcome.reasoning;
        slot.metrics = event.outcome.metrics;
        return;
    }
  }

  /** The column header's view of a model's samples; cost is left out while names are hidden. */
  view(modelId: string, masked: boolean): SamplesView | undefined {
    if (!this.repeated) return undefined;
    const list = this.samplesOf(modelId);
    const stats = sampleStats(
      list.map((s) => ({
        state: s.state,
        ttftMs: s.outcome?.metrics.ttftMs,
        totalMs: s.outcome?.metrics.totalMs,
        costUsd: s.outcome?.metrics.costUsd,
        code: s.edit?.kind === 'replacement' ? s.edit.code : undefined,
        text: s.text,
        passed: s.passed,
      })),
    );
    return samplesViewOf(stats, this.shownSample(modelId), list.map((s) => s.state), masked);
  }
}

export function samplesViewOf(stats: ReturnType<typeof sampleStats>, shown: number, states: RunStateView[], masked: boolean): SamplesView {
  return {
    shown,
    count: stats.count,
    settled: stats.settled,
    states,
    ...(stats.ttft ? { ttft: stats.ttft } : {}),
    ...(stats.total ? { total: stats.total } : {}),
    ...(stats.costUsd === undefined || masked ? {} : { costUsd: stats.costUsd }),
    costUnknown: masked ? 0 : stats.costUnknown,
    ...(stats.pass ? { pass: stats.pass } : {}),
    ...(stats.distinct === undefined ? {} : { distinct: stats.distinct }),
    ...(stats.similarity === undefined ? {} : { similarity: Math.min(1, Math.max(0, stats.similarity)) }),
    compared: stats.compared,
  };
}

export function stripSample(outcome: ModelOutcome): ModelOutcome {
  if (outcome.sample === undefined) return outcome;
  const { sample: _sample, ...rest } = outcome;
  return rest;
}

/** The event as the column view takes it (the view state knows nothing of samples). */
export function withoutSample(event: RunEvent): RunEvent {
  if (event.type === 'model-end') return { ...event, outcome: stripSample(event.outcome) };
  if (event.type === 'run-start' || event.type === 'run-end' || event.sample === undefined) return event;
  const { sample: _sample, ...rest } = event;
  return rest;
}


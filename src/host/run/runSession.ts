/**
 * One comparison from start to its last retry: the engine handle, the panel's view state, each model's extracted
 * edit and attempt numbers, and the recorder that appends every fact as it happens. A session keeps listening to
 * its engine after it is replaced by a newer run, so its cancelled columns are recorded too.
 * No `vscode` import (unit-tested with the fake providers).
 */
import { type CompareModel, type RunHandle, startComparison } from '../../core/compare/compareEngine';
import type { ModelOutcome, RunEvent, RunLimits } from '../../core/compare/runTypes';
import { lineDiffStats } from '../../core/edits/diffStats';
import { inlineDiff } from '../../core/edits/inlineDiff';
import { extractEdit } from '../../core/edits/editExtraction';
import type { ExtractedEdit } from '../../core/edits/editTypes';
import { patchSetForAnswer, type PatchContext } from '../../core/edits/patchSetResolve';
import type { PatchSet, WorkspaceReader } from '../../core/edits/patchSetTypes';
import type { Vote } from '../../core/prefs/preferenceRecord';
import type { ColumnUpdate, EditSummaryView, RunView, TemplateId, VoteView } from '../../shared/protocol';
import { capText, isEditTemplate } from '../../shared/vocabulary';
import { patchSetSummary } from '../patchSets/patchSetSummary';
import { type ExtractedFacts, type RunRecorder } from '../prefs/runRecorder';
import { voteFromView } from '../prefs/runRecords';
import type { ColumnAssignment } from '../results/blindColumns';
import { type RunMeta, RunViewState } from '../results/runViewState';
import type { ProviderLimiter } from '../../core/compare/providerLimiter';
import { SampleReplay } from './sampleReplay';
import { SampleSlots, withoutSample } from './sampleSlots';

/** What a session needs from the prepared run (a subset of `PreparedRun`, so tests can build one by hand). */
export interface SessionPlan {
  meta: RunMeta;
  template: TemplateId;
  instruction?: string;
  models: CompareModel[];
  limits: RunLimits;
  blind: boolean;
  assignments: ColumnAssignment[];
  prompt: { system: string; user: string; truncations: ReadonlyArray<{ part: string }> };
  context: { filePath?: string; selection?: { startLine: number; startCharacter: number; endLine: number; endCharacter: number }; languageId: string };
  originalText: string;
  /** Where multi-file answers are resolved; without it every answer is single-file. */
  patchSets?: { reader: WorkspaceReader; context: PatchContext };
  /** Repeat N: samples per model (default 1). */
  repeat?: number;
  /** Per-endpoint concurrency, shared by every run of the window. */
  limiter?: ProviderLimiter;
}

export interface SessionListener {
  /** Streaming column updates for the panel. */
  updates(runId: string, updates: ColumnUpdate[]): void;
  /** Every model has settled (again, after a retry). */
  settled(session: RunSession, outcomes: ModelOutcome[]): void;
  /** One model ended. */
  modelEnded?(session: RunSession, outcome: ModelOutcome): void;
}

export type StartEngine = typeof startComparison;

export class RunSession {
  readonly state: RunViewState;
  readonly handle: RunHandle;
  /** By model id. */
  readonly extracted = new Map<string, ExtractedEdit>();
  /** Multi-file answers, by model id (such a model has no entry in `extracted`). */
  readonly patchSets = new Map<string, PatchSet>();
  /** Why Apply is off for the whole run (e.g. the selection was cut for the models), if it is. */
  readonly applyBlock: string | undefined;
  private readonly attemptsStarted = new Map<string, number>();
  private readonly attemptsShown = new Map<string, number>();
  private ended = false;
  /** A whole-run stop (cancel all, replaced, closed) is recorded once: the first cause is why it stopped. */
  private stopRecorded = false;
  private settledWaiters: Array<() => void> = [];
  /** Every sample of every model (one per model without Repeat N). */
  readonly samples: SampleSlots;
  private readonly replays: SampleReplay;

  constructor(
    readonly plan: SessionPlan,
    private readonly recorder: RunRecorder,
    private readonly listener: SessionListener,
    start: StartEngine = startComparison,
  ) {
    const { meta } = plan;
    this.state = new RunViewState(meta, plan.models.map((m) => m.spec), plan.assignments, plan.blind);
    const repeat = Math.max(1, Math.min(10, Math.floor(plan.repeat ?? 1)));
    this.samples = new SampleSlots(plan.models.map((m) => m.spec.id), repeat);
    this.replays = new SampleReplay(this);
    const selectionCut = plan.prompt.truncations.some((t) => t.part === 'selection');
    this.applyBlock = selectionCut
      ? 'The selection was cut to fit the context limit, so Apply would drop code the models never saw. Copy or diff instead.'
      : undefined;
    void recorder.runStarted({
      runId: meta.runId,
      at: meta.createdAt,
      template: plan.template,
      languageId: plan.context.languageId,
      requestHash: meta.requestHash,
      prompt: { system: plan.prompt.system, user: plan.prompt.user },
      ...(plan.instruction ? { instruction: plan.instruction } : {}),
      context: {
        ...(plan.context.filePath === undefined ? {} : { filePath: plan.context.filePath }),
        ...(plan.context.selection === undefined ? {} : { selection: plan.context.selection }),
        truncated: Object.fromEntries(plan.prompt.truncations.map((t) => [t.part, true])),
      },
      specs: plan.models.map((m) => m.spec),
      blind: this.state.masked,
      shownOrder: this.state.shownOrder,
      ...(repeat > 1 ? { repeat } : {}),
    });
    this.handle = start({
      models: plan.models,
      limits: plan.limits,
      requestHash: meta.requestHash,
      runId: meta.runId,
      onEvent: (event) => this.onEvent(event),
      ...(repeat > 1 ? { repeat } : {}),
      ...(plan.limiter ? { limiter: plan.limiter } : {}),
    });
  }

  get runId(): string {
    return this.plan.meta.runId;
  }

  /** Some column is still queued or streaming. */
  get running(): boolean {
    return !this.state.finished || this.samples.anyRunning;
  }

  get isEditRun(): boolean {
    return isEditTemplate(this.plan.template);
  }

  /** Resolves once no column is queued or streaming (again, after a retry). */
  whenSettled(): Promise<void> {
    return this.running ? new Promise((resolve) => this.settledWaiters.push(resolve)) : Promise.resolve();
  }

  /** The attempt number whose answer a column shows (0 before its first attempt ended). */
  shownAttempt(modelId: string): number {
    if (this.samples.repeated) {
      const slot = this.samples.shownSlot(modelId);
      return slot?.outcome ? slot.attempt : 0;
    }
    return this.attemptsShown.get(modelId) ?? 0;
  }

  /** Repeat N: which sample a column shows (1 without Repeat N). */
  shownSample(columnId: string): number {
    return this.replays.shownSample(columnId);
  }

  /** The code one sample of a column proposes, if any. */
  sampleCode(columnId: string, sample: number): string | undefined {
    return this.replays.sampleCode(columnId, sample);
  }

  /** Repeat N: what one ended sample of a column proposes, and why it cannot be applied (the run's reason first). */
  sampleAnswer(columnId: string, sample: number): ReturnType<SampleReplay['sampleAnswer']> {
    const answer = this.replays.sampleAnswer(columnId, sample);
    return answer && this.applyBlock ? { ...answer, blocked: this.applyBlock } : answer;
  }

  /**
   * Repeat N: the column shows another of its samples (one that has started). Diff, Apply, Copy, Verify and the
   * vote then act on that sample. False when there is no such sample.
   */
  showSample(columnId: string, sample: number): boolean {
    const updates = this.replays.show(columnId, sample);
    if (updates) this.listener.updates(this.runId, updates);
    return updates !== undefined;
  }

  /**
   * Repeat N: the check of the sample recorded under `attempt` ended (verification checks the shown sample); the
   * column's pass rate counts it.
   */
  sampleVerified(modelId: string, attempt: number, passed: boolean): void {
    if (!this.samples.repeated || !this.samples.verified(modelId, attempt, passed)) return;
    this.listener.updates(this.runId, this.replays.samplesUpdate(modelId));
  }

  /** The code a column proposes, if any. */
  proposedCode(columnId: string): string | undefined {
    const modelId = this.state.modelIdOf(columnId);
    const edit = modelId === undefined ? undefined : this.extracted.get(modelId);
    return edit?.kind === 'replacement' ? edit.code : undefined;
  }

  /** The column's multi-file answer, if it is one. */
  patchSetOf(columnId: string): PatchSet | undefined {
    const modelId = this.state.modelIdOf(columnId);
    return modelId === undefined ? undefined : this.patchSets.get(modelId);
  }

  /** Why this column's code cannot be applied, or undefined when it can. */
  applyBlockOf(columnId: string): string | undefined {
    if (this.applyBlock) return this.applyBlock;
    return this.state.editOf(columnId)?.applyBlocked;
  }

  view(reasonTags: readonly string[]): RunView {
    const view = this.state.toView(reasonTags, false);
    if (!this.samples.repeated) return view;
    const states = view.states.map((s) => {
      const modelId = this.state.modelIdOf(s.columnId);
      const samples = modelId === undefined ? undefined : this.samples.view(modelId, this.state.masked);
      return samples ? { ...s, samples } : s;
    });
    return { ...view, states };
  }

  cancel(columnId?: string): void {
    const modelId = columnId === undefined ? undefined : this.state.modelIdOf(columnId);
    if (columnId !== undefined && modelId === undefined) return;
    if (!this.running) return;
    if (modelId === undefined) return this.stopAll('user');
    void this.recorder.cancelled(this.runId, 'user', [modelId]);
    this.handle.cancel(modelId);
  }

  /** A newer run takes the panel: whatever is still streaming is cancelled, and recorded as such. */
  replace(): void {
    this.stopAll('replaced');
  }

  /** The window closes (or reloads) while this run streams. */
  close(): void {
    this.stopAll('closed');
  }

  private stopAll(reason: 'user' | 'replaced' | 'closed'): void {
    if (!this.running || this.stopRecorded) return;
    this.stopRecorded = true;
    void this.recorder.cancelled(this.runId, reason);
    this.handle.cancel();
  }

  retry(columnId: string): void {
    const modelId = this.state.modelIdOf(columnId);
    if (modelId === undefined) return;
    // An attempt still streaming is replaced silently by the engine: record what the user saw of it first.
    const sample = this.samples.shownSample(modelId);
    const current = this.handle.snapshot().find((o) => o.modelId === modelId && (o.sample ?? 1) === sample);
    if (current && (current.state === 'streaming' || current.state === 'queued') && (this.samples.slot(modelId, sample)?.attempt ?? 0) > 0) {
      this.recordAttempt({ ...current, state: 'cancelled', error: { kind: 'cancelled', message: 'Replaced by a retry.' } });
    }
    this.extracted.delete(modelId);
    this.patchSets.delete(modelId);
    this.ended = false;
    this.stopRecorded = false;
    void (this.samples.repeated ? this.handle.retry(modelId, sample) : this.handle.retry(modelId)).catch(() => undefined);
  }

  /** Records and shows the user's vote. Throws when the vote names an unknown column. */
  vote(view: VoteView): Vote {
    const base = voteFromView(view, (c) => this.state.modelIdOf(c), new Date().toISOString());
    const attempts = Object.fromEntries(this.state.shownOrder.filter((id) => this.shownAttempt(id) > 0).map((id) => [id, this.shownAttempt(id)]));
    const vote: Vote = { ...base, blind: this.state.masked, attempts };
    this.state.setVote(view);
    void this.recorder.vote(this.runId, vote);
    return vote;
  }

  /** Blind mode was turned off before the vote: the names are shown, and that is recorded. */
  reveal(): boolean {
    if (!this.state.masked) return false;
    this.state.reveal();
    void this.recorder.reveal(this.runId);
    return true;
  }

  note(text: string): void {
    void this.recorder.note(this.runId, text);
  }

  /** `files`: the workspace-relative paths a multi-file Apply wrote. */
  applied(columnId: string, files?: readonly string[]): void {
    const modelId = this.state.modelIdOf(columnId);
    if (modelId === undefined) return;
    void this.recorder.applied(this.runId, modelId, this.shownAttempt(modelId), files);
  }

  private onEvent(event: RunEvent): void {
    if (event.runId !== this.runId) return;
    let attempt: number | undefined;
    if (event.type === 'model-start') {
      attempt = (this.attemptsStarted.get(event.modelId) ?? 0) + 1;
      this.attemptsStarted.set(event.modelId, attempt);
    }
    this.samples.apply(event, attempt);
    const updates = this.replays.shownOnColumn(event) ? this.state.apply(withoutSample(event)) : [];
    if (event.type === 'model-end') updates.push(...this.modelEnded(event.outcome));
    if ((event.type === 'model-start' || event.type === 'model-end') && this.samples.repeated) updates.push(...this.replays.samplesUpdate(event.type === 'model-end' ? event.outcome.modelId : event.modelId));
    if (updates.length > 0) this.listener.updates(this.runId, updates);
    if (event.type === 'run-end' && !this.ended) {
      this.ended = true;
      this.listener.settled(this, event.outcomes);
      for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }

  private modelEnded(outcome: ModelOutcome): ColumnUpdate[] {
    const extracted = this.extract(outcome);
    const slot = this.samples.slot(outcome.modelId, outcome.sample ?? 1);
    if (slot) {
      if (extracted.edit) slot.edit = extracted.edit;
      if (extracted.patchSet) slot.patchSet = extracted.patchSet;
      if (extracted.summary) slot.summary = extracted.summary;
    }
    this.recordAttempt(outcome, extracted.facts);
    this.listener.modelEnded?.(this, outcome);
    const shown = !this.samples.repeated || (outcome.sample ?? 1) === this.samples.shownSample(outcome.modelId);
    if (!shown || !extracted.summary) return [];
    this.replays.showExtraction(outcome.modelId, slot ?? { ...extracted, attempt: 0, state: outcome.state, text: '', reasoning: '' });
    return this.state.setEdit(outcome.modelId, extracted.summary);
  }

  private recordAttempt(outcome: ModelOutcome, facts?: ExtractedFacts): void {
    const slotAttempt = this.samples.repeated ? this.samples.slot(outcome.modelId, outcome.sample ?? 1)?.attempt : undefined;
    const attempt = Math.max(1, slotAttempt ?? this.attemptsStarted.get(outcome.modelId) ?? 1);
    this.attemptsShown.set(outcome.modelId, attempt);
    void this.recorder.attempt(this.runId, attempt, outcome, facts);
  }

  private extract(outcome: ModelOutcome): { facts?: ExtractedFacts; summary?: EditSummaryView; edit?: ExtractedEdit; patchSet?: PatchSet } {
    if (!this.isEditRun || outcome.text.trim() === '') return {};
    const { originalText } = this.plan;
    // An agent's answer is its checkout's diff: always a patch set, also when it changed only the compared file.
    const agent = this.plan.models.some((m) => m.spec.id === outcome.modelId && m.spec.provider === 'agent');
    const patchContext = this.plan.patchSets && (agent ? withoutCompared(this.plan.patchSets.context) : this.plan.patchSets.context);
    const patchSet = this.plan.patchSets && patchSetForAnswer(outcome.text, this.plan.patchSets.reader, patchContext);
    if (patchSet) {
      const summary = patchSetSummary(patchSet, this.applyBlock ?? unfinishedReason(outcome));
      return { facts: { followedFormat: false }, summary, patchSet };
    }
    const edit = extractEdit(outcome.text, { text: originalText, languageId: this.plan.context.languageId });
    let summary: EditSummaryView;
    if (edit.kind === 'replacement') {
      const stats = lineDiffStats(originalText, edit.code);
      const note = capText(edit.notes.join(' '));
      const blocked = this.applyBlock ?? unfinishedReason(outcome);
      summary = {
        hasCode: true,
        followedFormat: edit.followedFormat,
        ...stats,
        source: edit.source,
        ...(note ? { note } : {}),
        ...(blocked ? { applyBlocked: capText(blocked) } : {}),
        diff: inlineDiff(originalText, edit.code),
      };
    } else {
      summary = { hasCode: false, followedFormat: false, added: 0, removed: 0, note: capText(edit.reason) };
    }
    const facts: ExtractedFacts = edit.kind === 'replacement' ? { code: edit.code, followedFormat: edit.followedFormat } : { followedFormat: false };
    return { facts, summary, edit };
  }
}

/** The patch context without the compared file: every file an agent changed is part of its patch set. */
function withoutCompared(context: PatchContext): PatchContext {
  return context.workspaceRoot === undefined ? {} : { workspaceRoot: context.workspaceRoot };
}

/** Why an answer that did not finish cannot be applied. */
function unfinishedReason(outcome: ModelOutcome): string | undefined {
  switch (outcome.state) {
    case 'done':
      return undefined;
    case 'timed-out':
      return 'This answer timed out, so its code may be cut off. Copy or diff instead.';
    case 'incomplete':
      return 'This answer did not finish, so its code may be cut off. Copy or diff instead.';
    default:
      return 'This answer did not finish. Copy or diff instead.';
  }
}

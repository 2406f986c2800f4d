/**
 * Decides what the results panel shows and routes the user's actions to the run they were taken on: the live run,
 * runs replaced mid-stream (still settling, and recorded), and a run restored from the log (after a reload, or
 * opened from history), which can still be voted on. The vote draft is kept per run so that it survives hiding the
 * panel and reloading the window.
 *
 * No `vscode` import: every VS Code effect goes through {@link CoordinatorPorts}, so the invariant test drives this
 * class with the fake providers and compares the folded log with what the panel showed.
 */
import type { ModelOutcome } from '../../core/compare/runTypes';
import type { LogContents } from '../../core/prefs/logFold';
import type { RunRecord, Vote } from '../../core/prefs/preferenceRecord';
import type { ColumnUpdate, HostToResults, RunView, VoteDraftView, VoteView } from '../../shared/protocol';
import type { RunRecorder } from '../prefs/runRecorder';
import { recordMasked, runViewFromRecord, voteFromView } from '../prefs/runRecords';
import { ColumnUpdateBatcher } from '../results/columnUpdateBatcher';
import { loggedSamples, modelOfColumn, shownLoggedAttempt, withLoggedSamples } from './loggedSamples';
import { RunSession, type SessionPlan, type StartEngine } from './runSession';

export const LAST_RUN_KEY = 'parallax.lastRunId';
export const DRAFTS_KEY = 'parallax.voteDrafts';
/** Drafts of this many recent runs are kept. */
const KEPT_DRAFTS = 20;

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface CoordinatorPorts {
  panel: { post(message: HostToResults): void; show(title: string, preserveFocus: boolean): void; setTitle(title: string): void };
  store: KeyValueStore;
  recorder: RunRecorder;
  readLog(): Promise<LogContents>;
  reasonTags(): readonly string[];
  /** A run started, or every model of one settled. */
  runningChanged?(running: boolean): void;
  modelEnded?(session: RunSession, outcome: ModelOutcome): void;
  settled?(session: RunSession, outcomes: ModelOutcome[]): void;
  notice?(level: 'info' | 'warning', message: string): void;
  startEngine?: StartEngine;
}

/** A run shown from the log: no engine behind it, but it can still take a vote and a note. */
interface RestoredRun {
  record: RunRecord;
  view: RunView;
  /** Repeat N: the sample each column shows, by column id (default 1). */
  shown: ReadonlyMap<string, number>;
}

export class RunCoordinator {
  private live: RunSession | undefined;
  private readonly settling = new Set<RunSession>();
  private restored: RestoredRun | undefined;
  private readonly batcher: ColumnUpdateBatcher;

  constructor(private readonly ports: CoordinatorPorts) {
    this.batcher = new ColumnUpdateBatcher((updates) => this.deliver(updates));
  }

  /** The live run, if the panel shows one. */
  get session(): RunSession | undefined {
    return this.restored ? undefined : this.live;
  }

  get running(): boolean {
    return this.live?.running === true;
  }

  /** The run the panel shows (live, or restored), if any. */
  get shownRunId(): string | undefined {
    return this.restored?.record.id ?? this.live?.runId ?? this.ports.store.get<string>(LAST_RUN_KEY);
  }

  /** The run restored from the log (history, or after a reload) that the panel shows, if it shows one. */
  get restoredRun(): { readonly record: RunRecord; readonly view: RunView; readonly shown: ReadonlyMap<string, number> } | undefined {
    return this.restored;
  }

  /** An answer of a run restored from the log was applied to the file. */
  recordApplied(runId: string, modelId: string, attempt: number): void {
    void this.ports.recorder.applied(runId, modelId, attempt);
  }

  /** The latest live run's id, else the last one this workspace ran. */
  get latestRunId(): string | undefined {
    return this.live?.runId ?? this.ports.store.get<string>(LAST_RUN_KEY);
  }

  launch(plan: SessionPlan): RunSession {
    const previous = this.live;
    // The panel sees the old run's last updates before it switches, so what it showed is what is recorded.
    this.batcher.flush();
    if (previous?.running) {
      previous.replace();
      this.settling.add(previous);
    }
    this.restored = undefined;
    const session = new RunSession(plan, this.ports.recorder, {
      updates: (runId, updates) => {
        if (this.live?.runId === runId && !this.restored) for (const u of updates) this.batcher.push(u);
      },
      modelEnded: (s, outcome) => this.ports.modelEnded?.(s, outcome),
      settled: (s, outcomes) => this.onSettled(s, outcomes),
    }, this.ports.startEngine);
    this.live = session;
    void this.ports.store.update(LAST_RUN_KEY, session.runId);
    this.ports.runningChanged?.(true);
    this.ports.panel.show(plan.meta.title, true);
    this.postFullView();
    return session;
  }

  cancel(columnId?: string): void {
    this.session?.cancel(columnId);
  }

  retry(columnId: string): void {
    const session = this.session;
    if (!session) return;
    const wasRunning = session.running;
    session.retry(columnId);
    if (!wasRunning) this.ports.runningChanged?.(true);
  }

  /** Repeat N: the column (of the live run, or of a logged one) shows another of its samples, at once. */
  showSample(columnId: string, sample: number): boolean {
    if (this.restored) return this.showLoggedSample(this.restored, columnId, sample);
    const shown = this.session?.showSample(columnId, sample) ?? false;
    if (shown) this.batcher.flush();
    return shown;
  }

  /** Records the vote on the shown run and shows it (revealing names in blind mode). */
  async vote(view: VoteView): Promise<Vote | undefined> {
    let vote: Vote | undefined;
    if (this.restored) {
      vote = this.voteRestored(this.restored, view);
    } else if (this.live) {
      try {
        vote = this.live.vote(view);
      } catch {
        vote = undefined;
      }
    }
    if (vote) await this.clearDraft(this.shownRunId);
    this.postFullView();
    return vote;
  }

  /**
   * Blind mode changed. Turning it off on a masked run reveals the names (recorded); turning it on only affects the
   * next run, since the names were already seen.
   */
  setBlind(blind: boolean): void {
    if (!blind) {
      const revealed = this.restored ? this.revealRestored(this.restored) : (this.live?.reveal() ?? false);
      if (revealed) this.postFullView();
      return;
    }
    const shownMasked = this.restored ? recordMasked(this.restored.record) : this.live?.state.masked;
    if (shownMasked === false) this.ports.notice?.('info', 'Blind mode is on from the next comparison: this one has shown its names already.');
  }

  /** Keeps the vote being composed for the run it belongs to. */
  async saveDraft(runId: string, draft: VoteDraftView): Promise<void> {
    const drafts = { ...(this.ports.store.get<Record<string, VoteDraftView>>(DRAFTS_KEY) ?? {}) };
    delete drafts[runId];
    drafts[runId] = draft;
    const keys = Object.keys(drafts);
    for (const old of keys.slice(0, Math.max(0, keys.length - KEPT_DRAFTS))) delete drafts[old];
    await this.ports.store.update(DRAFTS_KEY, drafts);
  }

  /** A standalone note on a run (the shown one by default). */
  note(text: string, runId = this.shownRunId): boolean {
    if (!runId) return false;
    const session = [this.live, ...this.settling].find((s) => s?.runId === runId);
    if (session) session.note(text);
    else void this.ports.recorder.note(runId, text);
    return true;
  }

  /** The panel (re)loaded: send it the full run, dropping updates it would otherwise receive twice. */
  async onPanelReady(): Promise<void> {
    this.batcher.discard();
    if (!this.live && !this.restored) {
      const last = this.ports.store.get<string>(LAST_RUN_KEY);
      if (last) await this.restore(last);
    }
    this.postFullView();
  }

  /** Shows a logged run (history, or the last run after a reload). False when the log does not have it. */
  async openRun(runId: string): Promise<boolean> {
    if (this.live?.runId === runId) {
      this.restored = undefined;
      this.postFullView();
      return true;
    }
    const ok = await this.restore(runId);
    if (ok && this.restored) this.ports.panel.show(this.restored.view.title, false);
    this.postFullView();
    return ok;
  }

  /** The full view of what the panel shows. */
  shownView(): RunView | undefined {
    const draft = (runId: string): VoteDraftView | undefined => this.ports.store.get<Record<string, VoteDraftView>>(DRAFTS_KEY)?.[runId];
    const base = this.restored?.view ?? this.live?.view(this.ports.reasonTags());
    if (!base) return undefined;
    const d = base.vote ? undefined : draft(base.runId);
    return d ? { ...base, draft: d } : base;
  }

  postFullView(): void {
    const view = this.shownView();
    if (!view) return;
    this.ports.panel.setTitle(view.title);
    this.ports.panel.post({ type: 'run', run: view });
  }

  /** Resolves once every run still streaming (the live one and those replaced mid-stream) has settled. */
  async whenSettled(): Promise<void> {
    const sessions = [this.live, ...this.settling].filter((s): s is RunSession => s !== undefined);
    await Promise.all(sessions.map((s) => s.whenSettled()));
  }

  /** Cancels what still runs and waits (bounded) until the cancellations are recorded. */
  async dispose(timeoutMs = 1_500): Promise<void> {
    for (const s of [this.live, ...this.settling]) s?.close();
    this.batcher.discard();
    await Promise.race([this.whenSettled(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref?.())]);
  }

  private deliver(updates: ColumnUpdate[]): void {
    if (this.live && !this.restored) this.ports.panel.post({ type: 'updates', runId: this.live.runId, updates });
  }

  private onSettled(session: RunSession, outcomes: ModelOutcome[]): void {
    this.settling.delete(session);
    if (session === this.live) {
      this.batcher.flush();
      this.ports.runningChanged?.(false);
    }
    this.ports.settled?.(session, outcomes);
  }

  private async restore(runId: string): Promise<boolean> {
    const { runs } = await this.ports.readLog();
    const record = runs.find((r) => r.id === runId);
    if (!record) return false;
    this.restored = this.restoredOf(record);
    return true;
  }

  private restoredOf(record: RunRecord, shown: ReadonlyMap<string, number> = new Map()): RestoredRun {
    return { record, view: withLoggedSamples(record, runViewFromRecord(record, this.ports.reasonTags()), shown), shown };
  }

  private showLoggedSample(restored: RestoredRun, columnId: string, sample: number): boolean {
    const modelId = modelOfColumn(restored.record, columnId);
    if (modelId === undefined || !loggedSamples(restored.record, modelId).has(sample)) return false;
    this.restored = this.restoredOf(restored.record, new Map(restored.shown).set(columnId, sample));
    this.postFullView();
    return true;
  }

  private voteRestored(restored: RestoredRun, view: VoteView): Vote | undefined {
    if (restored.record.vote) return undefined;
    const order = restored.view.columns.map((c) => c.columnId);
    const modelOf = (columnId: string): string | undefined => restored.record.shownOrder[order.indexOf(columnId)];
    let base: Vote;
    try {
      base = voteFromView(view, modelOf, new Date().toISOString());
    } catch {
      return undefined;
    }
    const attempts: Record<string, number> = {};
    for (const a of restored.record.attempts) attempts[a.modelId] = Math.max(attempts[a.modelId] ?? 0, a.attempt);
    // Repeat N: the attempt of the sample each column shows.
    for (const columnId of order) {
      const shown = shownLoggedAttempt(restored.record, columnId, restored.shown);
      if (shown) attempts[shown.modelId] = shown.attempt;
    }
    const vote: Vote = { ...base, blind: recordMasked(restored.record), attempts };
    void this.ports.recorder.vote(restored.record.id, vote);
    const record = { ...restored.record, vote };
    this.restored = this.restoredOf(record, restored.shown);
    return vote;
  }

  private revealRestored(restored: RestoredRun): boolean {
    if (restored.record.vote || restored.record.revealedAt || !restored.record.blind) return false;
    void this.ports.recorder.reveal(restored.record.id);
    const record = { ...restored.record, revealedAt: new Date().toISOString() };
    this.restored = this.restoredOf(record, restored.shown);
    return true;
  }

  private async clearDraft(runId: string | undefined): Promise<void> {
    const drafts = this.ports.store.get<Record<string, VoteDraftView>>(DRAFTS_KEY);
    if (!runId || !drafts?.[runId]) return;
    const rest = { ...drafts };
    delete rest[runId];
    await this.ports.store.update(DRAFTS_KEY, rest);
  }
}

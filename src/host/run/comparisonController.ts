/**
 * Runs comparisons: prepares a run, starts the core engine, feeds the results panel (batched column updates,
 * extracted edits), shows progress, answers the panel's messages, and on run end writes the run to the
 * preference log and fires `onDidFinishRun`.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { startComparison } from '../../core/compare/compareEngine';
import type { ModelOutcome, RunEvent } from '../../core/compare/runTypes';
import { lineDiffStats } from '../../core/edits/diffStats';
import type { Vote } from '../../core/prefs/preferenceRecord';
import { extractEdit } from '../../core/edits/editExtraction';
import type { EditSummaryView, ResultsToHost, RunView, TemplateId, VoteView } from '../../shared/protocol';
import type { ActiveRun } from './activeRun';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { assignColumns } from '../results/blindColumns';
import { ColumnUpdateBatcher } from '../results/columnUpdateBatcher';
import type { DiffDocuments } from '../results/diffDocuments';
import type { ModelSelection } from './modelSelection';
import type { PreferenceService } from '../prefs/preferenceService';
import type { ResultsActions } from '../results/resultsActions';
import type { ResultsPanel } from '../results/resultsPanel';
import { contextLabel, runTitle } from './runLabels';
import { type LaunchRequest, type PreparedRun, prepareFromContext, prepareRun } from './runPreflight';
import { buildRunRecord, rerunTarget, runViewFromRecord, voteFromView } from '../prefs/runRecords';
import type { RunStatus } from './runStatus';
import { RunViewState } from '../results/runViewState';
import type { SettingsService } from '../config/settings';

export interface FinishedRun {
  runId: string;
  requestHash: string;
  template: TemplateId;
  outcomes: ModelOutcome[];
}

/** Templates whose answers replace the selection, so an edit is extracted. */
const EDIT_TEMPLATES: ReadonlySet<TemplateId> = new Set(['fix', 'refactor', 'custom']);
const LAST_VIEW_KEY = 'parallax.lastRunView';

export interface ControllerServices {
  settings: SettingsService;
  keys: ApiKeyStore;
  selection: ModelSelection;
  panel: ResultsPanel;
  diffs: DiffDocuments;
  actions: ResultsActions;
  preferences: PreferenceService;
  status: RunStatus;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

export class ComparisonController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  /** A run reopened from history, shown read-only instead of the live one. */
  private historic: RunView | undefined;
  private isRunning = false;
  private readonly batcher: ColumnUpdateBatcher;
  private readonly finished = new vscode.EventEmitter<FinishedRun>();
  private readonly runningChanged = new vscode.EventEmitter<boolean>();

  readonly onDidFinishRun = this.finished.event;
  readonly onDidChangeRunning = this.runningChanged.event;

  constructor(private readonly s: ControllerServices) {
    this.batcher = new ColumnUpdateBatcher((updates) => {
      if (this.active && !this.historic) s.panel.post({ type: 'updates', runId: this.active.state.runId, updates });
    });
    void vscode.commands.executeCommand('setContext', 'parallax.hasRun', s.workspaceState.get(LAST_VIEW_KEY) !== undefined);
  }

  get running(): boolean {
    return this.isRunning;
  }

  /** The latest live run's id, if any. */
  get latestRunId(): string | undefined {
    return this.active?.state.runId ?? this.s.workspaceState.get<RunView>(LAST_VIEW_KEY)?.runId;
  }

  get latestRunFinished(): boolean {
    return this.active ? this.active.recordWritten : this.latestRunId !== undefined;
  }

  async start(request: LaunchRequest): Promise<void> {
    const { settings } = this.s.settings;
    const prepared = await prepareRun(request, settings, this.s.keys, this.s.selection.selectedIds(settings.models));
    if (prepared) this.launch(prepared);
  }

  async rerun(): Promise<void> {
    const last = this.active?.prepared;
    if (!last) {
      // After a reload the latest run is only in the log.
      const latest = this.latestRunId;
      if (latest) return this.rerunLogged(latest);
      void vscode.window.showInformationMessage('There is no comparison to re-run in this window yet.');
      return;
    }
    const { settings } = this.s.settings;
    const prepared = await prepareFromContext(
      { template: last.template, ...(last.instruction ? { instruction: last.instruction } : {}), modelIds: last.configs.map((c) => c.id), captured: last.captured },
      settings,
      this.s.keys,
      [],
    );
    if (prepared) this.launch(prepared);
  }

  /** Repeats a logged run (one reopened from history): same template, instruction and models on the same lines. */
  async rerunLogged(runId: string): Promise<void> {
    const record = (await this.s.preferences.readAll()).runs.find((r) => r.id === runId);
    const target = record && rerunTarget(record);
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!target || !folder) {
      void vscode.window.showInformationMessage('This run cannot be repeated here: its file is not in this workspace.');
      return;
    }
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, target.filePath), { viewColumn: vscode.ViewColumn.One, preview: false });
    const { startLine, startCharacter, endLine, endCharacter } = target.selection;
    const range = new vscode.Range(startLine, startCharacter, endLine, endCharacter);
    await this.start({ template: target.template, ...(target.instruction ? { instruction: target.instruction } : {}), modelIds: target.modelIds, editor, range });
  }

  cancel(columnId?: string): void {
    const run = this.active;
    if (!run) return;
    const modelId = columnId === undefined ? undefined : run.state.modelIdOf(columnId);
    if (columnId !== undefined && modelId === undefined) return;
    run.handle.cancel(modelId);
  }

  showResults(): void {
    if (!this.active && !this.historic && this.s.workspaceState.get(LAST_VIEW_KEY) === undefined) {
      void vscode.window.showInformationMessage('No comparison yet: select code and run "Parallax: Compare Fixes for Selection".');
      return;
    }
    this.s.panel.show(this.shownView()?.title ?? 'Parallax', false);
  }

  async openRun(runId: string): Promise<void> {
    if (this.active?.state.runId === runId) {
      this.historic = undefined;
      this.showResults();
      this.postFullView();
      return;
    }
    const { runs } = await this.s.preferences.readAll();
    const record = runs.find((r) => r.id === runId);
    if (!record) {
      void vscode.window.showWarningMessage('That run is not in the preference log any more.');
      return;
    }
    this.historic = runViewFromRecord(record, this.s.settings.settings.reasonTags);
    this.s.panel.show(this.historic.title, false);
    this.postFullView();
  }

  async setBlind(blind: boolean): Promise<void> {
    await this.s.settings.setBlindMode(blind);
    this.active?.state.setBlind(blind);
    this.postFullView();
  }

  /** The panel (re)loaded: send it the full run it shows, dropping updates it would receive twice. */
  onPanelReady(): void {
    this.batcher.discard();
    this.postFullView();
  }

  async handlePanelMessage(message: ResultsToHost): Promise<void> {
    const run = this.active;
    if (message.type === 'rerun') return this.historic ? this.rerunLogged(this.historic.runId) : this.rerun();
    if (message.type === 'setBlind') return this.setBlind(message.blind);
    if (message.type === 'exportMarkdown') {
      const runId = this.historic?.runId ?? run?.state.runId;
      if (runId) await vscode.commands.executeCommand('parallax.exportRunMarkdown', runId);
      return;
    }
    if (this.historic || !run) {
      this.s.panel.post({ type: 'notice', level: 'info', message: 'This run is read-only: re-run it to work with its answers.' });
      return;
    }
    switch (message.type) {
      case 'cancel':
        return this.cancel(message.columnId);
      case 'retry':
        return this.retry(run, message.columnId);
      case 'diffOriginal':
        return this.s.actions.diffOriginal(run, message.columnId);
      case 'diffPair':
        return this.s.actions.diffPair(run, message.columnId, message.otherColumnId);
      case 'apply':
        return this.s.actions.apply(run, message.columnId);
      case 'copy':
        return this.s.actions.copy(run, message.columnId);
      case 'vote':
        return this.vote(run, message.vote);
    }
  }

  dispose(): void {
    this.active?.handle.cancel();
    this.batcher.discard();
    this.finished.dispose();
    this.runningChanged.dispose();
  }

  private launch(prepared: PreparedRun): void {
    this.active?.handle.cancel();
    this.batcher.discard();
    this.historic = undefined;
    const { settings } = this.s.settings;
    const runId = randomUUID();
    const ctx = prepared.captured.context;
    const title = runTitle(prepared.template, ctx.filePath, ctx.selection);
    const state = new RunViewState(
      {
        runId,
        template: prepared.template,
        title,
        createdAt: new Date().toISOString(),
        requestHash: prepared.prompt.requestHash,
        contextLabel: contextLabel(ctx.filePath, ctx.selection, ctx.languageId),
      },
      prepared.models.map((m) => m.spec),
      assignColumns(prepared.models.map((m) => m.spec.id), settings.blindMode),
      settings.blindMode,
    );
    const original = this.s.diffs.put(runId, 'original', prepared.captured.fileName, prepared.captured.target.originalText, 'Original');
    const handle = startComparison({
      models: prepared.models,
      limits: settings.limits,
      requestHash: prepared.prompt.requestHash,
      runId,
      onEvent: (event) => this.onEvent(event),
    });
    this.active = { prepared, state, handle, extracted: new Map(), original, codeSides: new Map(), recordWritten: false };
    this.s.log.info(`Run ${runId}: ${prepared.template} with ${prepared.models.map((m) => m.spec.id).join(', ')} (request ${prepared.prompt.requestHash.slice(0, 12)})`);
    this.setRunning(true);
    void vscode.commands.executeCommand('setContext', 'parallax.hasRun', true);
    this.s.panel.show(title);
    this.postFullView();
    this.s.status.start(prepared.models.length, title, () => handle.cancel());
  }

  private onEvent(event: RunEvent): void {
    const run = this.active;
    if (!run || event.runId !== run.state.runId) return;
    for (const update of run.state.apply(event)) this.batcher.push(update);
    if (event.type === 'model-start' && !this.isRunning) this.setRunning(true);
    if (event.type === 'model-end') {
      this.extract(run, event.outcome);
      this.s.status.modelFinished();
      this.s.log.info(`Run ${run.state.runId}: ${event.outcome.modelId} ended ${event.outcome.state}`);
    }
    if (event.type === 'run-end') void this.finish(run, event.outcomes);
  }

  private extract(run: ActiveRun, outcome: ModelOutcome): void {
    const columnId = run.state.columnIdOf(outcome.modelId);
    if (!columnId || !EDIT_TEMPLATES.has(run.prepared.template) || outcome.text.trim() === '') return;
    const { originalText } = run.prepared.captured.target;
    const edit = extractEdit(outcome.text, { text: originalText, languageId: run.prepared.captured.context.languageId });
    run.extracted.set(outcome.modelId, edit);
    let summary: EditSummaryView;
    if (edit.kind === 'replacement') {
      const stats = lineDiffStats(originalText, edit.code);
      const note = edit.notes.join(' ').slice(0, 2_000);
      summary = { hasCode: true, followedFormat: edit.followedFormat, ...stats, source: edit.source, ...(note ? { note } : {}) };
      run.codeSides.set(columnId, this.s.diffs.put(run.state.runId, columnId, run.prepared.captured.fileName, edit.code, columnId));
    } else {
      summary = { hasCode: false, followedFormat: false, added: 0, removed: 0, note: edit.reason.slice(0, 2_000) };
      run.codeSides.delete(columnId);
    }
    for (const update of run.state.setEdit(outcome.modelId, summary)) this.batcher.push(update);
  }

  private retry(run: ActiveRun, columnId: string): void {
    const modelId = run.state.modelIdOf(columnId);
    if (modelId === undefined) return;
    run.extracted.delete(modelId);
    run.codeSides.delete(columnId);
    void run.handle.retry(modelId);
  }

  private async finish(run: ActiveRun, outcomes: ModelOutcome[]): Promise<void> {
    this.batcher.flush();
    run.outcomes = outcomes;
    this.s.status.stop();
    this.setRunning(false);
    await this.s.workspaceState.update(LAST_VIEW_KEY, run.state.toView(this.s.settings.settings.reasonTags, true));
    if (!run.recordWritten) {
      run.recordWritten = true;
      const record = buildRunRecord({
        state: run.state,
        languageId: run.prepared.captured.context.languageId,
        prompt: { system: run.prepared.prompt.system, user: run.prepared.prompt.user },
        ...(run.prepared.instruction ? { instruction: run.prepared.instruction } : {}),
        context: {
          filePath: run.prepared.captured.context.filePath,
          selection: run.prepared.captured.context.selection,
          truncated: Object.fromEntries(run.prepared.prompt.truncations.map((t) => [t.part, true])),
        },
        outcomes,
        extracted: new Map(
          [...run.extracted].map(([id, e]) => [id, e.kind === 'replacement' ? { code: e.code, followedFormat: e.followedFormat } : { followedFormat: false }]),
        ),
      });
      const vote = run.state.currentVote;
      const withVote = vote ? { ...record, vote: voteFromView(vote, (c) => run.state.modelIdOf(c), new Date().toISOString()) } : record;
      await this.s.preferences.appendRun(withVote);
    }
    this.finished.fire({ runId: run.state.runId, requestHash: run.state.meta.requestHash, template: run.state.meta.template, outcomes });
  }

  private async vote(run: ActiveRun, vote: VoteView): Promise<void> {
    let logged: Vote;
    try {
      logged = voteFromView(vote, (c) => run.state.modelIdOf(c), new Date().toISOString());
    } catch (err) {
      this.s.log.warn(`Vote dropped: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    run.state.setVote(vote);
    // Before the run record is written, the vote goes into it; afterwards it is appended as an event.
    if (run.recordWritten) await this.s.preferences.appendVote(run.state.runId, logged);
    this.postFullView();
    if (run.recordWritten) await this.s.workspaceState.update(LAST_VIEW_KEY, run.state.toView(this.s.settings.settings.reasonTags, true));
  }

  private shownView(): RunView | undefined {
    if (this.historic) return this.historic;
    if (this.active) return this.active.state.toView(this.s.settings.settings.reasonTags, false);
    return this.s.workspaceState.get<RunView>(LAST_VIEW_KEY);
  }

  private postFullView(): void {
    const run = this.shownView();
    if (!run) return;
    this.s.panel.setTitle(run.title);
    this.s.panel.post({ type: 'run', run });
  }

  private setRunning(running: boolean): void {
    if (this.isRunning === running) return;
    this.isRunning = running;
    void vscode.commands.executeCommand('setContext', 'parallax.running', running);
    this.runningChanged.fire(running);
  }
}

/**
 * Starts comparisons from VS Code: the checks and prompt building of `runPreflight`, then hands the run to the
 * {@link RunCoordinator}, which records it and drives the panel. Also progress, context keys and `onDidFinishRun`.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ModelOutcome } from '../../core/compare/runTypes';
import { estimateSummary } from '../../shared/estimateText';
import type { TemplateId } from '../../shared/protocol';
import type { SettingsService } from '../config/settings';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import type { PreferenceService } from '../prefs/preferenceService';
import { RunRecorder } from '../prefs/runRecorder';
import { rerunTarget } from '../prefs/runRecords';
import { assignColumns } from '../results/blindColumns';
import type { ResultsPanel } from '../results/resultsPanel';
import { patchSetWorkspace } from '../patchSets/patchSetWorkspace';
import type { ModelSelection } from './modelSelection';
import { estimateFigures } from './preRunEstimate';
import { RunCoordinator } from './runCoordinator';
import { contextLabel, runTitle } from './runLabels';
import { type LaunchRequest, type PreparedRun, prepareFromContext, prepareRun } from './runPreflight';
import type { SessionPlan } from './runSession';
import type { RunStatus } from './runStatus';
import { ProviderLimiter } from '../../core/compare/providerLimiter';
import { concurrencyFor } from '../../core/compare/providerLimits';

export interface FinishedRun {
  runId: string;
  requestHash: string;
  template: TemplateId;
  outcomes: ModelOutcome[];
}

export interface ControllerServices {
  settings: SettingsService;
  keys: ApiKeyStore;
  selection: ModelSelection;
  panel: ResultsPanel;
  preferences: PreferenceService;
  status: RunStatus;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
}

/** The run the panel shows live, with what VS Code needs to act on it (the file, the captured selection). */
export interface LiveRun {
  session: NonNullable<RunCoordinator['session']>;
  prepared: PreparedRun;
}

export class ComparisonController implements vscode.Disposable {
  readonly coordinator: RunCoordinator;
  /** The latest launched run's preparation, with its id. */
  private lastPrepared: { runId: string; prepared: PreparedRun } | undefined;
  private isRunning = false;
  private readonly finished = new vscode.EventEmitter<FinishedRun>();
  private readonly runningChanged = new vscode.EventEmitter<boolean>();
  /** One queue per provider endpoint for every run of the window (Repeat N politeness), sized by `parallax.limits`. */
  private readonly limiter = new ProviderLimiter((key) => concurrencyFor(key, this.s.settings.settings.limits));

  readonly onDidFinishRun = this.finished.event;
  readonly onDidChangeRunning = this.runningChanged.event;

  constructor(private readonly s: ControllerServices) {
    this.coordinator = new RunCoordinator({
      panel: { post: (m) => s.panel.post(m), show: (title, preserveFocus) => s.panel.show(title, preserveFocus), setTitle: (t) => s.panel.setTitle(t) },
      store: s.workspaceState,
      recorder: new RunRecorder(s.preferences),
      readLog: () => s.preferences.readAll(),
      reasonTags: () => s.settings.settings.reasonTags,
      runningChanged: (running) => this.setRunning(running),
      modelEnded: (session, outcome) => {
        if (session === this.coordinator.session) s.status.modelFinished();
        s.log.info(`Run ${session.runId}: ${outcome.modelId} ended ${outcome.state}`);
      },
      settled: (session, outcomes) => {
        if (session.runId === this.coordinator.latestRunId) s.status.stop();
        this.finished.fire({ runId: session.runId, requestHash: session.plan.meta.requestHash, template: session.plan.template, outcomes });
      },
      notice: (level, message) => s.panel.post({ type: 'notice', level, message }),
    });
    void vscode.commands.executeCommand('setContext', 'parallax.hasRun', this.coordinator.latestRunId !== undefined);
  }

  get running(): boolean {
    return this.isRunning;
  }

  get latestRunId(): string | undefined {
    return this.coordinator.latestRunId;
  }

  /** The live run the panel shows, if any (none for a run restored from the log). */
  get live(): LiveRun | undefined {
    const session = this.coordinator.session;
    const last = this.lastPrepared;
    return session && last?.runId === session.runId ? { session, prepared: last.prepared } : undefined;
  }

  async start(request: LaunchRequest): Promise<void> {
    const { settings } = this.s.settings;
    const prepared = await prepareRun(request, settings, this.s.keys, this.s.selection.selectedIds(settings.models));
    if (prepared) this.launch(prepared);
  }

  /** `repeat`: samples per model for the re-run (absent: as many as the last run had). */
  async rerun(repeat?: number): Promise<void> {
    const last = this.lastPrepared?.prepared;
    if (!last) {
      const latest = this.latestRunId;
      if (latest) return this.rerunLogged(latest, repeat);
      void vscode.window.showInformationMessage('There is no comparison to re-run in this window yet.');
      return;
    }
    const { settings } = this.s.settings;
    const prepared = await prepareFromContext(
      {
        template: last.template,
        ...(last.instruction ? { instruction: last.instruction } : {}),
        modelIds: last.configs.map((c) => c.id),
        captured: last.captured,
        ...repeatOf(repeat ?? last.repeat),
      },
      settings,
      this.s.keys,
      [],
    );
    if (prepared) this.launch(prepared);
  }

  /** Repeats a logged run: same template, instruction and models on the same lines of the same file. */
  async rerunLogged(runId: string, repeat?: number): Promise<void> {
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
    await this.start({
      template: target.template,
      ...(target.instruction ? { instruction: target.instruction } : {}),
      modelIds: target.modelIds,
      editor,
      range,
      ...repeatOf(repeat ?? record.repeat),
    });
  }

  cancel(columnId?: string): void {
    this.coordinator.cancel(columnId);
  }

  showResults(): void {
    const view = this.coordinator.shownView();
    if (!view && this.coordinator.latestRunId === undefined) {
      void vscode.window.showInformationMessage('No comparison yet: select code and run "Parallax: Compare Fixes for Selection".');
      return;
    }
    this.s.panel.show(view?.title ?? 'Parallax', false);
  }

  async openRun(runId: string): Promise<void> {
    if (!(await this.coordinator.openRun(runId))) void vscode.window.showWarningMessage('That run is not in the preference log any more.');
  }

  async setBlind(blind: boolean): Promise<void> {
    await this.s.settings.setBlindMode(blind);
    this.coordinator.setBlind(blind);
  }

  /** A standalone note on the latest run. False when there is no run yet. */
  note(text: string): boolean {
    return this.coordinator.note(text, this.coordinator.latestRunId);
  }

  /** Cancels what still runs and waits (bounded) until it is recorded. */
  async shutdown(): Promise<void> {
    await this.coordinator.dispose();
  }

  dispose(): void {
    void this.coordinator.dispose();
    this.finished.dispose();
    this.runningChanged.dispose();
  }

  private launch(prepared: PreparedRun): void {
    const { settings } = this.s.settings;
    const runId = randomUUID();
    const ctx = prepared.captured.context;
    const title = runTitle(prepared.template, ctx.filePath, ctx.selection);
    const ids = prepared.models.map((m) => m.spec.id);
    const plan: SessionPlan = {
      meta: {
        runId,
        template: prepared.template,
        title,
        createdAt: new Date().toISOString(),
        requestHash: prepared.prompt.requestHash,
        contextLabel: contextLabel(ctx.filePath, ctx.selection, ctx.languageId),
      },
      template: prepared.template,
      ...(prepared.instruction ? { instruction: prepared.instruction } : {}),
      models: prepared.models,
      limits: settings.limits,
      blind: settings.blindMode,
      assignments: assignColumns(ids, settings.blindMode),
      prompt: prepared.prompt,
      context: {
        ...(ctx.filePath === undefined ? {} : { filePath: ctx.filePath }),
        ...(ctx.selection === undefined ? {} : { selection: ctx.selection }),
        languageId: ctx.languageId,
      },
      originalText: prepared.captured.target.originalText,
      ...patchSetsOf(prepared),
      ...(prepared.repeat ? { repeat: prepared.repeat } : {}),
      limiter: this.limiter,
    };
    this.lastPrepared = { runId, prepared };
    this.s.log.info(`Run ${runId}: ${prepared.template} with ${ids.join(', ')} (request ${prepared.prompt.requestHash.slice(0, 12)})`);
    this.coordinator.launch(plan);
    void vscode.commands.executeCommand('setContext', 'parallax.hasRun', true);
    // The progress title carries the estimate, for every entry point (palette, lightbulb, sidebar, re-run).
    this.s.status.start(prepared.models.length, `${title} · ${estimateSummary(estimateFigures(prepared.estimate))}`);
  }

  private setRunning(running: boolean): void {
    if (this.isRunning === running) return;
    this.isRunning = running;
    void vscode.commands.executeCommand('setContext', 'parallax.running', running);
    this.runningChanged.fire(running);
  }
}

function repeatOf(repeat: number | undefined): { repeat?: number } {
  return repeat !== undefined && repeat > 1 ? { repeat } : {};
}

/** Where the run's multi-file answers are resolved: the compared file's workspace folder, if it has one. */
function patchSetsOf(prepared: PreparedRun): Pick<SessionPlan, 'patchSets'> {
  const { target, context } = prepared.captured;
  const workspace = patchSetWorkspace(target.uri, target.originalText, context.languageId);
  return workspace ? { patchSets: { reader: workspace.reader, context: workspace.context } } : {};
}

/**
 * The Parallax sidebar (`parallax.sidebar`): sends the webview its state — models and their readiness, settings
 * problems, the current selection (debounced), a token/cost estimate, recent runs, running, trusted — and handles
 * every message it sends. Incoming messages are validated; invalid ones are logged and dropped.
 */
import * as vscode from 'vscode';
import { assembleContext } from '../../core/prompts/contextAssembly';
import { buildPrompt } from '../../core/prompts/promptTemplates';
import type { TemplateId } from '../../shared/protocol';
import type { RunRecord } from '../../core/prefs/preferenceRecord';
import { searchRuns } from '../../core/prefs/runSearch';
import { type HostToSidebar, hostToSidebarSchema, parseMessage, type SidebarStateView, type SidebarToHost, sidebarToHostSchema } from '../../shared/protocol';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import type { ComparisonController } from '../run/comparisonController';
import { captureContext, contextSummary } from '../run/editorContext';
import { modelReadiness } from '../run/modelProviders';
import type { ModelSelection } from '../run/modelSelection';
import type { PreferenceService } from '../prefs/preferenceService';
import { recentRunFromRecord } from '../prefs/runRecords';
import type { SettingsService } from '../config/settings';
import { estimatePrompt, estimateView } from '../run/preRunEstimate';
import { promptExtra } from '../run/runPreflight';
import { bundleHtml, webviewOptions } from '../webviews/webviewResources';

export const SIDEBAR_VIEW_ID = 'parallax.sidebar';
const SELECTION_DEBOUNCE_MS = 150;
const RECENT_RUNS = 20;

export interface SidebarServices {
  extensionUri: vscode.Uri;
  settings: SettingsService;
  keys: ApiKeyStore;
  selection: ModelSelection;
  preferences: PreferenceService;
  controller: ComparisonController;
  log: vscode.LogOutputChannel;
}

export class SidebarView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private includeWholeFile: boolean | undefined;
  /** The composer's template and instruction: the estimate is for the prompt they build. */
  private draft: { template: TemplateId; instruction?: string } = { template: 'fix' };
  private runs: RunRecord[] | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly s: SidebarServices) {
    const refresh = () => this.refresh();
    const refreshRuns = () => {
      this.runs = undefined;
      this.refresh();
    };
    this.disposables.push(
      s.settings.onDidChange(refresh),
      s.keys.onDidChange(refresh),
      s.controller.onDidChangeRunning(refresh),
      s.preferences.onDidChange(refreshRuns),
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon()),
      vscode.window.onDidChangeTextEditorSelection(() => this.refreshSoon()),
      vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = webviewOptions(this.s.extensionUri);
    view.webview.html = bundleHtml(view.webview, this.s.extensionUri, 'sidebar', 'Parallax');
    const subscriptions = [
      view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      view.onDidChangeVisibility(() => {
        if (view.visible) this.refresh();
      }),
    ];
    view.onDidDispose(() => {
      for (const d of subscriptions) d.dispose();
      if (this.view === view) this.view = undefined;
      this.ready = false;
    }, undefined, this.disposables);
  }

  dispose(): void {
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    for (const d of this.disposables) d.dispose();
  }

  private refreshSoon(): void {
    if (!this.view?.visible) return;
    if (this.debounce !== undefined) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.refresh();
    }, SELECTION_DEBOUNCE_MS);
  }

  private refresh(): void {
    if (!this.ready || !this.view) return;
    void this.state().then((state) => this.post({ type: 'state', state }), (err: unknown) => this.s.log.error(`Sidebar state failed: ${String(err)}`));
  }

  private post(message: HostToSidebar): void {
    if (!this.ready || !this.view) return;
    // Validated on the way out too: a message the webview would drop is a host bug worth a log line.
    const checked = parseMessage(hostToSidebarSchema, message);
    if (!checked.ok) {
      this.s.log.error(`Not sent to the sidebar: invalid ${message.type} message (${checked.error}).`);
      return;
    }
    void this.view.webview.postMessage(checked.message);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseMessage(sidebarToHostSchema, raw);
    if (!parsed.ok) {
      this.s.log.warn(`Sidebar sent an invalid message, dropped (${parsed.error}).`);
      return;
    }
    await this.handle(parsed.message);
  }

  private async handle(message: SidebarToHost): Promise<void> {
    const models = this.s.settings.settings.models;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.refresh();
      case 'run':
        await this.s.selection.setAll(message.modelIds, models);
        this.includeWholeFile = message.includeWholeFile;
        return this.s.controller.start({
          template: message.template,
          ...(message.instruction ? { instruction: message.instruction } : {}),
          modelIds: message.modelIds,
          includeWholeFile: message.includeWholeFile,
          ...(message.repeat !== undefined && message.repeat > 1 ? { repeat: message.repeat } : {}),
        });
      case 'cancel':
        return this.s.controller.cancel();
      case 'toggleModel':
        await this.s.selection.set(message.modelId, message.selected, models);
        return this.refresh();
      case 'setApiKey':
        await vscode.commands.executeCommand('parallax.setApiKey', message.modelId);
        return;
      case 'configureModels':
        await vscode.commands.executeCommand('parallax.configureModels');
        return;
      case 'openRun':
        return this.s.controller.openRun(message.runId);
      case 'searchHistory': {
        const found = searchRuns(await this.recentRecords(), message.query);
        this.post({ type: 'history', query: message.query, runs: found.slice(0, RECENT_RUNS).map(recentRunFromRecord) });
        return;
      }
      case 'estimate':
        await this.s.selection.setAll(message.modelIds, models);
        this.includeWholeFile = message.includeWholeFile;
        if (message.template) this.draft = { template: message.template, ...(message.instruction ? { instruction: message.instruction } : {}) };
        return this.refresh();
      case 'showLeaderboard':
        await vscode.commands.executeCommand('parallax.showLeaderboard');
        return;
      case 'openWalkthrough':
        await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'parallax-dev.parallax#parallax.gettingStarted', false);
        return;
    }
  }

  /** All runs, newest first (read once, re-read after the log changes). */
  private async recentRecords(): Promise<RunRecord[]> {
    if (!this.runs) {
      try {
        this.runs = (await this.s.preferences.readAll()).runs.reverse();
      } catch (err) {
        this.s.log.error(`Reading the preference log failed: ${String(err)}`);
        this.runs = [];
      }
    }
    return this.runs;
  }

  private async state(): Promise<SidebarStateView> {
    const { settings, problems } = this.s.settings;
    const trusted = vscode.workspace.isTrusted;
    const selectedIds = this.s.selection.selectedIds(settings.models);
    const enabled = settings.models.filter((m) => m.enabled);
    const models = await Promise.all(
      enabled.map(async (m) => {
        const readiness = await modelReadiness(m, this.s.keys, trusted);
        return {
          id: m.id,
          label: m.label.slice(0, 2_000),
          provider: m.provider,
          model: m.model.slice(0, 2_000),
          demo: m.demo ?? false,
          selected: selectedIds.includes(m.id),
          status: readiness.status,
          ...(readiness.message ? { statusMessage: readiness.message } : {}),
        };
      }),
    );
    const editor = vscode.window.activeTextEditor;
    const includeWholeFile = this.includeWholeFile ?? settings.context.includeWholeFile;
    const { template, instruction } = this.draft;
    const errorText = template === 'fix' && instruction ? { errorText: instruction } : {};
    const captured = editor && captureContext(editor, { includeWholeFile, surroundingLines: settings.context.surroundingLines, ...errorText });
    // A custom prompt without its text cannot be built (and cannot run): no estimate until it is typed.
    const buildable = template !== 'custom' || Boolean(instruction?.trim());
    const prompt = captured && buildable ? buildPrompt(template, assembleContext(captured.context, settings.context), promptExtra(template, instruction)) : undefined;
    const selected = enabled.filter((m) => selectedIds.includes(m.id));
    const estimate = prompt && selected.length > 0 ? estimateView(await estimatePrompt(prompt, selected, settings.prices), template) : null;
    return {
      models,
      problems: problems.map((p) => ({
        entry: (p.entry ?? p.setting).slice(0, 2_000),
        ...(p.field ? { field: p.field.slice(0, 2_000) } : {}),
        message: p.message.slice(0, 2_000),
      })),
      context: contextSummary(editor),
      estimate,
      recentRuns: (await this.recentRecords()).slice(0, RECENT_RUNS).map(recentRunFromRecord),
      running: this.s.controller.running,
      trusted,
    };
  }
}

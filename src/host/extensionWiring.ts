/** Builds the host services and registers everything with VS Code; every disposable goes to the context. */
import * as vscode from 'vscode';
import { wireAgents } from './agents/agentWiring';
import { registerCommands } from './commands';
import { JudgeService } from './judge/judgeService';
import { registerRepeatCommands } from './run/repeatCommands';
import { SettingsService } from './config/settings';
import { ApiKeyStore } from './keys/apiKeyStore';
import { registerExportCommands } from './prefs/exportCommands';
import { registerLeaderboard } from './prefs/leaderboardPanel';
import { PreferenceService } from './prefs/preferenceService';
import { DIFF_SCHEME, DiffDocuments } from './results/diffDocuments';
import { ResultsActions } from './results/resultsActions';
import { registerResultsCommands } from './results/resultsCommands';
import { RESULTS_VIEW_TYPE, ResultsPanel } from './results/resultsPanel';
import { routeResultsMessage } from './results/resultsRouter';
import { CompareCodeActionProvider } from './run/compareCodeActionProvider';
import { ComparisonController, type FinishedRun } from './run/comparisonController';
import { ModelSelection } from './run/modelSelection';
import { RunStatus } from './run/runStatus';
import { SIDEBAR_VIEW_ID, SidebarView } from './sidebar/sidebarView';
import { wireVerification } from './verify/verificationWiring';

export interface WiredExtension {
  onDidFinishRun: vscode.Event<FinishedRun>;
  settings: SettingsService;
  /** Cancels what runs, records it and flushes the log; bounded (deactivation waits for it). */
  shutdown(): Promise<void>;
}

export function wireExtension(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): WiredExtension {
  const subs = context.subscriptions;
  const settings = new SettingsService(log);
  const keys = new ApiKeyStore(context.secrets);
  const preferences = new PreferenceService(context.globalStorageUri, settings, log);
  const diffs = new DiffDocuments();
  const status = new RunStatus();
  const selection = new ModelSelection(context.workspaceState);
  const panel = new ResultsPanel(context.extensionUri, log);
  subs.push(settings, keys, preferences, diffs, status, panel);

  const controller = new ComparisonController({ settings, keys, selection, panel, preferences, status, workspaceState: context.workspaceState, log });
  const actions = new ResultsActions(diffs, () => panel.viewColumn);
  const sidebar = new SidebarView({ extensionUri: context.extensionUri, settings, keys, selection, preferences, controller, log });
  subs.push(controller, sidebar);

  const notice = (level: 'info' | 'warning', message: string): void => panel.post({ type: 'notice', level, message });
  const verification = wireVerification({ context, controller, preferences, settings, post: (m) => panel.post(m), log });
  const judge = new JudgeService({ controller, settings, keys, preferences, post: (m) => panel.post(m), log });
  subs.push(
    judge,
    vscode.commands.registerCommand('parallax.askJudge', () => judge.ask()),
    panel.onDidBecomeReady(() => void controller.coordinator.onPanelReady().then(() => judge.refresh())),
    panel.onDidReceiveMessage((message) => {
      routeResultsMessage(message, controller, actions, notice, verification, judge).catch((err: unknown) => log.error(`Results panel action failed: ${String(err)}`));
    }),
    panel.onDidChangeExistence((exists) => {
      if (exists) void vscode.commands.executeCommand('setContext', 'parallax.hasRun', true);
    }),
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, diffs),
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, sidebar),
    vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => panel.adopt(webviewPanel),
    }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new CompareCodeActionProvider(), CompareCodeActionProvider.metadata),
    vscode.languages.registerCodeActionsProvider({ scheme: 'untitled' }, new CompareCodeActionProvider(), CompareCodeActionProvider.metadata),
    ...registerCommands({ controller, settings, keys, preferences }),
    ...registerRepeatCommands(controller),
    ...registerResultsCommands(panel, controller, actions),
  );
  subs.push(...wireAgents(context, log));
  registerLeaderboard(context, preferences, log);
  registerExportCommands(context, preferences, log, () => controller.latestRunId);
  return {
    onDidFinishRun: controller.onDidFinishRun,
    settings,
    shutdown: async () => {
      await controller.shutdown();
      await preferences.flush();
    },
  };
}

/** Builds the host services and registers everything with VS Code; every disposable goes to the context. */
import * as vscode from 'vscode';
import { ApiKeyStore } from './keys/apiKeyStore';
import { registerCommands } from './commands';
import { CompareCodeActionProvider } from './run/compareCodeActionProvider';
import { ComparisonController, type FinishedRun } from './run/comparisonController';
import { DIFF_SCHEME, DiffDocuments } from './results/diffDocuments';
import { registerExportCommands } from './prefs/exportCommands';
import { registerLeaderboard } from './prefs/leaderboardPanel';
import { ModelSelection } from './run/modelSelection';
import { PreferenceService } from './prefs/preferenceService';
import { ResultsActions } from './results/resultsActions';
import { RESULTS_VIEW_TYPE, ResultsPanel } from './results/resultsPanel';
import { RunStatus } from './run/runStatus';
import { SettingsService } from './config/settings';
import { SIDEBAR_VIEW_ID, SidebarView } from './sidebar/sidebarView';

export interface WiredExtension {
  onDidFinishRun: vscode.Event<FinishedRun>;
  settings: SettingsService;
}

export function wireExtension(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): WiredExtension {
  const subs = context.subscriptions;
  const settings = new SettingsService(log);
  const keys = new ApiKeyStore(context.secrets);
  const preferences = new PreferenceService(context.globalStorageUri, settings, log);
  const diffs = new DiffDocuments();
  const status = new RunStatus();
  const selection = new ModelSelection(context.workspaceState);
  subs.push(settings, keys, preferences, diffs, status);

  // The panel and the controller refer to each other through these handlers.
  let controller: ComparisonController | undefined;
  const panel = new ResultsPanel(context.extensionUri, log, {
    onReady: () => controller?.onPanelReady(),
    onMessage: (message) => void controller?.handlePanelMessage(message),
  });
  controller = new ComparisonController({
    settings,
    keys,
    selection,
    panel,
    diffs,
    actions: new ResultsActions(diffs, () => panel.viewColumn),
    preferences,
    status,
    workspaceState: context.workspaceState,
    log,
  });
  const sidebar = new SidebarView({ extensionUri: context.extensionUri, settings, keys, selection, preferences, controller, log });
  subs.push(panel, controller, sidebar);

  subs.push(
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
  );
  const runController = controller;
  registerLeaderboard(context, preferences, log);
  registerExportCommands(context, preferences, log, () => runController.latestRunId);
  return { onDidFinishRun: controller.onDidFinishRun, settings };
}

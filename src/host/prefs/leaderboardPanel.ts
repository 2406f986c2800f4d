/**
 * The leaderboard webview panel (`parallax.leaderboard`): one panel at a time, restored after a reload by a
 * serializer, refreshed whenever the preference log changes. The host reads the log, applies the filter and
 * builds the view; the webview only renders it and reports filter changes and export clicks.
 */
import * as vscode from 'vscode';
import type { RunRecord } from '../../core/prefs/preferenceRecord';
import type { TeamLogs } from '../../core/prefs/teamLogs';
import { parseMessage } from '../../shared/protocol';
import { type HostToLeaderboard, hostToLeaderboardSchema, type LeaderboardFilter, leaderboardFilterSchema, type LeaderboardToHost, leaderboardToHostSchema } from '../../shared/leaderboardProtocol';
import { exportPreferenceLog } from './exportCommands';
import { toLeaderboardView } from './leaderboardView';
import { bundleHtml, webviewOptions } from '../webviews/webviewResources';

/** Where the leaderboard reads votes from; the host's preference service satisfies it. */
export interface PreferenceSource {
  readAll(): Promise<{ runs: RunRecord[]; problems: { line: number; error: string }[] }>;
  onDidChange: vscode.Event<void>;
  /** The team log folder's logs (read only), or undefined when `parallax.teamLogFolder` is not set. */
  readTeam?(): Promise<TeamLogs | undefined>;
}

export const LEADERBOARD_VIEW_TYPE = 'parallax.leaderboard';

class LeaderboardPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  /**
   * The message queue for a webview that has not said `ready` yet. Every message is a full view, so it holds
   * only the newest; it is also re-sent when a hidden (torn-down) webview is rebuilt and says `ready` again.
   */
  private latest: HostToLeaderboard | undefined;
  /** Bumped by each refresh, so a slow older read never overwrites a newer one. */
  private generation = 0;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly prefs: PreferenceSource,
    private readonly log: vscode.LogOutputChannel,
    private filter: LeaderboardFilter,
    onClosed: () => void,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(extensionUri);
    webview.html = bundleHtml(webview, extensionUri, 'leaderboard', 'Parallax Leaderboard');
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down; it says `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        this.dispose();
        onClosed();
      }),
    );
    void this.refresh();
  }

  reveal(): void {
    this.panel.reveal();
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    try {
      const contents = await this.prefs.readAll();
      const team = await this.prefs.readTeam?.();
      if (generation !== this.generation) return;
      this.send({ type: 'leaderboard', view: toLeaderboardView(contents, this.filter, {}, team) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`Leaderboard: could not read the preference log: ${message}`);
      void vscode.window.showErrorMessage(`Parallax: could not read the preference log: ${message}`);
    }
  }

  private send(message: HostToLeaderboard): void {
    const checked = parseMessage(hostToLeaderboardSchema, message);
    if (!checked.ok) {
      this.log.error(`Leaderboard: not sending an invalid view (${checked.error})`);
      return;
    }
    this.latest = checked.message;
    if (this.ready) void this.panel.webview.postMessage(checked.message);
  }

  private onMessage(raw: unknown): void {
    const parsed = parseMessage(leaderboardToHostSchema, raw);
    if (!parsed.ok) {
      this.log.warn(`Leaderboard: dropped an invalid message from the webview (${parsed.error})`);
      return;
    }
    this.handle(parsed.message);
  }

  private handle(message: LeaderboardToHost): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.latest) void this.panel.webview.postMessage(this.latest);
        return;
      case 'filter':
        this.filter = message.filter;
        void this.refresh();
        return;
      case 'export':
        void exportPreferenceLog(this.prefs, this.log, { format: message.format, filter: this.filter });
        return;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** The filter the webview saved in its state, if it is still a valid one. */
function savedFilter(state: unknown): LeaderboardFilter {
  if (typeof state !== 'object' || state === null || !('filter' in state)) return {};
  const parsed = leaderboardFilterSchema.safeParse(state.filter);
  return parsed.success ? parsed.data : {};
}

export function registerLeaderboard(context: vscode.ExtensionContext, prefs: PreferenceSource, log: vscode.LogOutputChannel): void {
  let current: LeaderboardPanel | undefined;

  const adopt = (panel: vscode.WebviewPanel, filter: LeaderboardFilter): void => {
    current?.dispose();
    const opened: LeaderboardPanel = new LeaderboardPanel(panel, context.extensionUri, prefs, log, filter, () => {
      if (current === opened) current = undefined;
    });
    current = opened;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('parallax.showLeaderboard', () => {
      if (current) {
        current.reveal();
        return;
      }
      const panel = vscode.window.createWebviewPanel(LEADERBOARD_VIEW_TYPE, 'Parallax Leaderboard', vscode.ViewColumn.Active, {
        enableFindWidget: true,
      });
      adopt(panel, {});
    }),
    vscode.window.registerWebviewPanelSerializer(LEADERBOARD_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => adopt(panel, savedFilter(state)),
    }),
    prefs.onDidChange(() => void current?.refresh()),
    { dispose: () => current?.dispose() },
  );
}

/**
 * The one results panel (`parallax.results`): shows the latest run, or a run restored from the log.
 *
 * It raises events (`onDidBecomeReady`, `onDidReceiveMessage`) and knows nothing of runs. A webview that is
 * (re)loaded — first open, shown again after being hidden, restored after a reload — says `ready` and gets the full
 * run, so streaming updates sent while it was not listening are dropped rather than queued; notices are queued.
 */
import * as vscode from 'vscode';
import { type HostToResults, hostToResultsSchema, type ResultsToHost, resultsToHostSchema } from '../../shared/protocol';
import { DisposableStore } from '../common/disposableStore';
import { WebviewChannel } from '../webviews/webviewChannel';
import { bundleHtml, webviewOptions } from '../webviews/webviewResources';

export const RESULTS_VIEW_TYPE = 'parallax.results';

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly panelStore = new DisposableStore();
  private readonly channel: WebviewChannel<ResultsToHost, HostToResults>;
  private readonly existence = new vscode.EventEmitter<boolean>();

  /** Fires true when a panel opens, false when it closes. */
  readonly onDidChangeExistence = this.existence.event;
  readonly onDidBecomeReady: vscode.Event<void>;
  readonly onDidReceiveMessage: vscode.Event<Exclude<ResultsToHost, { type: 'ready' }>>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
  ) {
    this.channel = new WebviewChannel({
      name: 'results panel',
      incoming: resultsToHostSchema,
      outgoing: hostToResultsSchema,
      log,
      queueable: (m) => m.type === 'notice',
    });
    this.onDidBecomeReady = this.channel.onDidBecomeReady;
    this.onDidReceiveMessage = this.channel.onDidReceiveMessage;
  }

  get exists(): boolean {
    return this.panel !== undefined;
  }

  /** The editor column the panel is in, while it is open. */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.panel?.viewColumn;
  }

  /** Opens the panel beside the editor, or reveals it. */
  show(title: string, preserveFocus = true): void {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(undefined, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    this.adopt(panel, title);
  }

  /** Takes over a panel (a new one, or one VS Code restored after a reload). */
  adopt(panel: vscode.WebviewPanel, title = panel.title): void {
    this.disposePanel();
    this.panel = panel;
    panel.title = title;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'parallax.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = bundleHtml(panel.webview, this.extensionUri, 'results', 'Parallax results');
    this.channel.attach(panel.webview);
    this.panelStore.add(
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down (retainContextWhenHidden: false); it says `ready` again when shown.
        if (!panel.visible) this.channel.markNotReady();
      }),
    );
    this.panelStore.add(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.channel.detach();
        this.panelStore.clear();
        this.existence.fire(false);
      }),
    );
    this.existence.fire(true);
  }

  /** Reveals the open panel in its group (taking the focus unless `preserveFocus`). */
  reveal(preserveFocus: boolean): void {
    this.panel?.reveal(undefined, preserveFocus);
  }

  setTitle(title: string): void {
    if (this.panel) this.panel.title = title;
  }

  post(message: HostToResults): void {
    if (this.panel) this.channel.post(message);
  }

  dispose(): void {
    this.disposePanel();
    this.channel.dispose();
    this.existence.dispose();
  }

  private disposePanel(): void {
    const panel = this.panel;
    this.panel = undefined;
    this.channel.detach();
    this.panelStore.clear();
    panel?.dispose();
  }
}

/**
 * The one results panel (`parallax.results`): shows the latest run, or a run reopened from history.
 *
 * Messages wait for the webview's `ready`: a webview that is (re)loaded — first open, shown again after being
 * hidden, restored after a reload — asks for the full run through `onReady`, so streaming updates sent while it
 * was not listening are dropped rather than queued (the full run already holds them); notices are queued.
 * Every incoming message is validated against the protocol; invalid ones are logged and dropped.
 */
import * as vscode from 'vscode';
import { type HostToResults, hostToResultsSchema, parseMessage, type ResultsToHost, resultsToHostSchema } from '../../shared/protocol';
import { bundleHtml, webviewOptions } from '../webviews/webviewResources';

export const RESULTS_VIEW_TYPE = 'parallax.results';

export interface ResultsPanelHandlers {
  /** The webview is listening: send it the full current run. */
  onReady(): void;
  onMessage(message: ResultsToHost): void;
}

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private ready = false;
  private queuedNotices: HostToResults[] = [];
  private readonly existence = new vscode.EventEmitter<boolean>();

  /** Fires true when a panel opens, false when it closes. */
  readonly onDidChangeExistence = this.existence.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly handlers: ResultsPanelHandlers,
  ) {}

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
    this.ready = false;
    panel.title = title;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'parallax.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = bundleHtml(panel.webview, this.extensionUri, 'results', 'Parallax results');
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(() => {
        // A hidden webview is torn down (retainContextWhenHidden: false); it posts `ready` again when shown.
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.ready = false;
        this.panelDisposables.forEach((d) => d.dispose());
        this.panelDisposables = [];
        this.existence.fire(false);
      }),
    );
    this.existence.fire(true);
  }

  setTitle(title: string): void {
    if (this.panel) this.panel.title = title;
  }

  post(message: HostToResults): void {
    if (!this.panel) return;
    if (!this.ready) {
      if (message.type === 'notice') this.queuedNotices.push(message);
      return;
    }
    // Validated on the way out too: a message the webview would drop is a host bug worth a log line.
    const checked = parseMessage(hostToResultsSchema, message);
    if (!checked.ok) {
      this.log.error(`Not sent to the results panel: invalid ${message.type} message (${checked.error}).`);
      return;
    }
    void this.panel.webview.postMessage(checked.message);
  }

  dispose(): void {
    this.disposePanel();
    this.existence.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = parseMessage(resultsToHostSchema, raw);
    if (!parsed.ok) {
      this.log.warn(`Results panel sent an invalid message, dropped (${parsed.error}).`);
      return;
    }
    if (parsed.message.type === 'ready') {
      this.ready = true;
      this.handlers.onReady();
      const notices = this.queuedNotices;
      this.queuedNotices = [];
      notices.forEach((n) => this.post(n));
      return;
    }
    this.handlers.onMessage(parsed.message);
  }

  private disposePanel(): void {
    const panel = this.panel;
    this.panel = undefined;
    this.panelDisposables.forEach((d) => d.dispose());
    this.panelDisposables = [];
    panel?.dispose();
  }
}

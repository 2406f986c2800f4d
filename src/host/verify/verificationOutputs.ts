/**
 * Each check's captured output as a read-only virtual document (`parallax-verify:` URIs), opened from its column.
 * Only the latest verification of each column of a run is kept.
 */
import * as vscode from 'vscode';

export const VERIFY_OUTPUT_SCHEME = 'parallax-verify';

export class VerificationOutputs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  uriOf(runId: string, key: string, label: string): vscode.Uri {
    return vscode.Uri.from({ scheme: VERIFY_OUTPUT_SCHEME, path: `/${runId}/${key}/${label.replace(/[^\w .()-]/g, '_')} check output.log` });
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  has(uri: vscode.Uri): boolean {
    return this.texts.has(uri.toString());
  }

  /** Keeps only the outputs of `runId`. */
  keepRun(runId: string): void {
    for (const key of [...this.texts.keys()]) if (!vscode.Uri.parse(key).path.startsWith(`/${runId}/`)) this.texts.delete(key);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This check output is no longer kept (only the latest run’s checks are).';
  }

  async open(uri: vscode.Uri): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

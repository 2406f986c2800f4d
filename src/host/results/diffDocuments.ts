/**
 * Read-only virtual documents under the `parallax-diff:` scheme (the original selection and each answer's
 * extracted code), and the diff editors that compare them.
 */
import * as vscode from 'vscode';

export const DIFF_SCHEME = 'parallax-diff';
/** Documents of this many recent runs are kept; older ones are dropped. */
const KEPT_RUNS = 5;

export interface DiffSide {
  uri: vscode.Uri;
  label: string;
}

export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly runs: string[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /**
   * Stores one side. The file name keeps the original's extension so the diff is highlighted:
   * `parallax-diff:/<runId>/<side>/dates.ts`.
   */
  put(runId: string, side: string, fileName: string, text: string, label: string): DiffSide {
    if (!this.runs.includes(runId)) {
      this.runs.push(runId);
      while (this.runs.length > KEPT_RUNS) this.forgetRun(this.runs.shift() as string);
    }
    const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${runId}/${side}/${fileName}` });
    this.contents.set(uri.path, text);
    this.changed.fire(uri);
    return { uri, label };
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Opens `left ↔ right` in `viewColumn` (default: beside the active editor), without taking focus. */
  async show(left: DiffSide, right: DiffSide, viewColumn: vscode.ViewColumn = vscode.ViewColumn.Beside): Promise<void> {
    await vscode.commands.executeCommand('vscode.diff', left.uri, right.uri, `${left.label} ↔ ${right.label}`, {
      preserveFocus: true,
      preview: true,
      viewColumn,
    });
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }

  private forgetRun(runId: string): void {
    for (const path of [...this.contents.keys()]) if (path.startsWith(`/${runId}/`)) this.contents.delete(path);
  }
}

/** The results panel's per-column actions on a live run: diffs, compare with another answer, apply, copy. */
import * as vscode from 'vscode';
import { type ActiveRun, proposedCode } from '../run/activeRun';
import { applyProposedCode } from './applyEdit';
import type { DiffDocuments } from './diffDocuments';

/**
 * Where diffs and applied code are shown so that they never cover the results panel (a hidden results webview is
 * torn down): the column of an editor showing the compared file, else the column next to the panel (left of it when
 * there is one, which is where the compared file usually was).
 */
export function sourceColumn(fileUri: vscode.Uri, panelColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  if (panelColumn === undefined) return vscode.ViewColumn.Beside;
  const editor = vscode.window.visibleTextEditors.find(
    (e) => e.document.uri.toString() === fileUri.toString() && e.viewColumn !== undefined && e.viewColumn !== panelColumn,
  );
  if (editor?.viewColumn !== undefined) return editor.viewColumn;
  return (panelColumn > vscode.ViewColumn.One ? panelColumn - 1 : panelColumn + 1) as vscode.ViewColumn;
}

export class ResultsActions {
  constructor(
    private readonly diffs: DiffDocuments,
    /** The results panel's column, while it is open. */
    private readonly panelColumn: () => vscode.ViewColumn | undefined,
  ) {}

  async diffOriginal(run: ActiveRun, columnId: string): Promise<void> {
    const side = run.codeSides.get(columnId);
    if (!side) {
      void vscode.window.showInformationMessage(`${this.label(run, columnId)} proposed no code to diff.`);
      return;
    }
    await this.diffs.show(run.original, { ...side, label: this.label(run, columnId) }, this.column(run));
  }

  /** Answer ↔ answer; asks which other column when not given. */
  async diffPair(run: ActiveRun, columnId: string, otherColumnId?: string): Promise<void> {
    const side = run.codeSides.get(columnId);
    if (!side) {
      void vscode.window.showInformationMessage(`${this.label(run, columnId)} proposed no code to compare.`);
      return;
    }
    let other = otherColumnId;
    if (other === undefined) {
      const candidates = run.state.columnIds().filter((c) => c !== columnId && run.codeSides.has(c));
      if (candidates.length === 0) {
        void vscode.window.showInformationMessage('No other answer proposed code to compare with.');
        return;
      }
      const picked = await vscode.window.showQuickPick(
        candidates.map((c) => ({ label: this.label(run, c), columnId: c })),
        { title: `Compare ${this.label(run, columnId)} with…` },
      );
      other = picked?.columnId;
    }
    const otherSide = other === undefined ? undefined : run.codeSides.get(other);
    if (!other || !otherSide) return;
    await this.diffs.show({ ...side, label: this.label(run, columnId) }, { ...otherSide, label: this.label(run, other) }, this.column(run));
  }

  async apply(run: ActiveRun, columnId: string): Promise<void> {
    const code = proposedCode(run, columnId);
    if (code === undefined) {
      void vscode.window.showInformationMessage(`${this.label(run, columnId)} proposed no code to apply.`);
      return;
    }
    await applyProposedCode(run.prepared.captured.target, code, this.label(run, columnId), () => this.diffOriginal(run, columnId), this.column(run));
  }

  /** Copies the proposed code, or the whole answer when there is none. */
  async copy(run: ActiveRun, columnId: string): Promise<void> {
    const code = proposedCode(run, columnId);
    const modelId = run.state.modelIdOf(columnId);
    const text = code ?? run.handle.snapshot().find((o) => o.modelId === modelId)?.text ?? '';
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Parallax: copied ${code === undefined ? 'the answer' : 'the code'} of ${this.label(run, columnId)}`, 3_000);
  }

  private column(run: ActiveRun): vscode.ViewColumn {
    return sourceColumn(run.prepared.captured.target.uri, this.panelColumn());
  }

  private label(run: ActiveRun, columnId: string): string {
    return run.state.columnLabel(columnId) ?? columnId;
  }
}

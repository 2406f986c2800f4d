/**
 * The results panel's per-column actions: diffs, compare with another answer, apply, copy; on the live run or on
 * a run reopened from the log (see reviewedRun.ts).
 */
import * as vscode from 'vscode';
import { applyPatchSet } from '../patchSets/patchSetApply';
import { reviewPatchSet } from '../patchSets/patchSetReview';
import { applyProposedCode } from './applyEdit';
import type { DiffDocuments, DiffSide } from './diffDocuments';
import type { ReviewedRun, ReviewedSamples } from './reviewedRun';
import { sampleLabel } from '../../shared/vocabulary';

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
  return (panelColumn > vscode.ViewColumn.One ? panelColumn - 1 : panelColumn + 1);
}

export class ResultsActions {
  constructor(
    private readonly diffs: DiffDocuments,
    /** The results panel's column, while it is open. */
    private readonly panelColumn: () => vscode.ViewColumn | undefined,
  ) {}

  async diffOriginal(run: ReviewedRun, columnId: string): Promise<void> {
    if (run.patchSetOf(columnId)) return this.reviewFiles(run, columnId);
    const side = this.codeSide(run, columnId);
    if (!side) {
      void vscode.window.showInformationMessage(`${this.label(run, columnId)} proposed no code to diff.`);
      return;
    }
    await this.diffs.show(this.originalSide(run), { ...side, label: this.label(run, columnId) }, this.column(run));
  }

  /**
   * Opens original ↔ answer for each of `columnIds` that proposed code, each in its own editor group right of the
   * results panel, side by side, without taking the focus. Returns how many opened.
   */
  async diffAll(run: ReviewedRun, columnIds: readonly string[]): Promise<number> {
    const withCode = columnIds.filter((c) => run.proposedCode(c) !== undefined);
    const first = (this.panelColumn() ?? vscode.ViewColumn.One) + 1;
    const opened = withCode.slice(0, vscode.ViewColumn.Nine - first + 1);
    for (const [i, columnId] of opened.entries()) {
      const side = this.codeSide(run, columnId);
      if (side) await this.diffs.show(this.originalSide(run), { ...side, label: this.label(run, columnId) }, first + i);
    }
    return opened.length;
  }

  /** Answer ↔ answer; asks which other column when not given. */
  async diffPair(run: ReviewedRun, columnId: string, otherColumnId?: string): Promise<void> {
    const side = this.codeSide(run, columnId);
    if (!side) {
      void vscode.window.showInformationMessage(`${this.label(run, columnId)} proposed no code to compare.`);
      return;
    }
    if (otherColumnId === undefined && run.samples) return this.diffSamples(run, run.samples, columnId, side);
    let other = otherColumnId;
    if (other === undefined) {
      const candidates = run.columnIds().filter((c) => c !== columnId && run.proposedCode(c) !== undefined);
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
    const otherSide = other === undefined ? undefined : this.codeSide(run, other);
    if (!other || !otherSide) return;
    await this.diffs.show({ ...side, label: this.label(run, columnId) }, { ...otherSide, label: this.label(run, other) }, this.column(run));
  }

  /** Repeat N: the shown sample against any other sample, of this model or another one. */
  private async diffSamples(run: ReviewedRun, samples: ReviewedSamples, columnId: string, side: DiffSide): Promise<void> {
    const { count } = samples;
    const shown = samples.shown(columnId);
    const candidates = run.columnIds().flatMap((c) =>
      Array.from({ length: count }, (_, i) => i + 1)
        .filter((n) => !(c === columnId && n === shown) && samples.code(c, n) !== undefined)
        .map((n) => ({ label: `${this.label(run, c)} · ${sampleLabel(n, count)}`, columnId: c, sample: n })),
    );
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage('No other sample proposed code to compare with.');
      return;
    }
    const mine = `${this.label(run, columnId)} · ${sampleLabel(shown, count)}`;
    const picked = await vscode.window.showQuickPick(candidates, { title: `Compare ${mine} with…` });
    const code = picked && samples.code(picked.columnId, picked.sample);
    if (!picked || code === undefined) return;
    const other = this.diffs.put(run.runId, `${picked.columnId}-s${picked.sample}`, run.fileName, code, `${picked.columnId}-s${picked.sample}`);
    await this.diffs.show({ ...side, label: mine }, { ...other, label: picked.label }, this.column(run));
  }

  /** A multi-file answer's files in the multi-file diff editor, opened beside the panel. */
  async reviewFiles(run: ReviewedRun, columnId: string): Promise<void> {
    const set = run.patchSetOf(columnId);
    const root = this.patchRoot(run);
    if (!set || !root) return;
    // vscode.changes opens in the active group: make it the source column, so the panel stays visible.
    await vscode.window.showTextDocument(run.target.uri, { viewColumn: this.column(run), preserveFocus: false, preview: false });
    await reviewPatchSet(this.diffs, { runId: run.runId, columnId, label: this.label(run, columnId), root, viewColumn: this.column(run) }, set);
  }

  async apply(run: ReviewedRun, columnId: string): Promise<void> {
    const set = run.patchSetOf(columnId);
    const root = this.patchRoot(run);
    if (set && root) {
      const blocked = run.applyBlockOf(columnId);
      if (blocked) return void vscode.window.showWarningMessage(`${this.label(run, columnId)}: ${blocked}`);
      const result = await applyPatchSet(set, root, this.label(run, columnId), () => this.reviewFiles(run, columnId));
      if (result === 'applied') run.applied(columnId, set.files.map((f) => f.relPath));
      return;
    }
    const code = run.proposedCode(columnId);
    if (code === undefined) {
      void vscode.window.showInformationMessage(`${this.label(run, columnId)} proposed no code to apply.`);
      return;
    }
    const blocked = run.applyBlockOf(columnId);
    if (blocked) {
      void vscode.window.showWarningMessage(`${this.label(run, columnId)}: ${blocked}`);
      return;
    }
    const result = await applyProposedCode(run.target, code, this.label(run, columnId), () => this.diffOriginal(run, columnId), this.column(run));
    if (result === 'applied') run.applied(columnId);
  }

  /** Copies the proposed code, or the whole answer when there is none. */
  async copy(run: ReviewedRun, columnId: string): Promise<void> {
    const code = run.proposedCode(columnId);
    const text = code ?? run.answerText(columnId);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Parallax: copied ${code === undefined ? 'the answer' : 'the code'} of ${this.label(run, columnId)}`, 3_000);
  }

  private patchRoot(run: ReviewedRun): vscode.Uri | undefined {
    return run.patchRoot;
  }

  private column(run: ReviewedRun): vscode.ViewColumn {
    return sourceColumn(run.target.uri, this.panelColumn());
  }

  private label(run: ReviewedRun, columnId: string): string {
    return run.label(columnId);
  }

  private originalSide(run: ReviewedRun): DiffSide {
    return this.diffs.put(run.runId, 'original', run.fileName, run.target.originalText, 'Original');
  }

  /** The column's extracted code as a diff document, if it proposed code. */
  private codeSide(run: ReviewedRun, columnId: string): DiffSide | undefined {
    const code = run.proposedCode(columnId);
    if (code === undefined) return undefined;
    return this.diffs.put(run.runId, columnId, run.fileName, code, columnId);
  }
}

/**
 * Applying a model's proposed code to the user's selection: one `WorkspaceEdit` (so one undo reverts it), only
 * when the selection still holds the text the models saw; otherwise the user is told and offered the diff.
 */
import * as vscode from 'vscode';
import { isStillOriginal, type OffsetRange } from '../../core/edits/diffStats';

/** Where a run's selection was. */
export interface SelectionTarget {
  uri: vscode.Uri;
  range: OffsetRange;
  originalText: string;
}

export type ApplyResult = 'applied' | 'changed' | 'failed';

/** `viewColumn`: where the changed document is shown (default: where it is visible, else the active group). */
export async function applyProposedCode(
  target: SelectionTarget,
  code: string,
  modelLabel: string,
  showDiff: () => Promise<void>,
  viewColumn?: vscode.ViewColumn,
): Promise<ApplyResult> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(target.uri);
  } catch {
    void vscode.window.showErrorMessage(`The file of this comparison could not be opened: ${target.uri.fsPath}`);
    return 'failed';
  }
  if (!isStillOriginal(document.getText(), target.range, target.originalText)) {
    const choice = await vscode.window.showWarningMessage(
      `The code changed since the comparison, so ${modelLabel}'s answer was not applied (it could overwrite your edits).`,
      'Show Diff',
    );
    if (choice === 'Show Diff') await showDiff();
    return 'changed';
  }
  const range = new vscode.Range(document.positionAt(target.range.start), document.positionAt(target.range.end));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(target.uri, range, code);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`VS Code refused the edit (is ${vscode.workspace.asRelativePath(target.uri)} read-only?).`);
    return 'failed';
  }
  const end = document.positionAt(target.range.start + code.length);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.uri.toString());
  const column = viewColumn ?? visible?.viewColumn;
  await vscode.window.showTextDocument(document, {
    ...(column ? { viewColumn: column } : {}),
    selection: new vscode.Range(range.start, end),
    preserveFocus: false,
  });
  return 'applied';
}

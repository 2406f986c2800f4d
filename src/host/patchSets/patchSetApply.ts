/**
 * Applying a multi-file answer as ONE `WorkspaceEdit` (creates, edits and deletes; one undo reverts it), all or
 * nothing. Before writing, every path is checked again on disk (symlinks, with realpath) and every file must still
 * hold the text the answer was resolved against when it completed (the stale check: a new file must still not
 * exist). Files that were saved before are saved again, so the change is on disk like a refactoring's.
 */
import * as vscode from 'vscode';
import { staleFiles } from '../../core/edits/patchSetResolve';
import type { PatchFile, PatchSet } from '../../core/edits/patchSetTypes';
import type { ApplyResult } from '../results/applyEdit';
import { fileUri } from './patchSetReview';
import { containmentRefusal } from './workspaceContainment';

export type PatchApplyResult = ApplyResult | 'refused';

/** The text VS Code has for `uri` (an open document's, unsaved edits included), or undefined when there is no file. */
async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function currentTexts(root: vscode.Uri, files: readonly PatchFile[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const f of files) {
    const text = await currentText(fileUri(root, f.relPath));
    if (text !== undefined) texts.set(f.relPath, text);
  }
  return texts;
}

async function buildEdit(root: vscode.Uri, files: readonly PatchFile[]): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  for (const f of files) {
    const uri = fileUri(root, f.relPath);
    if (f.kind === 'create') {
      edit.createFile(uri, { overwrite: false, contents: new TextEncoder().encode(f.proposed ?? '') });
    } else if (f.kind === 'delete') {
      edit.deleteFile(uri, { ignoreIfNotExists: false });
    } else {
      const document = await vscode.workspace.openTextDocument(uri);
      edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), f.proposed ?? '');
    }
  }
  return edit;
}

export async function applyPatchSet(set: PatchSet, root: vscode.Uri, label: string, review: () => Promise<void>): Promise<PatchApplyResult> {
  if (set.blocked !== undefined) {
    void vscode.window.showErrorMessage(`${label}: ${set.blocked}`);
    return 'refused';
  }
  const refusals: string[] = [];
  for (const f of set.files) {
    const reason = containmentRefusal(root.fsPath, f.relPath);
    if (reason !== undefined) refusals.push(`Refused "${f.relPath}": ${reason}.`);
  }
  if (refusals.length > 0) {
    void vscode.window.showErrorMessage(`${label}: nothing was applied. ${refusals.join(' ')}`);
    return 'refused';
  }
  const texts = await currentTexts(root, set.files);
  const stale = staleFiles(set, (relPath) => texts.get(relPath));
  if (stale.length > 0) {
    const choice = await vscode.window.showWarningMessage(
      `${stale.join(', ')} changed since ${label}'s answer was read, so none of its ${set.files.length} files were applied (it could overwrite your edits).`,
      'Review Files',
    );
    if (choice === 'Review Files') await review();
    return 'changed';
  }
  const wasClean = new Set(
    set.files.filter((f) => f.kind === 'modify').map((f) => fileUri(root, f.relPath).toString())
      .filter((uri) => !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri && d.isDirty)),
  );
  const edit = await buildEdit(root, set.files);
  if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: true }))) {
    void vscode.window.showErrorMessage(`VS Code refused ${label}'s edit of ${set.files.length} files (is one of them read-only?).`);
    return 'failed';
  }
  for (const document of vscode.workspace.textDocuments) {
    if (wasClean.has(document.uri.toString()) && document.isDirty) await document.save();
  }
  return 'applied';
}

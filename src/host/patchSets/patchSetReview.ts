/**
 * Reviewing a multi-file answer: every file in VS Code's multi-file diff editor (`vscode.changes`), each side a
 * read-only `parallax-diff:` document (a new file against an empty one, a deleted file against nothing), or one
 * `vscode.diff` per file where that command is missing.
 */
import * as vscode from 'vscode';
import type { PatchSet } from '../../core/edits/patchSetTypes';
import type { DiffDocuments } from '../results/diffDocuments';

export const MULTI_DIFF_COMMAND = 'vscode.changes';

export function fileUri(root: vscode.Uri, relPath: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...relPath.split('/'));
}

/** The multi-file diff editor's title (VS Code adds the file count to its tab: "Changes by Fake GPT (2 files)"). */
export function reviewTitle(label: string): string {
  return `Changes by ${label}`;
}

export async function reviewPatchSet(
  diffs: DiffDocuments,
  where: { runId: string; columnId: string; label: string; root: vscode.Uri; viewColumn: vscode.ViewColumn },
  set: PatchSet,
): Promise<void> {
  const { runId, columnId, label, root, viewColumn } = where;
  const sides = set.files.map((f) => ({
    file: f,
    uri: fileUri(root, f.relPath),
    left: diffs.put(runId, `${columnId}-before`, f.relPath, f.original, f.relPath),
    right: diffs.put(runId, `${columnId}-after`, f.relPath, f.proposed ?? '', `${f.relPath} (${label})`),
  }));
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes(MULTI_DIFF_COMMAND)) {
    await vscode.commands.executeCommand(MULTI_DIFF_COMMAND, reviewTitle(label), sides.map((s) => [s.uri, s.left.uri, s.right.uri]));
    return;
  }
  for (const side of sides) {
    await vscode.commands.executeCommand('vscode.diff', side.left.uri, side.right.uri, `${side.file.relPath} ↔ ${label} (${side.file.kind})`, {
      preserveFocus: true,
      preview: false,
      viewColumn,
    });
  }
}

/**
 * The workspace a run's multi-file answers are resolved against: the folder holding the compared file (or the
 * first folder), read through open documents first so unsaved edits count, with symlink containment.
 */
import * as vscode from 'vscode';
import type { PatchContext } from '../../core/edits/patchSetResolve';
import type { WorkspaceReader } from '../../core/edits/patchSetTypes';
import { workspaceReader } from './workspaceContainment';

export interface PatchSetWorkspace {
  root: vscode.Uri;
  reader: WorkspaceReader;
  context: PatchContext;
}

/** Undefined when no workspace folder is open (an untitled file in an empty window): answers stay single-file. */
export function patchSetWorkspace(comparedUri: vscode.Uri, selectionText: string, languageId: string): PatchSetWorkspace | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(comparedUri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const root = folder.uri;
  const openText = (absPath: string): string | undefined =>
    vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === absPath)?.getText();
  const inFolder = vscode.workspace.getWorkspaceFolder(comparedUri)?.uri.toString() === root.toString();
  const relPath = inFolder ? vscode.workspace.asRelativePath(comparedUri, false) : undefined;
  return {
    root,
    reader: workspaceReader(root.fsPath, openText),
    context: { workspaceRoot: root.fsPath, ...(relPath === undefined ? {} : { compared: { relPath, selectionText, languageId } }) },
  };
}

/**
 * Companion requests (see requestChannel.ts) that let the e2e harness see and shape state it cannot reach from the DOM:
 * - `documents`: every open file document (workspace-relative path, text, dirty flag);
 * - `diagnostics`: publishes test diagnostics (an empty list clears them) and answers the quick fixes offered on them;
 * - `settings`: changes user settings through the configuration API (VS Code applies and announces the change at
 *   once; an edit of settings.json on disk is only seen when a file watcher notices it).
 */
import * as vscode from 'vscode';
import type { RequestHandler } from './requestChannel';

export interface OpenDocument {
  /** Workspace-relative path, e.g. "src/pagination.js". */
  path: string;
  text: string;
  isDirty: boolean;
}

export interface DiagnosticsRequest {
  diagnostics: { path: string; line: number; message: string }[];
}

export interface SettingsRequest {
  /** Full setting keys; null removes the user value. */
  patch: Record<string, unknown>;
}

export const DIAGNOSTIC_SOURCE = 'parallax-test';

function openDocuments(): OpenDocument[] {
  return vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === 'file')
    .map((d) => ({ path: vscode.workspace.asRelativePath(d.uri, false), text: d.getText(), isDirty: d.isDirty }));
}

/** Publishes the requested diagnostics, each on the text of a whole line (0-based `line`), replacing earlier ones. */
async function publish(collection: vscode.DiagnosticCollection, request: DiagnosticsRequest): Promise<{ count: number; actions: string[] }> {
  collection.clear();
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) throw new Error('no workspace folder to resolve diagnostic paths against');
  const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  for (const d of request.diagnostics) {
    const uri = vscode.Uri.joinPath(root, d.path);
    const line = (await vscode.workspace.openTextDocument(uri)).lineAt(d.line);
    const diagnostic = new vscode.Diagnostic(line.range, d.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
    entry.diagnostics.push(diagnostic);
    byFile.set(uri.toString(), entry);
  }
  for (const { uri, diagnostics } of byFile.values()) collection.set(uri, diagnostics);
  const actions: string[] = [];
  for (const { uri, diagnostics } of byFile.values()) {
    for (const d of diagnostics) actions.push(...(await quickFixTitles(uri, d.range)));
  }
  return { count: request.diagnostics.length, actions };
}

/**
 * The quick fixes VS Code offers on a range. A provider that is still starting (TypeScript's, in a .js file) may
 * cancel the request, which fails it as a whole: asked again until it answers.
 */
async function quickFixTitles(uri: vscode.Uri, range: vscode.Range): Promise<string[]> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
      return (found ?? []).map((a) => a.title);
    } catch (err) {
      lastError = err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`the code actions could not be read: ${String(lastError)}`);
}

async function updateSettings(request: SettingsRequest): Promise<string[]> {
  const config = vscode.workspace.getConfiguration();
  for (const [key, value] of Object.entries(request.patch)) await config.update(key, value ?? undefined, vscode.ConfigurationTarget.Global);
  return Object.keys(request.patch);
}

/** The probe handlers, keyed by request kind, and the diagnostic collection they publish into (dispose it). */
export function editorProbes(): { handlers: Record<string, RequestHandler>; disposable: vscode.Disposable } {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  return {
    disposable: collection,
    handlers: {
      documents: () => ({ documents: openDocuments() }),
      diagnostics: (payload) => publish(collection, payload as DiagnosticsRequest),
      settings: (payload) => updateSettings(payload as SettingsRequest),
    },
  };
}

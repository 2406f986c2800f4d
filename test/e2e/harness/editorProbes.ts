/** The e2e side of the companion's probes: read an open document's text, publish test diagnostics, update settings. */
import type { DiagnosticsRequest, OpenDocument, SettingsRequest } from '../../integration/companion/src/editorProbes';
import { companionRequest } from './companionOutput';
import type { E2eSession } from './e2eSession';

/** The text of the open document at workspace-relative `path`, as the extension host sees it (unsaved edits included). */
export async function documentText(session: E2eSession, path: string): Promise<OpenDocument> {
  const { documents } = await companionRequest<{ documents: OpenDocument[] }>(session.outDir, 'documents');
  const found = documents.find((d) => d.path === path);
  if (!found) throw new Error(`${path} is not open in the extension host (open: ${documents.map((d) => d.path).join(', ')})`);
  return found;
}

/** Replaces the companion's test diagnostics (an empty list clears them); returns the quick fixes offered on them. */
export async function publishDiagnostics(session: E2eSession, diagnostics: DiagnosticsRequest['diagnostics']): Promise<string[]> {
  const request: DiagnosticsRequest = { diagnostics };
  const result = await companionRequest<{ actions: string[] }>(session.outDir, 'diagnostics', request);
  return result.actions;
}

/** Changes user settings through VS Code's configuration API; null removes a user value. Resolves once applied. */
export async function updateSettings(session: E2eSession, patch: SettingsRequest['patch']): Promise<void> {
  const request: SettingsRequest = { patch };
  await companionRequest<string[]>(session.outDir, 'settings', request);
}

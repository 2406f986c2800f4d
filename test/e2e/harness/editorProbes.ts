/** The e2e side of the companion's probes: read an open document's text, publish test diagnostics, update settings. */
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticsRequest, OpenDocument, SettingsRequest } from '../../integration/companion/src/editorProbes';
import type { E2eSession } from './e2eSession';
import { parseJson, waitForFile } from './waitFor';

/** The text of the open document at workspace-relative `path`, as the extension host sees it (unsaved edits included). */
export async function documentText(session: E2eSession, path: string): Promise<OpenDocument> {
  const file = join(session.outDir, 'documents.json');
  rmSync(file, { force: true });
  await session.workbench.runCommand('Parallax Test: Write Documents');
  const { documents } = await waitForFile(file, { parse: parseJson<{ documents: OpenDocument[] }>, what: 'the companion documents.json' });
  const found = documents.find((d) => d.path === path);
  if (!found) throw new Error(`${path} is not open in the extension host (open: ${documents.map((d) => d.path).join(', ')})`);
  return found;
}

/** Writes `<name>-request.json`, runs the companion command `title` and returns its result (throws its error). */
async function companionRequest<T>(session: E2eSession, title: string, name: string, payload: object): Promise<T> {
  const id = randomUUID();
  const done = join(session.outDir, `${name}-done.json`);
  rmSync(done, { force: true });
  writeFileSync(join(session.outDir, `${name}-request.json`), JSON.stringify({ ...payload, id }));
  await session.workbench.runCommand(title);
  const answer = await waitForFile(done, { parse: parseJson<{ id?: string; result?: T; error?: string }>, what: `the companion to answer "${title}"` });
  if (answer.error !== undefined || answer.id !== id) throw new Error(`"${title}" failed: ${answer.error ?? 'stale answer'}`);
  return answer.result as T;
}

/** Replaces the companion's test diagnostics (an empty list clears them); returns the quick fixes offered on them. */
export async function publishDiagnostics(session: E2eSession, diagnostics: DiagnosticsRequest['diagnostics']): Promise<string[]> {
  const result = await companionRequest<{ actions: string[] }>(session, 'Parallax Test: Publish Diagnostics', 'diagnostics', { diagnostics });
  return result.actions;
}

/** Changes user settings through VS Code's configuration API; null removes a user value. Resolves once applied. */
export async function updateSettings(session: E2eSession, patch: SettingsRequest['patch']): Promise<void> {
  await companionRequest<string[]>(session, 'Parallax Test: Update Settings', 'settings', { patch });
}

/**
 * Talks to the companion test extension through request files (see the companion's requestChannel.ts), never
 * through the command palette, and reads what it writes into the session's out dir.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FinishedRun } from '../../integration/companion/src/parallaxApi';
import { requestDir, responseDir } from '../../integration/companion/src/requestChannel';
import { parseJson, waitFor, waitForFile } from './waitFor';

export interface CompanionState {
  installed: boolean;
  isActive: boolean;
  echoModelRegistered: boolean;
  /** The ids in `parallax.models` as the extension host reads them. */
  modelIds: string[];
  workspaceTrusted: boolean;
  writtenAt: number;
}

/** Drops a request for the companion into `<outDir>/requests/` (atomically); returns its id. */
export function sendCompanionRequest(outDir: string, kind: string, payload?: unknown): string {
  const id = randomUUID();
  const dir = requestDir(outDir);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `${id}.json.tmp`);
  writeFileSync(tmp, JSON.stringify({ id, kind, payload }));
  renameSync(tmp, join(dir, `${id}.json`));
  return id;
}

/** Asks the companion for `kind` and returns its result; throws the companion's error. */
export async function companionRequest<T>(outDir: string, kind: string, payload?: unknown, timeoutMs = 30_000): Promise<T> {
  const id = sendCompanionRequest(outDir, kind, payload);
  const answer = await waitForFile(join(responseDir(outDir), `${id}.json`), {
    parse: parseJson<{ id?: string; result?: T; error?: string }>,
    what: `the companion to answer "${kind}"`,
    timeoutMs,
  });
  if (answer.error !== undefined || answer.id !== id) throw new Error(`companion request "${kind}" failed: ${answer.error ?? 'stale answer'}`);
  return answer.result as T;
}

/** Parallax's state as the extension host sees it right now. */
export function readCompanionState(outDir: string): Promise<CompanionState> {
  return companionRequest<CompanionState>(outDir, 'state');
}

const watched = new Set<string>();

/** Subscribes the companion to onDidFinishRun once per session: from then on every finished run lands in runs/<runId>.json. */
export async function watchRuns(outDir: string): Promise<void> {
  if (watched.has(outDir)) return;
  await companionRequest<{ since: number }>(outDir, 'watchRuns');
  watched.add(outDir);
}

export function finishedRunIds(outDir: string): Set<string> {
  const dir = join(outDir, 'runs');
  return new Set(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')) : []);
}

/** Waits for a finished run that is not in `known`. */
export function waitForNewRun(outDir: string, known: Set<string>, timeoutMs = 60_000): Promise<FinishedRun> {
  return waitFor(
    () => {
      const fresh = [...finishedRunIds(outDir)].find((id) => !known.has(id));
      return fresh === undefined ? undefined : waitForFile(join(outDir, 'runs', `${fresh}.json`), { parse: parseJson<FinishedRun>, timeoutMs: 5_000 });
    },
    { what: 'Parallax to finish a run (onDidFinishRun)', timeoutMs },
  );
}

/** Reads what the companion test extension writes into the session's out dir. */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FinishedRun } from '../../integration/companion/src/parallaxApi';
import type { Workbench } from './workbench';
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

/** Runs "Parallax Test: Write State" and returns the fresh state.json. */
export async function readCompanionState(workbench: Workbench, outDir: string): Promise<CompanionState> {
  const file = join(outDir, 'state.json');
  rmSync(file, { force: true });
  await workbench.runCommand('Parallax Test: Write State');
  return waitForFile(file, { parse: parseJson<CompanionState>, what: 'the companion state.json' });
}

/** Runs "Parallax Test: Watch Runs" once per session: from then on every finished run lands in runs/<runId>.json. */
export async function watchRuns(workbench: Workbench, outDir: string): Promise<void> {
  const marker = join(outDir, 'watching.json');
  if (existsSync(marker)) return;
  await workbench.runCommand('Parallax Test: Watch Runs');
  const result = await waitForFile(marker, { parse: parseJson<{ since?: number; error?: string }>, what: 'the companion to subscribe to onDidFinishRun' });
  if (result.error !== undefined) throw new Error(`the companion could not watch runs: ${result.error}`);
}

export function finishedRunIds(outDir: string): Set<string> {
  const dir = join(outDir, 'runs');
  return new Set(existsSync(dir) ? readdirSync(dir).map((f) => f.replace(/\.json$/, '')) : []);
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

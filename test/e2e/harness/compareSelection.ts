/**
 * The one way the e2e tests start a comparison as a user does: open the file through Quick Open, select whole lines,
 * and run a compare command from the palette. Returns the ids of the runs that had finished before, for
 * waitForNewRun().
 */
import type { FinishedRun } from '../../integration/companion/src/parallaxApi';
import { finishedRunIds, waitForNewRun, watchRuns } from './companionOutput';
import type { E2eSession } from './e2eSession';
import { SELECTED_LINES } from './loopModels';
import { paletteTitleOf } from './manifest';
import { clearNotifications } from './notifications';

export const COMPARED_FILE = 'src/pagination.js';

export interface CompareSelectionOptions {
  /** Workspace-relative; default src/pagination.js. */
  file?: string;
  /** 1-based, inclusive; default SELECTED_LINES (13–14, the off-by-one). */
  lines?: readonly [number, number];
  /** The command id; default parallax.compareFixes. */
  command?: string;
  /** Subscribe the companion to finished runs first (default true; Restricted Mode, where no run starts, needs none). */
  watch?: boolean;
}

export async function compareSelection(session: E2eSession, opts: CompareSelectionOptions = {}): Promise<Set<string>> {
  const { workbench, outDir } = session;
  if (opts.watch !== false) await watchRuns(outDir);
  await clearNotifications(workbench);
  await workbench.openFile(opts.file ?? COMPARED_FILE);
  await workbench.selectLines(...(opts.lines ?? SELECTED_LINES));
  const known = finishedRunIds(outDir);
  await workbench.runCommand(paletteTitleOf(opts.command ?? 'parallax.compareFixes'));
  return known;
}

/** compareSelection(), then the run it started, once finished. */
export async function compareAndWait(session: E2eSession, opts: CompareSelectionOptions = {}): Promise<FinishedRun> {
  return waitForNewRun(session.outDir, await compareSelection(session, opts));
}

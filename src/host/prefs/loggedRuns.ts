/** What the run exports (Markdown, promptfoo) start from: the logged runs, or a word that there are none yet. */
import * as vscode from 'vscode';
import type { RunRecord } from '../../core/prefs/preferenceRecord';
import type { PreferenceSource } from './leaderboardPanel';

/** The logged runs, or undefined after telling the user there are none yet (the run exports start from this). */
export async function loggedRunsOrSayNone(prefs: PreferenceSource): Promise<RunRecord[] | undefined> {
  const { runs } = await prefs.readAll();
  if (runs.length > 0) return runs;
  void vscode.window.showInformationMessage('The preference log has no runs yet: run a comparison first.');
  return undefined;
}

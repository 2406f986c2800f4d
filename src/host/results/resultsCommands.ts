/**
 * Commands of the results panel: the focus toggle (maximise the panel's editor group and restore it), "Open All
 * Diffs", and the panel's keyboard commands, which package.json binds to keys while the panel is active and which are
 * passed on to the panel (it knows which column has the focus and what the vote picks).
 */
import * as vscode from 'vscode';
import type { ResultsPanelCommand } from '../../shared/protocol';
import { RESULTS_PANEL_COMMANDS } from '../../shared/vocabulary';
import type { ComparisonController } from '../run/comparisonController';
import type { ResultsActions } from './resultsActions';
import type { ResultsPanel } from './resultsPanel';
import { shownReview } from './reviewedRun';

/** `parallax.results.<command>` for each panel command, e.g. `parallax.results.nextColumn`. */
export function panelCommandId(command: ResultsPanelCommand): string {
  return `parallax.results.${command}`;
}

export async function toggleResultsFocus(panel: ResultsPanel): Promise<void> {
  if (!panel.exists) {
    void vscode.window.showInformationMessage('No results panel is open.');
    return;
  }
  // The command maximises the active group: make the panel's group active first.
  panel.reveal(false);
  await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
}

/**
 * Opens the diffs of every answer with code (`pick`: the user chooses which first, all checked), side by side.
 * Says why when there is nothing to open.
 */
export async function openAllDiffs(controller: ComparisonController, actions: ResultsActions, pick: boolean): Promise<void> {
  const live = await shownReview(controller);
  if (typeof live === 'string') {
    void vscode.window.showInformationMessage(live);
    return;
  }
  const withCode = live.columnIds().filter((c) => live.proposedCode(c) !== undefined);
  if (withCode.length === 0) {
    void vscode.window.showInformationMessage('No answer proposed code to diff yet.');
    return;
  }
  let chosen = withCode;
  if (pick && withCode.length > 1) {
    const items = withCode.map((columnId) => ({ label: live.label(columnId), columnId, picked: true }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Open All Diffs', placeHolder: 'The answers to diff against the original, side by side', canPickMany: true });
    if (!picked?.length) return;
    chosen = picked.map((p) => p.columnId);
  }
  const opened = await actions.diffAll(live, chosen);
  if (opened < chosen.length) void vscode.window.setStatusBarMessage(`Parallax: opened ${opened} of ${chosen.length} diffs (editor groups are limited)`, 5_000);
}

export function registerResultsCommands(panel: ResultsPanel, controller: ComparisonController, actions: ResultsActions): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('parallax.toggleFocus', () => toggleResultsFocus(panel)),
    vscode.commands.registerCommand('parallax.openAllDiffs', () => openAllDiffs(controller, actions, true)),
    ...RESULTS_PANEL_COMMANDS.map((command) => vscode.commands.registerCommand(panelCommandId(command), () => panel.post({ type: 'panelCommand', command }))),
  ];
}

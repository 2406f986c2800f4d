/**
 * Running a repository's code needs a trusted workspace and the user's confirmation, once per (workspace, exact
 * command), in a modal that shows the command, where it runs and why it was chosen. A changed command asks again;
 * a command set by the workspace is never run without it.
 */
import * as vscode from 'vscode';
import type { CheckCommand } from '../../core/verify/checkDetection';

const CONFIRMED_KEY = 'parallax.verify.confirmed';
export const RUN_CHECK = 'Run Check';

function confirmationKey(folder: vscode.Uri, command: string): string {
  return `${folder.toString()}\u0000${command}`;
}

/** True when the check may run: the workspace is trusted and the user confirmed this command here (now or before). */
export async function mayRunCheck(state: vscode.Memento, folder: vscode.WorkspaceFolder, check: CheckCommand, source: 'user' | 'workspace' | 'default'): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'Verification runs this repository’s own code (its tests), so it needs a trusted workspace. Restricted Mode is on.',
      'Manage Workspace Trust',
    );
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return false;
  }
  const confirmed = state.get<string[]>(CONFIRMED_KEY, []);
  const key = confirmationKey(folder.uri, check.command);
  if (confirmed.includes(key)) return true;
  const origin = check.configured ? (source === 'workspace' ? 'set by this workspace’s settings' : 'set in your user settings') : `detected: ${check.reason}`;
  const choice = await vscode.window.showWarningMessage(
    `Run “${check.command}” to verify the answers?`,
    {
      modal: true,
      detail:
        `Command: ${check.command}\n` +
        `Working directory: a temporary checkout of ${folder.uri.fsPath} per answer and one for the original (under Parallax’s temp folder); your working tree is not touched.\n` +
        `Why this command: ${origin}.\n\n` +
        'It runs this repository’s code with your permissions. You are asked once for this command in this workspace, and again if it changes.',
    },
    RUN_CHECK,
  );
  if (choice !== RUN_CHECK) return false;
  await state.update(CONFIRMED_KEY, [...confirmed.filter((k) => k !== key), key].slice(-200));
  return true;
}

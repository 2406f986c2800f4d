/**
 * Repeat N from the palette: "Compare Fixes… ×N" and "Re-run Last Comparison ×N" ask how many samples per model
 * (2–10) with a quick pick, unless a number is passed as the command's argument (keybindings, tests).
 */
import * as vscode from 'vscode';
import { MAX_REPEAT, REPEAT_CHOICES } from '../../shared/vocabulary';
import type { ComparisonController } from './comparisonController';

/** A valid N from a command argument, if one was passed. */
export function repeatArgument(arg: unknown): number | undefined {
  return typeof arg === 'number' && Number.isInteger(arg) && arg >= 2 && arg <= MAX_REPEAT ? arg : undefined;
}

async function askRepeat(title: string): Promise<number | undefined> {
  const picked = await vscode.window.showQuickPick(
    REPEAT_CHOICES.map((n) => ({ label: `×${n}`, description: `${n} samples per model`, n })),
    { title, placeHolder: 'How many samples per model? Each column then shows their distribution.' },
  );
  return picked?.n;
}

export function registerRepeatCommands(controller: ComparisonController): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('parallax.compareFixesRepeat', async (arg: unknown) => {
      const repeat = repeatArgument(arg) ?? (await askRepeat('Compare Fixes ×N'));
      if (repeat !== undefined) await controller.start({ template: 'fix', repeat });
    }),
    vscode.commands.registerCommand('parallax.rerunRepeat', async (arg: unknown) => {
      const repeat = repeatArgument(arg) ?? (await askRepeat('Re-run Last Comparison ×N'));
      if (repeat !== undefined) await controller.rerun(repeat);
    }),
  ];
}

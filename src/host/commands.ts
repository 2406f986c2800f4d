/** Registers every Parallax command this part of the extension implements. */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { addModel } from './config/addModelFlow';
import type { ApiKeyStore } from './keys/apiKeyStore';
import { promptForApiKey } from './keys/apiKeyPrompt';
import { isCompareFixesTarget } from './run/compareCodeActionProvider';
import type { ComparisonController } from './run/comparisonController';
import { fullLines } from './run/editorContext';
import type { PreferenceService } from './prefs/preferenceService';
import type { SettingsService } from './config/settings';

export interface CommandServices {
  controller: ComparisonController;
  settings: SettingsService;
  keys: ApiKeyStore;
  preferences: PreferenceService;
}

/** The editor and range for compareFixes: the lightbulb's diagnostic lines unless the user selected something. */
async function fixTarget(arg: unknown): Promise<{ editor?: vscode.TextEditor; range?: vscode.Range }> {
  if (!isCompareFixesTarget(arg)) return {};
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === arg.uri.toString());
  const editor = visible ?? (await vscode.window.showTextDocument(arg.uri, { preserveFocus: true }));
  if (!editor.selection.isEmpty && editor.selection.intersection(arg.range)) return { editor };
  return { editor, range: fullLines(editor.document, arg.range) };
}

export function registerCommands(s: CommandServices): vscode.Disposable[] {
  const { controller } = s;
  const register = (id: string, run: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    register('parallax.compareFixes', async (arg) => controller.start({ template: 'fix', ...(await fixTarget(arg)) })),
    register('parallax.compareRefactors', async () => {
      if (!vscode.window.activeTextEditor || vscode.window.activeTextEditor.selection.isEmpty) {
        void vscode.window.showInformationMessage('Select the code to compare.');
        return;
      }
      const goal = await vscode.window.showInputBox({
        title: 'Compare Refactors',
        prompt: 'What should the refactoring achieve? (Empty: improve readability without changing behaviour.)',
        placeHolder: 'e.g. extract the date parsing into a function',
      });
      if (goal === undefined) return;
      await controller.start({ template: 'refactor', ...(goal.trim() ? { instruction: goal } : {}) });
    }),
    register('parallax.askAll', async () => {
      if (!vscode.window.activeTextEditor || vscode.window.activeTextEditor.selection.isEmpty) {
        void vscode.window.showInformationMessage('Select the code to compare.');
        return;
      }
      const prompt = await vscode.window.showInputBox({
        title: 'Ask All Models',
        prompt: 'Your question about the selected code',
        validateInput: (v) => (v.trim() === '' ? 'Type a question.' : undefined),
      });
      if (prompt?.trim()) await controller.start({ template: 'custom', instruction: prompt });
    }),
    register('parallax.explain', () => controller.start({ template: 'explain' })),
    register('parallax.writeTests', () => controller.start({ template: 'tests' })),
    register('parallax.rerun', () => controller.rerun()),
    register('parallax.cancel', () => controller.cancel()),
    register('parallax.openResults', () => controller.showResults()),
    register('parallax.setApiKey', async (modelId) => {
      const models = s.settings.settings.models;
      await promptForApiKey(s.keys, models, typeof modelId === 'string' ? models.find((m) => m.id === modelId) : undefined);
    }),
    register('parallax.configureModels', () =>
      vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: 'parallax.models' } }),
    ),
    register('parallax.addModel', () => addModel()),
    register('parallax.toggleBlind', async () => {
      const blind = !s.settings.settings.blindMode;
      await controller.setBlind(blind);
      void vscode.window.setStatusBarMessage(`Parallax: blind mode ${blind ? 'on' : 'off'}`, 3_000);
    }),
    register('parallax.logNote', async () => {
      const runId = controller.latestRunId;
      if (!runId) {
        void vscode.window.showInformationMessage('No comparison yet to note.');
        return;
      }
      // ignoreFocusOut: a results panel that takes the focus back (or a look at an answer) must not discard the note.
      const note = await vscode.window.showInputBox({
        title: 'Log Preference Note',
        prompt: 'A note about the latest comparison (saved to your preference log)',
        ignoreFocusOut: true,
      });
      if (note?.trim() && controller.coordinator.note(note.trim(), runId)) {
        await s.preferences.flush();
        void vscode.window.setStatusBarMessage('Parallax: note saved', 3_000);
      }
    }),
    register('parallax.openLog', async () => {
      const path = s.preferences.logPath;
      if (!existsSync(path)) {
        void vscode.window.showInformationMessage(`The preference log is empty so far. It will be written to ${path}.`);
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: false });
    }),
  ];
}

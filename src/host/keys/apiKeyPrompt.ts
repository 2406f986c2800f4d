/**
 * The "Set API Key…" flow: pick a provider, preset or single model, then type the key in a password box, or
 * delete a stored key.
 */
import * as vscode from 'vscode';
import type { ModelConfig } from '../../core/config/modelConfig';
import { API_KEY_SECRET_PREFIX, sharedKeyName } from './apiKeySources';
import type { ApiKeyStore } from './apiKeyStore';

interface KeyTarget extends vscode.QuickPickItem {
  name: string;
}

const PROVIDER_TITLES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };

function keyTargets(models: readonly ModelConfig[]): KeyTarget[] {
  const keyed = models.filter((m) => m.provider !== 'vscode-lm');
  const shared = new Map<string, string[]>([
    ['openai', []],
    ['anthropic', []],
  ]);
  for (const m of keyed) shared.set(sharedKeyName(m), [...(shared.get(sharedKeyName(m)) ?? []), m.label]);
  const sharedItems: KeyTarget[] = [...shared].map(([name, users]) => ({
    name,
    label: `$(key) ${PROVIDER_TITLES[name] ?? name}`,
    description: users.length > 0 ? `used by ${users.join(', ')}` : 'no model uses it yet',
    detail: `Stored as ${API_KEY_SECRET_PREFIX}${name}`,
  }));
  const modelItems: KeyTarget[] = keyed.map((m) => ({
    name: m.id,
    label: `$(symbol-field) ${m.label}`,
    description: `only this model (${m.model})`,
    detail: `Stored as ${API_KEY_SECRET_PREFIX}${m.id}; takes precedence over the shared key`,
  }));
  return [
    ...sharedItems,
    ...(modelItems.length > 0 ? [{ name: '', label: 'Single models', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...modelItems,
  ];
}

/** Runs the flow. With `model`, skips the picker and sets that model's shared key. Returns true when a key was saved. */
export async function promptForApiKey(store: ApiKeyStore, models: readonly ModelConfig[], model?: ModelConfig): Promise<boolean> {
  const target = model
    ? { name: sharedKeyName(model), label: model.label }
    : await vscode.window.showQuickPick(keyTargets(models), { title: 'Parallax: Set API Key', placeHolder: 'Which key?' });
  if (!target) return false;

  if (await store.has(target.name)) {
    const action = await vscode.window.showQuickPick(['Replace the stored key', 'Delete the stored key'], {
      title: `API key for ${target.name}`,
    });
    if (!action) return false;
    if (action.startsWith('Delete')) {
      await store.delete(target.name);
      void vscode.window.showInformationMessage(`Deleted the API key for ${target.name}.`);
      return false;
    }
  }

  const value = await vscode.window.showInputBox({
    title: `API key for ${target.name}`,
    prompt: 'Kept in the OS secret store, never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Enter a key, or press Escape to cancel.' : undefined),
  });
  if (value === undefined || value.trim() === '') return false;
  await store.store(target.name, value);
  void vscode.window.showInformationMessage(`Saved the API key for ${target.name}.`);
  return true;
}

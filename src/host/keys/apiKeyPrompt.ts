/**
 * The "Set API Key…" flow: pick a provider, preset or single model, then type the key in a password box, or
 * delete a stored key.
 */
import * as vscode from 'vscode';
import type { ModelConfig } from '../../core/config/modelConfig';
import { API_KEY_SECRET_PREFIX, impliedOrigin, originsForNewKey, sharedKeyName, targetOriginOf } from './apiKeySources';
import type { ApiKeyStore, OriginMismatch } from './apiKeyStore';

interface KeyTarget extends vscode.QuickPickItem {
  name: string;
  /** Origins the key is bound to when saved. */
  origins: string[];
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
    origins: originsForNewKey(name, keyed.find((m) => sharedKeyName(m) === name)),
    label: `$(key) ${PROVIDER_TITLES[name] ?? name}`,
    description: users.length > 0 ? `used by ${users.join(', ')}` : 'no model uses it yet',
    detail: `Stored as ${API_KEY_SECRET_PREFIX}${name}`,
  }));
  const modelItems: KeyTarget[] = keyed.map((m) => ({
    name: m.id,
    origins: [targetOriginOf(m)].filter((o): o is string => o !== undefined),
    label: `$(symbol-field) ${m.label}`,
    description: `only this model (${m.model})`,
    detail: `Stored as ${API_KEY_SECRET_PREFIX}${m.id}; takes precedence over the shared key`,
  }));
  return [
    ...sharedItems,
    ...(modelItems.length > 0 ? [{ name: '', origins: [], label: 'Single models', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...modelItems,
  ];
}

/**
 * The key a "set the key for this model" action saves: the shared one when the model talks to the origin the
 * shared name stands for, else one for this model alone, bound to the model's origin (so an `openai` entry with
 * a third-party baseUrl never overwrites or gets the official key).
 */
function modelTarget(model: ModelConfig): { name: string; label: string; origins: string[] } {
  const shared = sharedKeyName(model);
  const implied = impliedOrigin(shared);
  const target = targetOriginOf(model);
  if (implied !== undefined && target !== undefined && implied !== target) return { name: model.id, label: model.label, origins: [target] };
  return { name: shared, label: model.label, origins: originsForNewKey(shared, model) };
}

/**
 * Asks before a stored key goes to an origin it was not stored for. On "Send", the origin is added to the key
 * and true is returned (resolve the key again); otherwise nothing changes. A mismatch on an environment variable
 * cannot be consented to here: the message says to set `apiKeyEnv`.
 */
export async function confirmKeyOrigin(store: ApiKeyStore, mismatch: OriginMismatch, modelLabel: string): Promise<boolean> {
  if (mismatch.secretName === undefined) {
    void vscode.window.showWarningMessage(`${modelLabel}: ${mismatch.message}`);
    return false;
  }
  const send = `Send it to ${mismatch.targetOrigin}`;
  const answer = await vscode.window.showWarningMessage(
    `${modelLabel}: ${mismatch.message} Send this key to ${mismatch.targetOrigin} from now on? Only do so if you trust that server with it.`,
    { modal: true },
    send,
  );
  if (answer !== send) return false;
  return store.allowOrigin(mismatch.secretName, mismatch.targetOrigin);
}

/** Runs the flow. With `model`, skips the picker and sets that model's shared key. Returns true when a key was saved. */
export async function promptForApiKey(store: ApiKeyStore, models: readonly ModelConfig[], model?: ModelConfig): Promise<boolean> {
  const target = model
    ? modelTarget(model)
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
  await store.store(target.name, value, target.origins);
  void vscode.window.showInformationMessage(`Saved the API key for ${target.name}.`);
  return true;
}

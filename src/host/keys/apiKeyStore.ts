/**
 * API keys, kept in VS Code's SecretStorage under `parallax.apiKey.<provider | preset | model id>`, each with the
 * origins it may be sent to, with environment variables as the fallback. Keys never go to settings, logs,
 * webviews or exports, nor to an origin they were not stored for (see apiKeySources.ts `decideKeyUse`).
 */
import * as vscode from 'vscode';
import {
  API_KEY_SECRET_PREFIX,
  cleanKey,
  impliedOrigin,
  type KeyedModel,
  parseStoredKey,
  resolveModelKey,
  type ResolvedKey,
  serializeStoredKey,
} from './apiKeySources';

export type { KeySource, OriginMismatch, ResolvedKey } from './apiKeySources';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** Fires when a Parallax key was stored or deleted (here or in another window). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(API_KEY_SECRET_PREFIX)) this.changed.fire();
    });
  }

  /**
   * The key for a model: a stored secret bound to the model's origin, else an environment variable allowed for
   * it. `vscode-lm` models and endpoints on this machine need none. A key that exists but is meant for another
   * origin is not returned: the result is `origin-mismatch`, and the host may ask the user
   * ({@link allowOrigin}) before trying again.
   */
  async resolve(model: KeyedModel, presetEnv?: string): Promise<ResolvedKey> {
    return resolveModelKey(model, presetEnv, (name) => Promise.resolve(this.secrets.get(name)), this.env);
  }

  /** True when a secret is stored under `parallax.apiKey.<name>`. */
  async has(name: string): Promise<boolean> {
    return parseStoredKey(await this.secrets.get(API_KEY_SECRET_PREFIX + name)) !== undefined;
  }

  /**
   * Stores a key (trimmed) bound to `origins` (see apiKeySources.ts `originsForNewKey`). Without origins it is
   * stored unbound, as older versions did: usable only by the origin its name implies, or by the entry of that id.
   * Refuses an empty key.
   */
  async store(name: string, value: string, origins?: readonly string[]): Promise<void> {
    const key = cleanKey(value);
    if (!key) throw new Error('An empty API key was not saved.');
    await this.secrets.store(API_KEY_SECRET_PREFIX + name, origins && origins.length > 0 ? serializeStoredKey(key, origins) : key);
  }

  /** After the user agreed: lets the key stored under `name` also be sent to `origin`. False when there is none. */
  async allowOrigin(name: string, origin: string): Promise<boolean> {
    const stored = parseStoredKey(await this.secrets.get(API_KEY_SECRET_PREFIX + name));
    if (!stored) return false;
    const implied = impliedOrigin(name);
    const origins = [...(stored.origins ?? (implied ? [implied] : [])), origin];
    await this.secrets.store(API_KEY_SECRET_PREFIX + name, serializeStoredKey(stored.key, origins));
    return true;
  }

  async delete(name: string): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET_PREFIX + name);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

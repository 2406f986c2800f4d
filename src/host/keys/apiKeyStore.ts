/**
 * API keys, kept in VS Code's SecretStorage under `parallax.apiKey.<provider | preset | model id>`, with
 * environment variables as the fallback. Keys never go to settings, logs, webviews or exports.
 */
import * as vscode from 'vscode';
import { API_KEY_SECRET_PREFIX, cleanKey, envVarsFor, isLoopbackUrl, type KeyedModel, secretNamesFor } from './apiKeySources';

export type KeySource = 'secret' | 'env' | 'not-needed' | 'missing';

export interface ResolvedKey {
  key?: string;
  source: KeySource;
}

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
   * The key for a model: a stored secret, else an environment variable. `vscode-lm` models and endpoints on
   * this machine need none.
   */
  async resolve(model: KeyedModel, presetEnv?: string): Promise<ResolvedKey> {
    if (model.provider === 'vscode-lm') return { source: 'not-needed' };
    for (const name of secretNamesFor(model)) {
      const key = cleanKey(await this.secrets.get(name));
      if (key) return { key, source: 'secret' };
    }
    for (const variable of envVarsFor(model, presetEnv)) {
      const key = cleanKey(this.env[variable]);
      if (key) return { key, source: 'env' };
    }
    return { source: isLoopbackUrl(model.baseUrl) ? 'not-needed' : 'missing' };
  }

  /** True when a secret is stored under `parallax.apiKey.<name>`. */
  async has(name: string): Promise<boolean> {
    return cleanKey(await this.secrets.get(API_KEY_SECRET_PREFIX + name)) !== undefined;
  }

  /** Stores a key (trimmed). Refuses an empty one. */
  async store(name: string, value: string): Promise<void> {
    const key = cleanKey(value);
    if (!key) throw new Error('An empty API key was not saved.');
    await this.secrets.store(API_KEY_SECRET_PREFIX + name, key);
  }

  async delete(name: string): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET_PREFIX + name);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

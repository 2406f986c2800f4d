import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ApiKeyStore } from '../../../src/host/keys/apiKeyStore';
import { companionContext } from '../companion/src/companionContext';

/** Resolves on the next change event. */
function nextChange(store: ApiKeyStore): Promise<void> {
  return new Promise((resolve) => {
    const listener: vscode.Disposable = store.onDidChange(() => {
      listener.dispose();
      resolve();
    });
  });
}

// Parallax's key store over this VS Code's real SecretStorage. The secrets belong to the companion here: an
// extension's SecretStorage is private to it, and Parallax's API deliberately exposes no keys.
describe('API keys in SecretStorage (ApiKeyStore)', () => {
  const model = { id: 'it-openai', provider: 'openai' as const, apiKeyEnv: 'IT_OPENAI_KEY' };
  let store: ApiKeyStore;

  before(() => {
    store = new ApiKeyStore(companionContext().secrets, { IT_OPENAI_KEY: 'sk-from-env' });
  });

  after(async () => {
    await store.delete(model.id);
    store.dispose();
  });

  it('stores a trimmed key, resolves it before the environment, and falls back to the environment once deleted', async () => {
    const secret = `sk-it-${Date.now()}`;
    const stored = nextChange(store);
    await store.store(model.id, `  ${secret}\n`);
    await stored;
    assert.equal(await store.has(model.id), true);
    assert.deepEqual(await store.resolve(model), { key: secret, source: 'secret' });

    const deleted = nextChange(store);
    await store.delete(model.id);
    await deleted;
    assert.equal(await store.has(model.id), false);
    assert.deepEqual(await store.resolve(model), { key: 'sk-from-env', source: 'env' });
  });

  it('refuses to store an empty key', async () => {
    await assert.rejects(store.store(model.id, '   '), /empty/i);
    assert.equal(await store.has(model.id), false);
  });
});

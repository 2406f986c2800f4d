import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { parseModelConfigs } from '../../../src/core/config/modelConfig';
import { ApiKeyStore } from '../../../src/host/keys/apiKeyStore';
import { compareModelFor, modelReadiness } from '../../../src/host/run/modelProviders';
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

// A stored key goes only to the origin it was stored for; the run preflight asks before sending it elsewhere
// (runPreflight.ts → apiKeyPrompt.ts confirmKeyOrigin → ApiKeyStore.allowOrigin). This is the host half of that.
describe('security: keys bound to their origin, in the extension host (origin mismatch)', () => {
  const secretName = 'openai';
  let store: ApiKeyStore;

  before(() => {
    store = new ApiKeyStore(companionContext().secrets, {});
  });

  after(async () => {
    await store.delete(secretName);
    store.dispose();
  });

  it('a model pointed at another host gets no provider until the key is allowed there, then gets one', async () => {
    const prompt = { system: 'sys', messages: [{ role: 'user' as const, content: 'hi' }] };
    const [config] = parseModelConfigs([{ id: 'proxy-gpt', provider: 'openai', model: 'gpt-x', baseUrl: 'http://proxy.example.test:8080/v1' }]).models;
    assert.ok(config);
    await store.store(secretName, `sk-it-origin-${Date.now()}`, ['https://api.openai.com']);

    const refused = await compareModelFor(config, store, prompt, {});
    assert.ok('problem' in refused, 'a key meant for api.openai.com was handed to another host');
    assert.equal(refused.problem.status, 'missing-key');
    assert.equal(refused.problem.mismatch?.targetOrigin, 'http://proxy.example.test:8080');
    assert.match(refused.problem.message ?? '', /meant for https:\/\/api\.openai\.com.*It was not sent/);
    const readiness = await modelReadiness(config, store, true);
    assert.equal(readiness.status, 'missing-key');

    assert.equal(await store.allowOrigin(secretName, 'http://proxy.example.test:8080'), true);
    const allowed = await compareModelFor(config, store, prompt, {});
    assert.ok(!('problem' in allowed), `still refused after consent: ${'problem' in allowed ? allowed.problem.message : ''}`);
    assert.equal((await modelReadiness(config, store, true)).status, 'ready');
  });
});

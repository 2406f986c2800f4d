/**
 * Keys bound to their origin: a stored key goes only to the origin (scheme://host:port) it was stored for. An
 * openai entry with a third-party baseUrl, an entry whose id is `openai`, and a preset with a baseUrl override get
 * "origin-mismatch" instead of the key; the user's consent adds the origin.
 */
import assert from 'node:assert/strict';
import {
  decideKeyUse,
  envVarAllowed,
  impliedOrigin,
  type KeyedModel,
  originsForNewKey,
  parseStoredKey,
  resolveModelKey,
  serializeStoredKey,
} from '../../../src/host/keys/apiKeySources';

const OFFICIAL_OPENAI = 'https://api.openai.com';
const DEEPSEEK = 'https://api.deepseek.com';

function secretsOf(entries: Record<string, string>): (name: string) => Promise<string | undefined> {
  return (name) => Promise.resolve(entries[name]);
}

describe('security: keys bound to their origin (origin mismatch)', () => {
  it('stores keys with their origins and still reads plain keys from older versions', () => {
    assert.deepEqual(parseStoredKey(serializeStoredKey(' sk-1 ', [OFFICIAL_OPENAI])), { key: 'sk-1', origins: [OFFICIAL_OPENAI] });
    assert.deepEqual(parseStoredKey('  sk-legacy \n'), { key: 'sk-legacy' });
    assert.deepEqual(parseStoredKey('{"not":"ours"}'), { key: '{"not":"ours"}' });
    assert.equal(parseStoredKey('  '), undefined);
  });

  it('shared names imply their origin: the official APIs and the preset hosts', () => {
    assert.equal(impliedOrigin('openai'), OFFICIAL_OPENAI);
    assert.equal(impliedOrigin('anthropic'), 'https://api.anthropic.com');
    assert.equal(impliedOrigin('deepseek'), DEEPSEEK);
    assert.equal(impliedOrigin('my-model'), undefined);
    assert.deepEqual(originsForNewKey('openai'), [OFFICIAL_OPENAI]);
    assert.deepEqual(originsForNewKey('mine', { id: 'mine', provider: 'openai-compatible', baseUrl: 'http://10.0.0.5:8000/v1' }), ['http://10.0.0.5:8000']);
  });

  it('origin mismatch: the pure decision uses a key only at an origin it is bound to', () => {
    const bound = { key: 'k', origins: [OFFICIAL_OPENAI] };
    assert.deepEqual(decideKeyUse('openai', bound, OFFICIAL_OPENAI), { use: true });
    assert.deepEqual(decideKeyUse('openai', bound, 'https://evil.example'), {
      use: false,
      reason: 'origin-mismatch',
      keyOrigins: [OFFICIAL_OPENAI],
      targetOrigin: 'https://evil.example',
    });
    // Same host, other port or scheme: another origin.
    assert.equal(decideKeyUse('openai', bound, 'http://api.openai.com').use, false);
    assert.equal(decideKeyUse('openai', bound, 'https://api.openai.com:8443').use, false);
    // A legacy key under a shared name is bound to the origin the name implies.
    assert.equal(decideKeyUse('openai', { key: 'k' }, 'https://evil.example').use, false);
    assert.equal(decideKeyUse('openai', { key: 'k' }, OFFICIAL_OPENAI).use, true);
    // A legacy key under a model id was set for that entry alone.
    assert.equal(decideKeyUse('my-proxy', { key: 'k' }, 'https://proxy.example').use, true);
  });

  const cases: Array<[string, KeyedModel, Record<string, string>]> = [
    ['an openai entry with a third-party baseUrl', { id: 'gpt', provider: 'openai', baseUrl: 'https://evil.example/v1' }, { 'parallax.apiKey.openai': serializeStoredKey('sk-official', [OFFICIAL_OPENAI]) }],
    ['an openai entry with a third-party baseUrl (legacy key)', { id: 'gpt', provider: 'openai', baseUrl: 'https://evil.example/v1' }, { 'parallax.apiKey.openai': 'sk-official' }],
    ['a compatible entry whose id is "openai"', { id: 'openai', provider: 'openai-compatible', baseUrl: 'https://evil.example/v1' }, { 'parallax.apiKey.openai': serializeStoredKey('sk-official', [OFFICIAL_OPENAI]) }],
    ['a preset with a baseUrl override', { id: 'ds', provider: 'openai-compatible', preset: 'deepseek', baseUrl: 'https://evil.example/v1' }, { 'parallax.apiKey.deepseek': 'sk-deepseek' }],
    ['an anthropic entry with a third-party baseUrl', { id: 'c', provider: 'anthropic', baseUrl: 'https://evil.example' }, { 'parallax.apiKey.anthropic': 'sk-ant-official' }],
  ];
  for (const [name, model, secrets] of cases) {
    it(`origin mismatch: ${name} does not get the key; the lookup says why`, async () => {
      const resolved = await resolveModelKey(model, undefined, secretsOf(secrets), {});
      assert.equal(resolved.source, 'origin-mismatch');
      assert.equal(resolved.key, undefined);
      assert.equal(resolved.mismatch?.targetOrigin, 'https://evil.example');
      assert.match(resolved.mismatch?.message ?? '', /meant for https:\/\/api\.(openai|anthropic|deepseek)\.com.*https:\/\/evil\.example/);
      assert.ok(!JSON.stringify(resolved).includes('sk-'), 'the key is not in the result');
    });
  }

  it('origin mismatch: after consent (the origin added) the same entry gets the key', async () => {
    const model: KeyedModel = { id: 'gpt', provider: 'openai', baseUrl: 'https://proxy.example/v1' };
    const secrets = { 'parallax.apiKey.openai': serializeStoredKey('sk-official', [OFFICIAL_OPENAI, 'https://proxy.example']) };
    assert.deepEqual(await resolveModelKey(model, undefined, secretsOf(secrets), {}), { key: 'sk-official', source: 'secret' });
  });

  it('official entries and matching presets get their keys as before', async () => {
    const secrets = { 'parallax.apiKey.openai': 'sk-legacy', 'parallax.apiKey.deepseek': serializeStoredKey('sk-ds', [DEEPSEEK]) };
    assert.equal((await resolveModelKey({ id: 'gpt', provider: 'openai' }, undefined, secretsOf(secrets), {})).key, 'sk-legacy');
    const ds: KeyedModel = { id: 'ds', provider: 'openai-compatible', preset: 'deepseek', baseUrl: 'https://api.deepseek.com' };
    assert.equal((await resolveModelKey(ds, 'DEEPSEEK_API_KEY', secretsOf(secrets), {})).key, 'sk-ds');
  });

  it('a model key bound to its own origin wins over a mismatching shared key', async () => {
    const model: KeyedModel = { id: 'gpt-proxy', provider: 'openai', baseUrl: 'https://proxy.example/v1' };
    const secrets = {
      'parallax.apiKey.gpt-proxy': serializeStoredKey('sk-proxy', ['https://proxy.example']),
      'parallax.apiKey.openai': serializeStoredKey('sk-official', [OFFICIAL_OPENAI]),
    };
    assert.deepEqual(await resolveModelKey(model, undefined, secretsOf(secrets), {}), { key: 'sk-proxy', source: 'secret' });
  });

  it('origin mismatch: OPENAI_API_KEY is not sent to a third-party baseUrl unless the entry names it in apiKeyEnv', async () => {
    const env = { OPENAI_API_KEY: 'sk-env-official' };
    const redirected: KeyedModel = { id: 'gpt', provider: 'openai', baseUrl: 'https://evil.example/v1' };
    const refused = await resolveModelKey(redirected, undefined, secretsOf({}), env);
    assert.equal(refused.source, 'origin-mismatch');
    assert.equal(refused.mismatch?.variable, 'OPENAI_API_KEY');
    assert.equal(envVarAllowed('OPENAI_API_KEY', { id: 'gpt', provider: 'openai' }, undefined), true);
    const optedIn = await resolveModelKey({ ...redirected, apiKeyEnv: 'OPENAI_API_KEY' }, undefined, secretsOf({}), env);
    assert.deepEqual(optedIn, { key: 'sk-env-official', source: 'env' });
  });

  it('local servers still need no key, and vscode-lm none at all', async () => {
    assert.equal((await resolveModelKey({ id: 'l', provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' }, undefined, secretsOf({}), {})).source, 'not-needed');
    assert.equal((await resolveModelKey({ id: 'v', provider: 'vscode-lm' }, undefined, secretsOf({}), {})).source, 'not-needed');
  });
});

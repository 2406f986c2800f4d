import assert from 'node:assert/strict';
import { cleanKey, envVarsFor, isLoopbackUrl, secretNamesFor, sharedKeyName } from '../../../src/host/keys/apiKeySources';

describe('API key sources', () => {
  it('names secrets parallax.apiKey.<model id> first, then the provider or preset', () => {
    assert.deepEqual(secretNamesFor({ id: 'gpt', provider: 'openai' }), ['parallax.apiKey.gpt', 'parallax.apiKey.openai']);
    assert.deepEqual(secretNamesFor({ id: 'ds', provider: 'openai-compatible', preset: 'deepseek' }), ['parallax.apiKey.ds', 'parallax.apiKey.deepseek']);
    assert.deepEqual(secretNamesFor({ id: 'mine', provider: 'openai-compatible', baseUrl: 'https://x/v1' }), ['parallax.apiKey.mine']);
    assert.equal(sharedKeyName({ id: 'c', provider: 'anthropic' }), 'anthropic');
  });

  it('falls back on the entry variable, then the preset, then the provider variable', () => {
    assert.deepEqual(envVarsFor({ id: 'a', provider: 'anthropic', apiKeyEnv: 'MY_KEY' }), ['MY_KEY', 'ANTHROPIC_API_KEY']);
    assert.deepEqual(envVarsFor({ id: 'd', provider: 'openai-compatible', preset: 'deepseek' }, 'DEEPSEEK_API_KEY'), ['DEEPSEEK_API_KEY']);
    assert.deepEqual(envVarsFor({ id: 'o', provider: 'openai' }), ['OPENAI_API_KEY']);
  });

  it('treats only loopback endpoints as needing no key', () => {
    assert.ok(isLoopbackUrl('http://127.0.0.1:4010/v1'));
    assert.ok(isLoopbackUrl('http://localhost:11434/v1'));
    assert.ok(isLoopbackUrl('http://[::1]:8080'));
    assert.ok(!isLoopbackUrl('https://api.openai.com/v1'));
    assert.ok(!isLoopbackUrl('http://127.0.0.1.evil.com/v1'));
    assert.ok(!isLoopbackUrl('not a url'));
    assert.ok(!isLoopbackUrl(undefined));
  });

  it('trims keys and refuses blank ones', () => {
    assert.equal(cleanKey('  sk-abc \n'), 'sk-abc');
    assert.equal(cleanKey('   '), undefined);
    assert.equal(cleanKey(undefined), undefined);
  });
});

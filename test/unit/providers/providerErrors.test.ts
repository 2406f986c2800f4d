/**
 * Error mapping with the SDKs' own error classes (constructed directly, not mocked), and secret redaction.
 */
import assert from 'node:assert/strict';
import * as anthropicSdk from '@anthropic-ai/sdk';
import * as openaiSdk from 'openai';
import { redactSecrets, toProviderError } from '../../../src/core/providers/providerErrors';

const headers = (values: Record<string, string> = {}): Headers => new Headers(values);

describe('toProviderError', () => {
  const sdk = openaiSdk;

  it('maps HTTP statuses to kinds, keeping the status', () => {
    const cases: Array<[number, string]> = [
      [400, 'bad-request'],
      [401, 'auth'],
      [403, 'permission'],
      [404, 'not-found'],
      [408, 'timeout'],
      [409, 'server'],
      [422, 'bad-request'],
      [429, 'rate-limit'],
      [500, 'server'],
      [503, 'server'],
    ];
    for (const [status, kind] of cases) {
      const err = sdk.APIError.generate(status, { error: { message: 'detail' } }, undefined, headers());
      const mapped = toProviderError(err, { sdk });
      assert.equal(mapped.kind, kind, `status ${status}`);
      assert.equal(mapped.status, status);
      assert.match(mapped.message, /detail/);
    }
  });

  it('says in plain words that the key was rejected', () => {
    const err = sdk.APIError.generate(401, { error: { message: 'Incorrect API key provided' } }, undefined, headers());
    assert.match(toProviderError(err, { sdk }).message, /^The API key was rejected \(401\)/);
  });

  it('reads Retry-After (seconds, ms, or date) into retryAfterMs for rate limits', () => {
    const seconds = sdk.APIError.generate(429, {}, undefined, headers({ 'retry-after': '7' }));
    assert.equal(toProviderError(seconds, { sdk }).retryAfterMs, 7000);
    const ms = sdk.APIError.generate(429, {}, undefined, headers({ 'retry-after-ms': '250' }));
    assert.equal(toProviderError(ms, { sdk }).retryAfterMs, 250);
    const none = sdk.APIError.generate(429, {}, undefined, headers());
    assert.equal('retryAfterMs' in toProviderError(none, { sdk }), false);
  });

  it('maps connection, timeout and abort errors', () => {
    const refused = new sdk.APIConnectionError({ cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    assert.equal(toProviderError(refused, { sdk }).kind, 'network');
    assert.match(toProviderError(refused, { sdk }).message, /ECONNREFUSED/);
    assert.equal(toProviderError(new sdk.APIConnectionTimeoutError(), { sdk }).kind, 'timeout');
    assert.equal(toProviderError(new sdk.APIUserAbortError(), { sdk }).kind, 'cancelled');
  });

  it('treats anything as cancelled once the caller aborted', () => {
    const err = sdk.APIError.generate(500, {}, undefined, headers());
    assert.equal(toProviderError(err, { sdk, aborted: true }).kind, 'cancelled');
  });

  it('maps in-band errors (no status) by their error type, for both SDKs', () => {
    const openaiInBand = new sdk.APIError(undefined, { message: 'Rate limit', type: 'rate_limit_exceeded' }, undefined, headers());
    assert.equal(toProviderError(openaiInBand, { sdk }).kind, 'rate-limit');
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const anthropicInBand = new anthropicSdk.APIError(undefined, body, undefined, headers());
    const mapped = toProviderError(anthropicInBand, { sdk: anthropicSdk });
    assert.equal(mapped.kind, 'server');
    assert.equal(mapped.status, undefined);
    assert.match(mapped.message, /in the middle of the answer.*Overloaded/);
  });

  it('recognises socket errors outside the SDK hierarchy as network errors', () => {
    const terminated = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    assert.equal(toProviderError(terminated, { sdk }).kind, 'network');
    assert.equal(toProviderError(new Error('boom'), { sdk }).kind, 'unknown');
    assert.equal(toProviderError('a string', {}).kind, 'unknown');
  });

  it('never lets the key into the message', () => {
    const key = 'my-own-secret-key-1234';
    const err = sdk.APIError.generate(401, { error: { message: `Key ${key} rejected; header was Bearer ${key}` } }, undefined, headers());
    const { message } = toProviderError(err, { sdk, secrets: [key] });
    assert.ok(!message.includes(key), message);
  });
});

describe('redactSecrets', () => {
  it('removes given secrets, sk-/gsk_/xai- style keys, Google keys and bearer tokens', () => {
    const text = 'a sk-proj-ABCdef123456789 b sk-ant-api03-xyz_987654321 c gsk_abcdefghijkl d xai-abcdefghijk e AIzaSyA1234567890abcdefghijkl f Bearer tok.en-123 g mine-secret-value';
    const out = redactSecrets(text, ['mine-secret-value']);
    for (const leaked of ['proj-ABC', 'api03', 'gsk_abc', 'xai-abc', 'SyA123', 'tok.en', 'mine-secret']) {
      assert.ok(!out.includes(leaked), `${leaked} in ${out}`);
    }
    assert.ok(out.startsWith('a sk-[redacted] b'), out);
  });

  it('catches masked keys a server echoes and leaves ordinary words alone', () => {
    assert.equal(redactSecrets('Incorrect API key provided: sk-abc12***************wxyz.'), 'Incorrect API key provided: sk-[redacted].');
    assert.equal(redactSecrets('the task-list and sketch stay'), 'the task-list and sketch stay');
  });

  it('ignores empty or very short secrets instead of shredding the text', () => {
    assert.equal(redactSecrets('a b c', ['', 'a']), 'a b c');
  });
});

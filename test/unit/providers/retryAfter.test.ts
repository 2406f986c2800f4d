import assert from 'node:assert/strict';
import { retryAfterMs, withRetryAfterCeiling } from '../../../src/core/providers/retryAfter';

describe('retryAfterMs', () => {
  it('prefers retry-after-ms, then retry-after seconds (fractions too), then an HTTP date', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' })), 1500);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '0.25' })), 250);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now), 30_000);
  });

  it('is undefined when absent or unreadable', () => {
    assert.equal(retryAfterMs(new Headers()), undefined);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterMs(undefined), undefined);
  });
});

describe('withRetryAfterCeiling', () => {
  const answering = (response: Response): typeof fetch => async () => response;

  it('marks a response that asks to wait longer than the ceiling as not to be retried, keeping status and body', async () => {
    const wrapped = withRetryAfterCeiling(answering(new Response('{"e":1}', { status: 429, headers: { 'retry-after': '60' } })), 20_000);
    const response = await wrapped('http://x');
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('x-should-retry'), 'false');
    assert.equal(response.headers.get('retry-after'), '60');
    assert.equal(await response.text(), '{"e":1}');
  });

  it('leaves short waits, missing headers and successes untouched', async () => {
    for (const original of [
      new Response('', { status: 429, headers: { 'retry-after': '2' } }),
      new Response('', { status: 500 }),
      new Response('ok', { status: 200, headers: { 'retry-after': '600' } }),
    ]) {
      const response = await withRetryAfterCeiling(answering(original), 20_000)('http://x');
      assert.equal(response, original);
    }
  });
});

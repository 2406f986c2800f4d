/** Repeat N in the compare engine: N samples per model, each an attempt of its own, queued politely per endpoint. */
import { MAX_MODELS } from '../../../src/shared/vocabulary';
import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import { ProviderLimiter, type LimiterClock } from '../../../src/core/compare/providerLimiter';
import { concurrencyFor, limitKeyOf } from '../../../src/core/compare/providerLimits';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import type { RunEvent } from '../../../src/core/compare/runTypes';
import { compareModel, RELAXED_LIMITS, recordEvents } from './engineFixtures';

/** A provider that counts how many of its streams are open at once; each answers after a few event-loop turns. */
class CountingProvider implements ChatProvider {
  open = 0;
  peak = 0;
  calls = 0;
  constructor(private readonly answers: (call: number) => StreamEvent[]) {}
  async *stream(): AsyncIterable<StreamEvent> {
    const call = ++this.calls;
    this.open += 1;
    this.peak = Math.max(this.peak, this.open);
    try {
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      yield* this.answers(call);
    } finally {
      this.open -= 1;
    }
  }
}

const answer = (text: string): StreamEvent[] => [{ type: 'text', text }, { type: 'done', finishReason: 'stop' }];

describe('repeat: compare engine samples', () => {
  it('repeat 3 runs every model three times and names each sample in its events and outcomes', async () => {
    const a = new CountingProvider((n) => answer(`a${n}`));
    const b = new CountingProvider((n) => answer(`b${n}`));
    const run = startComparison({ models: [compareModel('a', a), compareModel('b', b)], limits: RELAXED_LIMITS, requestHash: 'h', repeat: 3 });
    const events = recordEvents(run);
    const outcomes = await run.done;
    assert.equal(a.calls, 3);
    assert.equal(b.calls, 3);
    assert.deepEqual(outcomes.map((o) => `${o.modelId}#${o.sample}:${o.state}`), ['a#1:done', 'a#2:done', 'a#3:done', 'b#1:done', 'b#2:done', 'b#3:done']);
    const ends = events.filter((e) => e.type === 'model-end');
    assert.equal(ends.length, 6);
    const starts = events.filter((e) => e.type === 'model-start');
    assert.deepEqual(new Set(starts.map((e) => `${e.modelId}#${e.sample}`)).size, 6);
    assert.ok(events.filter((e) => e.type === 'delta').every((e) => e.sample !== undefined), 'every delta names its sample');
    assert.equal(events.filter((e) => e.type === 'run-end').length, 1);
    assert.deepEqual(new Set(outcomes.filter((o) => o.modelId === 'a').map((o) => o.text)), new Set(['a1', 'a2', 'a3']));
  });

  it('repeat 1 keeps the events of a plain run (no sample field)', async () => {
    const run = startComparison({ models: [compareModel('a', new CountingProvider(() => answer('x')))], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    const [outcome] = await run.done;
    assert.equal(outcome?.sample, undefined);
    assert.ok(events.every((e) => !('sample' in e)));
  });

  it('repeat 10 × 8 models never has more than 2 requests open to an endpoint that allows 2', async () => {
    const shared = new CountingProvider((n) => answer(`x${n % 3}`));
    const models = Array.from({ length: 8 }, (_, i) => ({ ...compareModel(`m${i}`, shared), limitKey: 'http://127.0.0.1:9' }));
    const limiter = new ProviderLimiter(() => 2);
    const run = startComparison({ models, limits: RELAXED_LIMITS, requestHash: 'h', repeat: 10, limiter });
    const outcomes = await run.done;
    assert.equal(outcomes.length, 80);
    assert.ok(outcomes.every((o) => o.state === 'done'));
    assert.equal(shared.calls, 80);
    assert.equal(shared.peak, 2, 'two at once, never more');
    assert.equal(limiter.peak('http://127.0.0.1:9'), 2);
  });

  it('cancelling a repeat run ends queued samples as cancelled too, each with its own model-end', async () => {
    const hanging: ChatProvider = {
      async *stream(_r, signal) {
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        yield { type: 'error', kind: 'cancelled', message: 'aborted' };
      },
    };
    const run = startComparison({ models: [{ ...compareModel('a', hanging), limitKey: 'k' }], limits: RELAXED_LIMITS, requestHash: 'h', repeat: 4, limiter: new ProviderLimiter(() => 1) });
    const events = recordEvents(run);
    await new Promise((resolve) => setImmediate(resolve));
    run.cancel();
    const outcomes = await run.done;
    assert.deepEqual(outcomes.map((o) => o.state), ['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    assert.equal(events.filter((e) => e.type === 'model-end').length, 4);
  });

  it('a 429 with Retry-After pauses that endpoint: the next sample waits for it, and the limited one is queued again', async () => {
    let now = 0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const clock: LimiterClock = { now: () => now, setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }), clearTimeout: () => undefined };
    const provider = new CountingProvider((n) => (n === 1 ? [{ type: 'error', kind: 'rate-limit', message: '429', status: 429, retryAfterMs: 5_000 }] : answer('ok')));
    const limiter = new ProviderLimiter(() => 1, clock);
    const run = startComparison({ models: [{ ...compareModel('a', provider), limitKey: 'k' }], limits: RELAXED_LIMITS, requestHash: 'h', repeat: 2, limiter });
    const events = recordEvents(run);
    for (let turn = 0; timers.length === 0 && turn < 10_000; turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(provider.calls, 1, 'the second sample is held while the endpoint is paused');
    assert.equal(timers[0]?.at, 5_000);
    now = 5_000;
    timers.shift()?.fn();
    const outcomes = await run.done;
    assert.deepEqual(outcomes.map((o) => o.state), ['done', 'done'], 'the rate-limited sample was queued again and answered');
    const limited = events.find((e): e is Extract<RunEvent, { type: 'model-end' }> => e.type === 'model-end' && e.outcome.error?.kind === 'rate-limit');
    assert.equal(limited?.outcome.error?.retryAfterMs, 5_000, 'its rate-limited attempt still ended as such');
    assert.equal(provider.calls, 3);
  });

  it('retry of one sample replaces only that sample', async () => {
    const provider = new CountingProvider((n) => answer(`t${n}`));
    const run = startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h', repeat: 2 });
    await run.done;
    const again = await run.retry('a', 2);
    assert.equal(again.sample, 2);
    assert.equal(again.text, 't3');
    assert.deepEqual(run.snapshot().map((o) => o.text), ['t1', 't3']);
    await assert.rejects(run.retry('a', 3));
  });
});

describe('repeat: provider limiter', () => {
  it('grants in order up to the limit and hands a released slot to the next waiter', async () => {
    const limiter = new ProviderLimiter((key) => (key === 'two' ? 2 : 1));
    const r1 = await limiter.acquire('two');
    const r2 = await limiter.acquire('two');
    let third = false;
    const p3 = limiter.acquire('two').then((r) => {
      third = true;
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(third, false);
    assert.equal(limiter.waiting('two'), 1);
    r1();
    r1();
    const r3 = await p3;
    assert.equal(limiter.active('two'), 2, 'a double release frees one slot only');
    r2();
    r3();
    assert.equal(limiter.active('two'), 0);
    const other = await limiter.acquire('one');
    other();
  });

  it('an aborted waiter leaves the queue and rejects', async () => {
    const limiter = new ProviderLimiter(() => 1);
    const held = await limiter.acquire('k');
    const controller = new AbortController();
    const waiting = limiter.acquire('k', controller.signal);
    controller.abort();
    await assert.rejects(waiting, /waiting for the provider/);
    assert.equal(limiter.waiting('k'), 0);
    held();
  });

  it('keys and limits: one queue per origin, local servers get the local limit', () => {
    assert.equal(limitKeyOf({ provider: 'openai' }), 'https://api.openai.com');
    assert.equal(limitKeyOf({ provider: 'openai-compatible', baseUrl: 'http://localhost:11434/v1' }), 'http://localhost:11434');
    assert.equal(limitKeyOf({ provider: 'vscode-lm' }), 'vscode-lm');
    // By default a one-sample run of the most models a run can have never waits.
    assert.equal(concurrencyFor('http://127.0.0.1:8080'), MAX_MODELS);
    assert.equal(concurrencyFor('https://api.anthropic.com'), MAX_MODELS);
    const limits = { concurrencyLocal: 3, concurrencyPerProvider: 5 };
    assert.equal(concurrencyFor('http://127.0.0.1:8080', limits), 3);
    assert.equal(concurrencyFor('https://api.anthropic.com', limits), 5);
    assert.equal(concurrencyFor('https://api.anthropic.com', { concurrencyPerProvider: 7 }), 7);
    assert.equal(concurrencyFor('http://localhost:1', { concurrencyLocal: 1 }), 1);
  });
});

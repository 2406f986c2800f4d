import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import { compareModel, recordEvents, RELAXED_LIMITS, waitForEvent } from './engineFixtures';
import { hangingProvider, ManualProvider, tricklingProvider } from './inProcessProviders';

describe('compare engine: watchdogs', () => {
  it('first-token: no token in time ends the model timed-out and aborts its signal', async () => {
    const provider = new ManualProvider();
    const started = Date.now();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 150, idleMs: 10_000, totalMs: 10_000 }, requestHash: 'h' });
    await provider.started();
    provider.push({ type: 'usage', inputTokens: 12 }); // usage is not a token: the first-token watchdog keeps running
    const [outcome] = await run.done;
    const elapsed = Date.now() - started;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.kind, 'timeout');
    assert.equal(outcome?.error?.timeout, 'first-token');
    assert.equal(provider.signal?.aborted, true);
    assert.ok(elapsed >= 140, `fired after ${elapsed} ms`);
    assert.ok(elapsed < 5_000);
  });

  it('first-token: a reasoning delta counts as the first token', async () => {
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 150, idleMs: 10_000, totalMs: 10_000 }, requestHash: 'h' });
    const events = recordEvents(run);
    await provider.started();
    provider.push({ type: 'reasoning', text: 'Let me think.' });
    await waitForEvent(run, events, (e) => e.type === 'delta');
    // Wait well past the first-token limit before finishing: only the (relaxed) idle watchdog applies now.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (Date.now() - (run.snapshot()[0]?.metrics.firstTokenAt ?? Date.now()) > 300) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    provider.push({ type: 'text', text: 'Answer.' });
    provider.push({ type: 'done', finishReason: 'stop' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'done');
    assert.equal(outcome?.reasoning, 'Let me think.');
  });

  it('idle: a stream that stalls after its first token times out with kind idle', async () => {
    const provider = new ManualProvider({ honourAbort: false });
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 10_000, idleMs: 150, totalMs: 10_000 }, requestHash: 'h' });
    await provider.started();
    provider.push({ type: 'text', text: 'Here is' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.timeout, 'idle');
    assert.equal(outcome?.text, 'Here is');
    assert.equal(provider.signal?.aborted, true);
  });

  it('idle: one timer, re-armed from the latest chunk: it fires a full limit after the last chunk, not after the first', async () => {
    const provider = new ManualProvider({ honourAbort: false });
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 10_000, idleMs: 400, totalMs: 10_000 }, requestHash: 'h' });
    await provider.started();
    // Chunks every 60 ms for longer than the idle limit, then silence.
    let lastChunkAt = 0;
    for (let i = 0; i < 10; i++) {
      provider.push({ type: 'text', text: `c${i} ` });
      lastChunkAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    const [outcome] = await run.done;
    const quiet = Date.now() - lastChunkAt;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.timeout, 'idle');
    assert.equal(outcome?.text, 'c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 ');
    assert.ok(quiet >= 390, `fired ${quiet} ms after the last chunk`);
  });

  it('idle: steady chunks keep the idle watchdog from firing; total ends an endless stream', async () => {
    const provider = tricklingProvider(20);
    const started = Date.now();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 5_000, idleMs: 200, totalMs: 500 }, requestHash: 'h' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.timeout, 'total');
    assert.ok(Date.now() - started >= 490);
    assert.ok((outcome?.text.match(/tick/g) ?? []).length >= 3, 'several chunks arrived before the total limit');
    assert.equal(provider.signal?.aborted, true);
  });

  it('a hung provider that ignores abort is still settled by its watchdog', async () => {
    const run = startComparison({ models: [compareModel('a', hangingProvider())], limits: { firstTokenMs: 100, idleMs: 100, totalMs: 10_000 }, requestHash: 'h' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.timeout, 'first-token');
  });

  it('a model that finishes in time leaves no watchdog behind', async () => {
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { ...RELAXED_LIMITS, firstTokenMs: 100 }, requestHash: 'h' });
    await provider.started();
    provider.push({ type: 'text', text: 'x' });
    provider.push({ type: 'done', finishReason: 'stop' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'done');
    assert.equal(provider.signal?.aborted, false);
  });
});

import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { compareModel, recordEvents, waitForEvent } from './engineFixtures';

/** A provider whose `prepare` is driven by the test (like a slow first SDK import), then answers at once. */
class SlowLoadingProvider implements ChatProvider {
  streamCalls = 0;
  prepareSignal: AbortSignal | undefined;
  private readonly preparing: Promise<void>;
  private finishLoad!: () => void;
  private failLoad!: (error: Error) => void;

  constructor(private readonly streamEvents: StreamEvent[] = [{ type: 'text', text: 'Fixed.' }, { type: 'done', finishReason: 'stop' }]) {
    this.preparing = new Promise((resolve, reject) => {
      this.finishLoad = resolve;
      this.failLoad = reject;
    });
  }

  loaded(): void {
    this.finishLoad();
  }

  loadFailed(error: Error): void {
    this.failLoad(error);
  }

  prepare(signal: AbortSignal): Promise<void> {
    this.prepareSignal = signal;
    return this.preparing;
  }

  async *stream(): AsyncIterable<StreamEvent> {
    this.streamCalls += 1;
    for (const event of this.streamEvents) yield event;
  }
}

describe('compare engine: provider prepare (lazy SDK load) is not timed against the model', () => {
  it('a load slower than the first-token limit neither times the model out nor counts in its TTFT', async () => {
    const provider = new SlowLoadingProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 100, idleMs: 10_000, totalMs: 10_000 }, requestHash: 'h' });
    const events = recordEvents(run);
    const start = (await waitForEvent(run, events, (e) => e.type === 'model-start')) as Extract<typeof events[number], { type: 'model-start' }>;
    // Finish the "import" only once three first-token limits have passed: a watchdog armed at attempt start would have fired.
    setTimeout(() => provider.loaded(), 300);
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'done');
    assert.equal(outcome?.text, 'Fixed.');
    const metrics = outcome.metrics;
    assert.ok(metrics.startedAt - start.startedAt >= 290, `the request clock starts after the load (${metrics.startedAt - start.startedAt} ms)`);
    assert.ok(metrics.ttftMs !== undefined && metrics.ttftMs < 250, `TTFT excludes the load: ${metrics.ttftMs} ms`);
    assert.ok(metrics.totalMs !== undefined && metrics.totalMs < 250, `total excludes the load: ${metrics.totalMs} ms`);
  });

  it('the first-token watchdog still fires after the load when no token comes', async () => {
    const provider = new SlowLoadingProvider([]);
    const hanging: ChatProvider = {
      prepare: (signal) => provider.prepare(signal),
      stream: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<StreamEvent>>(() => undefined) }) }),
    };
    const run = startComparison({ models: [compareModel('a', hanging)], limits: { firstTokenMs: 100, idleMs: 10_000, totalMs: 10_000 }, requestHash: 'h' });
    provider.loaded();
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.timeout, 'first-token');
  });

  it('a load that never ends is cut off by the total watchdog, and the stream is never called', async () => {
    const provider = new SlowLoadingProvider();
    const started = Date.now();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 50, idleMs: 50, totalMs: 250 }, requestHash: 'h' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'timed-out');
    assert.equal(outcome?.error?.timeout, 'total');
    assert.ok(Date.now() - started >= 240);
    assert.equal(provider.streamCalls, 0);
    assert.equal(provider.prepareSignal?.aborted, true);
  });

  it('cancelling during the load ends the model cancelled at once', async () => {
    const provider = new SlowLoadingProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 10_000, idleMs: 10_000, totalMs: 10_000 }, requestHash: 'h' });
    const events = recordEvents(run);
    await waitForEvent(run, events, (e) => e.type === 'model-start');
    run.cancel('a');
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'cancelled');
    assert.equal(provider.streamCalls, 0);
    assert.equal(provider.prepareSignal?.aborted, true);
  });

  it('a load that fails still calls stream(), which reports the failure as the column error', async () => {
    const provider = new SlowLoadingProvider([{ type: 'error', kind: 'unknown', message: 'Cannot find module openai' }]);
    const run = startComparison({ models: [compareModel('a', provider)], limits: { firstTokenMs: 10_000, idleMs: 10_000, totalMs: 10_000 }, requestHash: 'h' });
    provider.loadFailed(new Error('Cannot find module openai'));
    const [outcome] = await run.done;
    assert.equal(provider.streamCalls, 1);
    assert.equal(outcome?.state, 'error');
    assert.match(outcome?.error?.message ?? '', /Cannot find module openai/);
  });

  it('the SDK adapters prepare by loading their SDK, and never reject', async () => {
    for (const kind of ['openai', 'anthropic', 'openai-compatible'] as const) {
      const provider = createProvider({ kind, apiKey: 'sk-test-0123456789abcdef', baseUrl: 'http://127.0.0.1:9/v1' });
      assert.equal(typeof provider.prepare, 'function', `${kind} has prepare()`);
      await provider.prepare?.(new AbortController().signal);
    }
  });
});

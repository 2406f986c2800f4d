import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import { MIN_RATE_WINDOW_MS } from '../../../src/core/compare/modelMetricsTracker';
import type { RunEvent } from '../../../src/core/compare/runTypes';
import { compareModel, ManualClock, recordEvents, RELAXED_LIMITS, waitForEvent } from './engineFixtures';
import { listProvider, ManualProvider } from './inProcessProviders';

/** One token per character keeps the estimates easy to check by hand. */
const charCount = (text: string): number => text.length;

describe('compare engine: metrics', () => {
  it('times TTFT from the request and tokens/s from the first token to the end', async () => {
    const clock = new ManualClock(1_000);
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h', now: clock.now, estimateTokens: charCount });
    const events = recordEvents(run);
    await provider.started();
    clock.advance(200);
    provider.push({ type: 'text', text: 'abcde' });
    await waitForEvent(run, events, (e) => e.type === 'delta');
    clock.advance(1_000);
    provider.push({ type: 'usage', inputTokens: 40, outputTokens: 50 });
    provider.push({ type: 'done', finishReason: 'stop' });
    const [outcome] = await run.done;
    const m = outcome!.metrics;
    assert.equal(m.startedAt, 1_000);
    assert.equal(m.firstTokenAt, 1_200);
    assert.equal(m.ttftMs, 200);
    assert.equal(m.endedAt, 2_200);
    assert.equal(m.totalMs, 1_200);
    assert.equal(m.tokensPerSecond, 50, '50 output tokens over the 1 s after the first token');
    assert.equal(m.tokensEstimated, false);
  });

  it('usage values are absolute: later reports overwrite earlier ones', async () => {
    const provider = listProvider([
      { type: 'usage', inputTokens: 10, outputTokens: 1 },
      { type: 'text', text: 'hello' },
      { type: 'usage', outputTokens: 5, reasoningTokens: 2 },
      { type: 'usage', outputTokens: 7 },
      { type: 'done', finishReason: 'stop' },
    ]);
    const [outcome] = await startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h' }).done;
    assert.equal(outcome?.metrics.inputTokens, 10);
    assert.equal(outcome?.metrics.outputTokens, 7);
    assert.equal(outcome?.metrics.reasoningTokens, 2);
    assert.equal(outcome?.metrics.tokensEstimated, false);
  });

  it('estimates tokens from the request and the streamed text when no usage arrives', async () => {
    const provider = listProvider([
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'answer' },
      { type: 'done', finishReason: 'stop' },
    ]);
    const model = compareModel('a', provider);
    const [outcome] = await startComparison({ models: [model], limits: RELAXED_LIMITS, requestHash: 'h', estimateTokens: charCount }).done;
    const expectedInput = `${model.request.system}\n${model.request.messages[0]!.content}`.length;
    assert.equal(outcome?.metrics.tokensEstimated, true);
    assert.equal(outcome?.metrics.inputTokens, expectedInput);
    assert.equal(outcome?.metrics.outputTokens, 'hmm'.length + 'answer'.length);
    assert.equal(outcome?.metrics.reasoningTokens, 3);
  });

  it('marks tokens estimated when only part of the usage was reported', async () => {
    const provider = listProvider([{ type: 'usage', inputTokens: 99 }, { type: 'text', text: 'cut off' }]);
    const [outcome] = await startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h', estimateTokens: charCount }).done;
    assert.equal(outcome?.state, 'incomplete');
    assert.equal(outcome?.metrics.inputTokens, 99);
    assert.equal(outcome?.metrics.outputTokens, 7);
    assert.equal(outcome?.metrics.tokensEstimated, true);
  });

  it('cost: known from the price, undefined without one, 0 only for a zero price', async () => {
    const usage = [
      { type: 'text' as const, text: 'x' },
      { type: 'usage' as const, inputTokens: 1_000_000, outputTokens: 2_000_000 },
      { type: 'done' as const, finishReason: 'stop' },
    ];
    const outcomes = await startComparison({
      models: [
        compareModel('priced', listProvider(usage), { inputPerMTok: 3, outputPerMTok: 15 }),
        compareModel('unknown', listProvider(usage)),
        compareModel('local', listProvider(usage), { inputPerMTok: 0, outputPerMTok: 0 }),
      ],
      limits: RELAXED_LIMITS,
      requestHash: 'h',
    }).done;
    assert.equal(outcomes[0]?.metrics.costUsd, 33);
    assert.equal(outcomes[1]?.metrics.costUsd, undefined);
    assert.equal(outcomes[2]?.metrics.costUsd, 0);
  });

  it('tokens/s is undefined before any token and with no time after the first token', async () => {
    const clock = new ManualClock();
    const none = listProvider([{ type: 'done', finishReason: 'stop' }]);
    const instant = listProvider([{ type: 'text', text: 'all at once' }, { type: 'done', finishReason: 'stop' }]);
    const outcomes = await startComparison({ models: [compareModel('none', none), compareModel('instant', instant)], limits: RELAXED_LIMITS, requestHash: 'h', now: clock.now }).done;
    assert.equal(outcomes[0]?.metrics.tokensPerSecond, undefined);
    assert.equal(outcomes[0]?.metrics.firstTokenAt, undefined);
    assert.equal(outcomes[1]?.metrics.tokensPerSecond, undefined, 'zero duration since the first token');
  });

  it('tokens/s is undefined for an answer that arrived in one burst (under 20 ms after the first token)', async () => {
    const rate = async (burstMs: number): Promise<number | undefined> => {
      const clock = new ManualClock(1_000);
      const provider = new ManualProvider();
      const run = startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h', now: clock.now });
      const events = recordEvents(run);
      await provider.started();
      provider.push({ type: 'text', text: 'first' });
      await waitForEvent(run, events, (e) => e.type === 'delta');
      clock.advance(burstMs);
      provider.push({ type: 'usage', inputTokens: 40, outputTokens: 500 });
      provider.push({ type: 'done', finishReason: 'stop' });
      const [outcome] = await run.done;
      return outcome?.metrics.tokensPerSecond;
    };
    assert.equal(await rate(1), undefined, '500 tokens in 1 ms is a burst, not a speed');
    assert.equal(await rate(MIN_RATE_WINDOW_MS - 1), undefined);
    assert.equal(await rate(MIN_RATE_WINDOW_MS), 500 / (MIN_RATE_WINDOW_MS / 1000));
  });

  it('throttles streaming metrics events to one per interval per model, plus a final one', async () => {
    const clock = new ManualClock();
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h', now: clock.now, metricsIntervalMs: 100 });
    const events = recordEvents(run);
    await provider.started();
    for (let i = 0; i <= 30; i += 1) {
      provider.push({ type: 'text', text: `t${i} ` });
      await waitForEvent(run, events, (e) => e.type === 'delta' && e.text === `t${i} `);
      clock.advance(10);
    }
    provider.push({ type: 'done', finishReason: 'stop' });
    await run.done;
    const metrics = events.filter((e): e is Extract<RunEvent, { type: 'metrics' }> => e.type === 'metrics');
    // Deltas at +0 … +300 ms: streaming metrics at +0, +100, +200, +300, then the final one.
    assert.equal(metrics.length, 5);
    assert.equal(metrics.at(-1)?.metrics.endedAt, clock.time);
    const streamingOutputs = metrics.slice(0, -1).map((e) => e.metrics.outputTokens ?? 0);
    assert.ok(streamingOutputs.every((n, i) => i === 0 || n > streamingOutputs[i - 1]!), 'output estimates grow while streaming');
  });
});

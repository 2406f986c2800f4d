/**
 * Size cap in the engine: an answer whose text plus reasoning passes the cap ends `incomplete` with "answer too
 * long", its stream is aborted, and the other models of the run are unaffected.
 */
import assert from 'node:assert/strict';
import { MAX_ANSWER_CHARS, startComparison } from '../../../src/core/compare/compareEngine';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders } from '../../../src/demo/fakeProviders';
import { compareModel, RELAXED_LIMITS } from './engineFixtures';
import { listProvider } from './inProcessProviders';

/** Streams 64 kB chunks of reasoning then text until aborted, counting what it sent. */
function floodingProvider(): ChatProvider & { signal?: AbortSignal; sent: number } {
  const chunk = 'x'.repeat(65_536);
  const provider: ChatProvider & { signal?: AbortSignal; sent: number } = {
    sent: 0,
    async *stream(_request, signal): AsyncIterable<StreamEvent> {
      provider.signal = signal;
      while (!signal.aborted && provider.sent < 50_000_000) {
        provider.sent += chunk.length;
        yield { type: provider.sent < 1_000_000 ? 'reasoning' : 'text', text: chunk };
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
  return provider;
}

describe('compare engine: answer size cap', function () {
  this.timeout(30_000);

  it('size cap: the default is 4,000,000 characters, below the protocol limit of 5,000,000', () => {
    assert.equal(MAX_ANSWER_CHARS, 4_000_000);
  });

  it('size cap: an answer over the cap ends incomplete with "answer too long", aborted; the other model is done', async () => {
    const flood = floodingProvider();
    const run = startComparison({
      models: [
        compareModel('flood', flood),
        compareModel('calm', listProvider([{ type: 'text', text: 'fine' }, { type: 'done', finishReason: 'stop' }])),
      ],
      limits: RELAXED_LIMITS,
      requestHash: 'h',
    });
    const [flooded, calm] = await run.done;
    assert.equal(flooded?.state, 'incomplete');
    assert.match(flooded?.error?.message ?? '', /answer too long/);
    assert.equal((flooded?.text.length ?? 0) + (flooded?.reasoning.length ?? 0), MAX_ANSWER_CHARS);
    assert.ok(flood.signal?.aborted, 'the stream was aborted');
    assert.ok(flood.sent < MAX_ANSWER_CHARS + 200_000, `the provider was stopped soon after the cap (${flood.sent} sent)`);
    assert.equal(calm?.state, 'done');
    assert.equal(calm?.text, 'fine');
  });

  it('size cap: a smaller configured cap cuts the delta that crosses it exactly at the cap', async () => {
    const run = startComparison({
      models: [compareModel('m', listProvider([{ type: 'text', text: '12345' }, { type: 'text', text: '67890' }, { type: 'done', finishReason: 'stop' }]))],
      limits: RELAXED_LIMITS,
      requestHash: 'h',
      maxAnswerChars: 7,
    });
    const deltas: string[] = [];
    run.onEvent((e) => e.type === 'delta' && deltas.push(e.text));
    const [outcome] = await run.done;
    assert.equal(outcome?.text, '1234567');
    // Both deltas arrive in one turn of the event loop, so they are emitted as one.
    assert.equal(deltas.join(''), '1234567');
    assert.equal(outcome?.state, 'incomplete');
  });

  it('size cap: through the real openai SDK, a 4.2 MB answer from the fake server is cut and the stream closed', async () => {
    const fakes = await startFakeProviders({ scripts: { huge: { fault: { type: 'huge', chars: 4_200_000 } } } });
    try {
      const provider = (): ChatProvider => createProvider({ kind: 'openai-compatible', baseUrl: fakes.openaiBaseUrl, maxRetries: 0 });
      const model = (id: string) => ({ ...compareModel(id, provider()), request: { model: id, messages: [{ role: 'user' as const, content: 'hi' }] } });
      const run = startComparison({ models: [model('huge'), model('small')], limits: RELAXED_LIMITS, requestHash: 'h' });
      const [huge, small] = await run.done;
      assert.equal(huge?.state, 'incomplete');
      assert.match(huge?.error?.message ?? '', /answer too long/);
      assert.equal(huge?.text.length, MAX_ANSWER_CHARS);
      assert.equal(small?.state, 'done');
    } finally {
      await fakes.close();
    }
  });
});

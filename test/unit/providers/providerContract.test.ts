/**
 * The behaviour both SDK adapters share, checked with the real SDKs against the wire-protocol fakes.
 */
import assert from 'node:assert/strict';
import { createProvider, type SdkProviderKind } from '../../../src/core/providers/providerFactory';
import type { ChatProvider, StreamEvent } from '../../../src/core/providers/provider';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { ask, collectEvents, lastEvent, mergedUsage, reasoningOf, textOf, timed } from './collectEvents';

const KEY = 'sk-parallax-test-0123456789abcdef';

const PROTOCOLS: ReadonlyArray<{ kind: SdkProviderKind; baseUrl: (f: FakeProviders) => string }> = [
  { kind: 'openai', baseUrl: (f) => f.openaiBaseUrl },
  { kind: 'anthropic', baseUrl: (f) => f.anthropicBaseUrl },
];

for (const protocol of PROTOCOLS) {
  describe(`${protocol.kind} provider against the fake (${protocol.kind} wire protocol)`, () => {
    let fakes: FakeProviders;
    let provider: ChatProvider;
    const providerWith = (apiKey: string, maxRetries = 2): ChatProvider =>
      createProvider({ kind: protocol.kind, apiKey, baseUrl: protocol.baseUrl(fakes), maxRetries });

    beforeEach(async () => {
      fakes = await startFakeProviders({ apiKey: KEY });
      provider = providerWith(KEY);
    });
    afterEach(() => fakes.close());

    it('streams the text in order, then usage, then done with the finish reason', async () => {
      fakes.setScript('m', { text: 'Use < instead of <= in the loop.', usage: { input: 42, output: 9 } });
      const events = await collectEvents(provider, ask('m'));
      assert.equal(textOf(events), 'Use < instead of <= in the loop.');
      assert.ok(events.filter((e) => e.type === 'text').length > 1, 'the text arrives in several chunks');
      // OpenAI always reports completion_tokens_details.reasoning_tokens, Anthropic only with thinking.
      const reasoning = protocol.kind === 'openai' ? { reasoningTokens: 0 } : {};
      assert.deepEqual(mergedUsage(events), { inputTokens: 42, outputTokens: 9, ...reasoning });
      const done = lastEvent(events);
      assert.equal(done?.type, 'done');
      assert.equal(done?.type === 'done' && done.finishReason, protocol.kind === 'openai' ? 'stop' : 'end_turn');
      const lastText = events.map((e) => e.type).lastIndexOf('text');
      const firstUsageAfterText = events.findIndex((e, i) => i > lastText && e.type === 'usage');
      assert.ok(firstUsageAfterText > lastText, 'final usage comes after the text');
    });

    it('reports output tokens as absolute values, never added up', async () => {
      fakes.setScript('m', { text: 'one two three', usage: { input: 5, output: 30 } });
      const events = await collectEvents(provider, ask('m'));
      const outputs = events.flatMap((e) => (e.type === 'usage' && e.outputTokens !== undefined ? [e.outputTokens] : []));
      assert.deepEqual(outputs, [30]);
    });

    it('streams reasoning as reasoning events before the answer and counts reasoning tokens', async () => {
      fakes.setScript('m', { reasoning: 'The bound is inclusive, so it overruns.', text: 'Use <.', usage: { input: 8, output: 40, reasoning: 25 } });
      const events = await collectEvents(provider, ask('m', { reasoning: 'medium' }));
      assert.equal(reasoningOf(events), 'The bound is inclusive, so it overruns.');
      assert.equal(textOf(events), 'Use <.');
      const types = events.map((e) => e.type);
      assert.ok(types.lastIndexOf('reasoning') < types.indexOf('text'), 'reasoning comes first');
      assert.deepEqual(mergedUsage(events), { inputTokens: 8, outputTokens: 40, reasoningTokens: 25 });
      assert.equal(lastEvent(events)?.type, 'done');
    });

    it('sends no usage event when the server reports none', async () => {
      fakes.setScript('m', { text: 'fine', usage: false });
      const events = await collectEvents(provider, ask('m'));
      assert.equal(events.filter((e) => e.type === 'usage').length, 0);
      assert.equal(lastEvent(events)?.type, 'done');
    });

    it('maps a rejected key to an auth error without retrying, and never repeats the key', async () => {
      const secret = 'sk-wrong-key-9876543210zyxwvut';
      const events = await collectEvents(providerWith(secret), ask('m'));
      const error = lastEvent(events);
      assert.equal(error?.type, 'error');
      assert.equal(error?.type === 'error' && error.kind, 'auth');
      assert.equal(error?.type === 'error' && error.status, 401);
      assert.equal(fakes.requests.length, 1);
      assert.ok(!JSON.stringify(events).includes(secret), 'the key is not in any event');
    });

    it('redacts its own key even when it has no recognisable shape and the server echoes it', async () => {
      const secret = 'plx_custom_secret_value_42';
      const open = await startFakeProviders({ scripts: { m: { fault: { type: 'status', status: 400, message: `Bad key ${secret} here` } } } });
      try {
        const echoing = createProvider({ kind: protocol.kind, apiKey: secret, baseUrl: protocol.baseUrl(open) });
        const error = lastEvent(await collectEvents(echoing, ask('m')));
        assert.equal(error?.type === 'error' && error.kind, 'bad-request');
        const message = error?.type === 'error' ? error.message : '';
        assert.ok(message.includes('Bad key [redacted] here'), message);
        assert.ok(!message.includes(secret));
      } finally {
        await open.close();
      }
    });

    it('retries a 429 after its short Retry-After, then streams the answer', async () => {
      fakes.setScript('m', [{ fault: { type: 'status', status: 429, retryAfterSec: 0.05 } }, { text: 'after the wait' }]);
      const { value: events, ms } = await timed(() => collectEvents(provider, ask('m')));
      assert.equal(textOf(events), 'after the wait');
      assert.equal(lastEvent(events)?.type, 'done');
      assert.equal(fakes.requests.length, 2);
      assert.ok(ms >= 40, `waited for Retry-After (${ms.toFixed(0)} ms)`);
    });

    it('does not wait for a Retry-After above the ceiling: rate-limit error with retryAfterMs', async () => {
      fakes.setScript('m', { fault: { type: 'status', status: 429, retryAfterSec: 60 } });
      const { value: events, ms } = await timed(() => collectEvents(provider, ask('m')));
      const error = lastEvent(events);
      assert.equal(error?.type === 'error' && error.kind, 'rate-limit');
      assert.equal(error?.type === 'error' && error.retryAfterMs, 60_000);
      assert.equal(fakes.requests.length, 1);
      assert.ok(ms < 5000, `answered without waiting (${ms.toFixed(0)} ms)`);
    });

    it('gives up on a 500 after the configured retries with a server error', async () => {
      fakes.setScript('m', { fault: { type: 'status', status: 500, retryAfterSec: 0.01 } });
      const events = await collectEvents(provider, ask('m'));
      const error = lastEvent(events);
      assert.equal(error?.type === 'error' && error.kind, 'server');
      assert.equal(error?.type === 'error' && error.status, 500);
      assert.equal(fakes.requests.length, 3, 'one attempt plus two retries');
    });

    it('maps a response that does not start within timeoutMs to a timeout error', async () => {
      fakes.setScript('m', { delayMs: 3000, text: 'too late' });
      const impatient = createProvider({ kind: protocol.kind, apiKey: KEY, baseUrl: protocol.baseUrl(fakes), maxRetries: 0, timeoutMs: 200 });
      await collectEvents(impatient, ask('warm-up')); // loads the SDK outside the timing
      const { value: events, ms } = await timed(() => collectEvents(impatient, ask('m')));
      assert.equal(lastEvent(events)?.type === 'error' && (lastEvent(events) as { kind: string }).kind, 'timeout');
      assert.ok(ms >= 150 && ms < 2500, `gave up after ${ms.toFixed(0)} ms`);
    });

    it('waits on a stalled stream until the signal aborts, then ends promptly with cancelled', async () => {
      fakes.setScript('m', { text: 'a b c d e f', fault: { type: 'stall', afterChunks: 2 } });
      const controller = new AbortController();
      const events: StreamEvent[] = [];
      let abortedAt = 0;
      for await (const event of provider.stream(ask('m'), controller.signal)) {
        events.push(event);
        if (abortedAt === 0 && events.filter((e) => e.type === 'text').length === 2) {
          abortedAt = performance.now();
          controller.abort();
        }
      }
      const endedAfter = performance.now() - abortedAt;
      assert.equal(textOf(events), 'a b ');
      assert.equal(lastEvent(events)?.type === 'error' && (lastEvent(events) as { kind: string }).kind, 'cancelled');
      assert.ok(!events.some((e) => e.type === 'done'));
      assert.ok(endedAfter < 2000, `ended ${endedAfter.toFixed(0)} ms after abort`);
    });

    it('ends promptly with cancelled when aborted while the SDK waits to retry', async () => {
      fakes.setScript('m', { fault: { type: 'status', status: 429, retryAfterSec: 10 } });
      const controller = new AbortController();
      const running = collectEvents(provider, ask('m'), controller.signal);
      await fakes.waitForRequests(1, 5000);
      const { value: events, ms } = await timed(async () => {
        controller.abort();
        return running;
      });
      assert.equal(lastEvent(events)?.type === 'error' && (lastEvent(events) as { kind: string }).kind, 'cancelled');
      assert.ok(ms < 2000, `ended ${ms.toFixed(0)} ms after abort`);
    });

    it('turns a socket reset mid-stream into a network error', async () => {
      fakes.setScript('m', { text: 'a b c d', fault: { type: 'reset', afterChunks: 2 } });
      const events = await collectEvents(provider, ask('m'));
      assert.equal(textOf(events), 'a b ');
      const error = lastEvent(events);
      assert.equal(error?.type === 'error' && error.kind, 'network');
    });

    it('turns an in-band error event into an error event after the partial text', async () => {
      fakes.setScript('m', { text: 'a b c d', fault: { type: 'in-band-error', afterChunks: 2 } });
      const events = await collectEvents(provider, ask('m'));
      assert.equal(textOf(events), 'a b ');
      const error = lastEvent(events);
      assert.equal(error?.type === 'error' && error.kind, 'server');
      assert.equal(error?.type === 'error' && error.status, undefined);
    });

    it('emits no terminal event when the body ends without one', async () => {
      fakes.setScript('m', { text: 'cut short here', fault: { type: 'no-terminal' } });
      const events = await collectEvents(provider, ask('m'));
      assert.equal(textOf(events), 'cut short here');
      assert.ok(!events.some((e) => e.type === 'done' || e.type === 'error'), JSON.stringify(events.map((e) => e.type)));
    });

    it('keeps multi-byte characters intact when they are split across TCP writes', async () => {
      fakes.setScript('m', { text: 'naïve — 你好 🚀', fault: { type: 'split-utf8' } });
      const events = await collectEvents(provider, ask('m'));
      assert.equal(textOf(events), 'naïve — 你好 🚀');
      assert.equal(lastEvent(events)?.type, 'done');
    });

    it('receives a 2 MB answer whole', async () => {
      const chars = 2 * 1024 * 1024;
      fakes.setScript('m', { fault: { type: 'huge', chars } });
      const events = await collectEvents(provider, ask('m'));
      const text = textOf(events);
      assert.equal(text.length, chars);
      assert.ok(text.startsWith('The quick brown fox'));
      assert.equal(lastEvent(events)?.type, 'done');
    });
  });
}

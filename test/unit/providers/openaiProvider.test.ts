/**
 * What the OpenAI adapter puts on the wire, as recorded by the fake, and OpenAI-only stream details.
 */
import assert from 'node:assert/strict';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { ask, collectEvents, lastEvent, textOf } from './collectEvents';

interface RecordedChatBody {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  reasoning_effort?: string;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  messages?: Array<{ role: string; content: string }>;
}

describe('openai provider: request on the wire', () => {
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders({ defaultScript: { text: 'ok' } });
  });
  afterEach(() => fakes.close());

  const body = (i = 0): RecordedChatBody => (fakes.requests[i]?.body ?? {});

  it('streams, asks for usage by default, and sends the system prompt first', async () => {
    const provider = createProvider({ kind: 'openai', apiKey: 'sk-a-0123456789', baseUrl: fakes.openaiBaseUrl });
    await collectEvents(provider, ask('gpt-x', { system: 'Be brief.', temperature: 0.2, maxTokens: 300 }));
    const sent = body();
    assert.equal(sent.stream, true);
    assert.deepEqual(sent.stream_options, { include_usage: true });
    assert.deepEqual(sent.messages?.map((m) => m.role), ['system', 'user']);
    assert.equal(sent.temperature, 0.2);
    assert.equal(sent.max_completion_tokens, 300);
    assert.equal(sent.max_tokens, undefined);
    assert.equal(fakes.requests[0]?.headers.authorization, 'Bearer sk-a-0123456789');
  });

  it('with includeUsage false sends no stream_options and yields no usage event', async () => {
    const provider = createProvider({ kind: 'openai-compatible', baseUrl: fakes.openaiBaseUrl });
    const events = await collectEvents(provider, ask('groq-ish', { includeUsage: false }));
    assert.equal('stream_options' in body(), false);
    assert.equal(events.filter((e) => e.type === 'usage').length, 0);
    assert.equal(textOf(events), 'ok');
    assert.equal(lastEvent(events)?.type, 'done');
  });

  it('sends reasoning_effort only when reasoning is on, and max_tokens to compatible servers', async () => {
    const provider = createProvider({ kind: 'openai-compatible', baseUrl: fakes.openaiBaseUrl, apiKey: 'local-key' });
    await collectEvents(provider, ask('m', { reasoning: 'high', maxTokens: 128 }));
    await collectEvents(provider, ask('m', { reasoning: 'off' }));
    assert.equal(body(0).reasoning_effort, 'high');
    assert.equal(body(0).max_tokens, 128);
    assert.equal(body(0).max_completion_tokens, undefined);
    assert.equal('reasoning_effort' in body(1), false);
  });

  it('sends the caller headers', async () => {
    const provider = createProvider({ kind: 'openai', apiKey: 'sk-a-0123456789', baseUrl: fakes.openaiBaseUrl, headers: { 'X-Title': 'Parallax' } });
    await collectEvents(provider, ask('m'));
    assert.equal(fakes.requests[0]?.headers['x-title'], 'Parallax');
  });
});

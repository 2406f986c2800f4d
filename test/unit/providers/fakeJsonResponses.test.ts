/** The fakes answer `stream: false` with one JSON body the real SDKs parse, sent when the stream would have ended. */
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';

describe('fake providers: stream: false', () => {
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders({ apiKey: 'test-key', defaultScript: { text: 'hello there world', usage: { input: 5, output: 3 } } });
  });
  afterEach(() => fakes.close());

  it('OpenAI: a chat.completion object with the whole answer and usage', async () => {
    const openai = new OpenAI({ apiKey: 'test-key', baseURL: fakes.openaiBaseUrl });
    const completion = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: false });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'hello there world');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual([completion.usage?.prompt_tokens, completion.usage?.completion_tokens], [5, 3]);
  });

  it('Anthropic: a message object with a text block and usage', async () => {
    const anthropic = new Anthropic({ apiKey: 'test-key', baseURL: fakes.anthropicBaseUrl });
    const message = await anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(message.type, 'message');
    assert.deepEqual(message.content.map((b) => (b.type === 'text' ? b.text : b.type)), ['hello there world']);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, 3);
  });

  it('answers when the scripted stream would have finished, not before', async () => {
    fakes.setScript('slow', { text: 'one two three four five', firstTokenDelayMs: 60, tokensPerSecond: 50 });
    const openai = new OpenAI({ apiKey: 'test-key', baseURL: fakes.openaiBaseUrl });
    const started = performance.now();
    const completion = await openai.chat.completions.create({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] });
    const elapsed = performance.now() - started;
    assert.equal(completion.choices[0]?.message.content, 'one two three four five');
    // 60 ms before the first token and 4 gaps of 20 ms after it.
    assert.ok(elapsed >= 135, `answered after ${elapsed.toFixed(1)} ms`);
  });

  it('still streams when asked to', async () => {
    const openai = new OpenAI({ apiKey: 'test-key', baseURL: fakes.openaiBaseUrl });
    const stream = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'hello there world');
  });
});

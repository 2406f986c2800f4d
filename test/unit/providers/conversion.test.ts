/**
 * The pure request/stream conversions of both adapters.
 */
import assert from 'node:assert/strict';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { DEFAULT_MAX_TOKENS, readAnthropicEvent, THINKING_BUDGET, toAnthropicParams } from '../../../src/core/providers/anthropicConversion';
import { readOpenAIChunk, toOpenAIParams } from '../../../src/core/providers/openaiConversion';
import { ask } from './collectEvents';

function chunk(delta: Record<string, unknown>, extra: Partial<ChatCompletionChunk> = {}, finish: string | null = null): ChatCompletionChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    ...extra,
  } as ChatCompletionChunk;
}

describe('toOpenAIParams', () => {
  it('puts the system prompt first and keeps the conversation order', () => {
    const params = toOpenAIParams(
      { model: 'm', system: 'S', messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }] },
      'openai',
    );
    assert.deepEqual(params.messages, [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
    ]);
    assert.equal(params.stream, true);
  });

  it('asks for usage unless includeUsage is false', () => {
    assert.deepEqual(toOpenAIParams(ask('m'), 'openai').stream_options, { include_usage: true });
    assert.equal(toOpenAIParams(ask('m', { includeUsage: false }), 'openai').stream_options, undefined);
  });

  it('maps maxTokens by flavour, reasoning to reasoning_effort, and leaves unset fields out', () => {
    const openai = toOpenAIParams(ask('m', { maxTokens: 10, reasoning: 'low' }), 'openai');
    assert.equal(openai.max_completion_tokens, 10);
    assert.equal(openai.reasoning_effort, 'low');
    const compatible = toOpenAIParams(ask('m', { maxTokens: 10, reasoning: 'off' }), 'openai-compatible');
    assert.equal(compatible.max_tokens, 10);
    assert.equal('reasoning_effort' in compatible, false);
    assert.equal('temperature' in compatible, false);
  });
});

describe('readOpenAIChunk', () => {
  it('reads content, and reasoning from reasoning_content or reasoning', () => {
    assert.deepEqual(readOpenAIChunk(chunk({ content: 'hi' })).events, [{ type: 'text', text: 'hi' }]);
    assert.deepEqual(readOpenAIChunk(chunk({ reasoning_content: 'hmm' })).events, [{ type: 'reasoning', text: 'hmm' }]);
    assert.deepEqual(readOpenAIChunk(chunk({ reasoning: 'hmm' })).events, [{ type: 'reasoning', text: 'hmm' }]);
  });

  it('skips empty deltas (the role chunk) and reports the finish reason', () => {
    assert.deepEqual(readOpenAIChunk(chunk({ role: 'assistant', content: '' })), { events: [] });
    assert.deepEqual(readOpenAIChunk(chunk({}, {}, 'length')), { events: [], finishReason: 'length' });
  });

  it('maps the usage chunk, with reasoning tokens when reported', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10, completion_tokens_details: { reasoning_tokens: 4 } };
    assert.deepEqual(readOpenAIChunk(chunk({}, { choices: [], usage })).events, [
      { type: 'usage', inputTokens: 3, outputTokens: 7, reasoningTokens: 4 },
    ]);
    const bare = { prompt_tokens: 3, completion_tokens: 7, total_tokens: 10 };
    assert.deepEqual(readOpenAIChunk(chunk({}, { choices: [], usage: bare })).events, [{ type: 'usage', inputTokens: 3, outputTokens: 7 }]);
  });
});

describe('toAnthropicParams', () => {
  it('uses a default max_tokens, a top-level system prompt and no thinking by default', () => {
    const params = toAnthropicParams(ask('c', { system: 'S' }));
    assert.equal(params.max_tokens, DEFAULT_MAX_TOKENS);
    assert.equal(params.system, 'S');
    assert.equal(params.thinking, undefined);
    assert.equal(params.stream, true);
  });

  it('adds a thinking budget per effort, keeps the answer budget on top, sends temperature only when told', () => {
    for (const effort of ['minimal', 'low', 'medium', 'high'] as const) {
      const params = toAnthropicParams(ask('c', { reasoning: effort, maxTokens: 500, temperature: 0.5 }));
      assert.deepEqual(params.thinking, { type: 'enabled', budget_tokens: THINKING_BUDGET[effort] });
      assert.equal(params.max_tokens, THINKING_BUDGET[effort] + 500);
      assert.ok(THINKING_BUDGET[effort] >= 1024);
      assert.equal('temperature' in params, false);
      assert.equal((toAnthropicParams(ask('c', { temperature: 0.5 }), { temperature: true }) as { temperature?: number }).temperature, 0.5);
    }
  });
});

describe('readAnthropicEvent', () => {
  const start = (usage: Record<string, number | null>): RawMessageStreamEvent =>
    ({ type: 'message_start', message: { usage } }) as unknown as RawMessageStreamEvent;

  it('reports input tokens (cache reads and writes included) from message_start, not its placeholder output', () => {
    const reading = readAnthropicEvent(start({ input_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 2, output_tokens: 1 }));
    assert.deepEqual(reading.events, [{ type: 'usage', inputTokens: 17 }]);
  });

  it('reads text and thinking deltas and ignores signature deltas', () => {
    const delta = (d: Record<string, string>): RawMessageStreamEvent =>
      ({ type: 'content_block_delta', index: 0, delta: d }) as unknown as RawMessageStreamEvent;
    assert.deepEqual(readAnthropicEvent(delta({ type: 'text_delta', text: 'a' })).events, [{ type: 'text', text: 'a' }]);
    assert.deepEqual(readAnthropicEvent(delta({ type: 'thinking_delta', thinking: 't' })).events, [{ type: 'reasoning', text: 't' }]);
    assert.deepEqual(readAnthropicEvent(delta({ type: 'signature_delta', signature: 's' })).events, []);
  });

  it('reads the cumulative output, thinking tokens and stop reason from message_delta, and message_stop as the end', () => {
    const messageDelta = {
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: { output_tokens: 99, output_tokens_details: { thinking_tokens: 40 } },
    } as unknown as RawMessageStreamEvent;
    assert.deepEqual(readAnthropicEvent(messageDelta), {
      events: [{ type: 'usage', outputTokens: 99, reasoningTokens: 40 }],
      stopReason: 'max_tokens',
    });
    assert.deepEqual(readAnthropicEvent({ type: 'message_stop' }), { events: [], stopped: true });
  });
});

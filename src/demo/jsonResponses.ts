/**
 * `stream: false` (or no `stream` field, as the real APIs default): one JSON response with the whole answer, as
 * promptfoo and some proxies ask for. It is sent when the scripted stream would have finished: after the
 * first-token delay and one token gap per further token, so a non-streaming client sees the same total time.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promptChars as anthropicPromptChars, type AnthropicRequestBody } from './anthropicWire';
import { answerTokens, plannedUsage, splitIntoTokens, type FakeScript } from './fakeScript';
import { openaiUsage, promptChars as openaiPromptChars, type OpenAIRequestBody } from './openaiWire';
import { waitMs } from './sseStreamer';

/** Whether a chat request asks for a single JSON response instead of a stream. */
export function wantsJson(body: { stream?: unknown }): boolean {
  return body.stream !== true;
}

export function openaiCompletionBody(body: OpenAIRequestBody, script: FakeScript): string {
  const answer = answerTokens(script);
  const reasoning = script.reasoning ? splitIntoTokens(script.reasoning) : [];
  const usage = plannedUsage(script, openaiPromptChars(body), answer.length, reasoning.length);
  return JSON.stringify({
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: typeof body.model === 'string' ? body.model : 'unknown',
    system_fingerprint: 'fp_parallax',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.join(''), refusal: null, ...(reasoning.length > 0 ? { reasoning_content: reasoning.join('') } : {}) },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    ...(usage ? { usage: openaiUsage(usage) } : {}),
  });
}

export function anthropicMessageBody(body: AnthropicRequestBody, script: FakeScript): string {
  const answer = answerTokens(script);
  const thinkingOn = typeof body.thinking === 'object' && body.thinking !== null && (body.thinking as { type?: unknown }).type === 'enabled';
  const reasoning = thinkingOn && script.reasoning ? script.reasoning : '';
  const usage = plannedUsage(script, anthropicPromptChars(body), answer.length, reasoning ? splitIntoTokens(reasoning).length : 0);
  return JSON.stringify({
    id: `msg_${randomUUID().replaceAll('-', '')}`,
    type: 'message',
    role: 'assistant',
    model: typeof body.model === 'string' ? body.model : 'unknown',
    content: [
      ...(reasoning ? [{ type: 'thinking', thinking: reasoning, signature: 'ZmFrZS1zaWduYXR1cmU=' }] : []),
      { type: 'text', text: answer.join('') },
    ],
    stop_reason: 'end_turn',
    stop_sequence: null,
    ...(usage ? { usage: { input_tokens: usage.input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: usage.output } } : {}),
  });
}

/** Waits as long as the scripted stream would take after its headers, then sends `json` (unless aborted). */
export async function sendWhenGenerated(res: ServerResponse, script: FakeScript, json: string, signal: AbortSignal, headers: Record<string, string>): Promise<void> {
  const tokens = answerTokens(script).length + (script.reasoning ? splitIntoTokens(script.reasoning).length : 0);
  const gapMs = script.tokensPerSecond && script.tokensPerSecond > 0 ? 1000 / script.tokensPerSecond : 0;
  await waitMs((script.firstTokenDelayMs ?? 0) + Math.max(0, tokens - 1) * gapMs, signal);
  if (signal.aborted) return;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

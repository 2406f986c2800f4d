/**
 * Anthropic messages wire format: the SSE events, error bodies and model list the real API sends.
 */
import { randomUUID } from 'node:crypto';
import type { SseFrame, SsePlan } from './sseStreamer';
import { answerTokens, plannedUsage, splitIntoTokens, type FakeScript } from './fakeScript';

export interface AnthropicRequestBody {
  model?: unknown;
  system?: unknown;
  messages?: unknown;
  thinking?: unknown;
  stream?: unknown;
}

const ERROR_TYPES: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  403: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit.' },
  500: { type: 'api_error', message: 'Internal server error' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

const requestId = (): string => `req_${randomUUID().replaceAll('-', '')}`;

export function anthropicErrorBody(status: number, message?: string): string {
  const known = ERROR_TYPES[status] ?? (status >= 500 ? ERROR_TYPES[500] : ERROR_TYPES[400]);
  return JSON.stringify({
    type: 'error',
    error: { type: known?.type ?? 'api_error', message: message ?? known?.message ?? 'Error.' },
    request_id: requestId(),
  });
}

export function anthropicModelsBody(models: string[]): string {
  const createdAt = new Date().toISOString();
  return JSON.stringify({
    data: models.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models[models.length - 1] ?? null,
  });
}

export function promptChars(body: AnthropicRequestBody): number {
  const system = typeof body.system === 'string' ? body.system.length : 0;
  if (!Array.isArray(body.messages)) return system;
  return body.messages.reduce<number>((sum, m: { content?: unknown }) => sum + (typeof m.content === 'string' ? m.content.length : 0), system);
}

/** One SSE event as the API frames it: the event name, and the same name as the payload's `type`. */
export const anthropicEvent = (type: string, payload: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
const event = anthropicEvent;

/** One content block: start, its token deltas, optional closing deltas, stop. */
export function contentBlock(index: number, start: Record<string, unknown>, deltas: SseFrame[], closing: string[] = []): SseFrame[] {
  return [
    { sse: event('content_block_start', { index, content_block: start }), token: false },
    ...deltas,
    ...closing.map((sse) => ({ sse, token: false })),
    { sse: event('content_block_stop', { index }), token: false },
  ];
}

export function anthropicStreamPlan(body: AnthropicRequestBody, script: FakeScript): SsePlan {
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const thinkingOn = typeof body.thinking === 'object' && body.thinking !== null && (body.thinking as { type?: unknown }).type === 'enabled';
  const reasoning = thinkingOn && script.reasoning ? splitIntoTokens(script.reasoning) : [];
  const answer = answerTokens(script);
  const usage = plannedUsage(script, promptChars(body), answer.length, reasoning.length);

  const frames: SseFrame[] = [];
  if (reasoning.length > 0) {
    const deltas = reasoning.map((thinking) => ({
      sse: event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking } }),
      token: true,
    }));
    const signature = event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'ZmFrZS1zaWduYXR1cmU=' } });
    frames.push(...contentBlock(0, { type: 'thinking', thinking: '', signature: '' }, deltas, [signature]));
  }
  const textIndex = reasoning.length > 0 ? 1 : 0;
  const textDeltas = answer.map((text) => ({
    sse: event('content_block_delta', { index: textIndex, delta: { type: 'text_delta', text } }),
    token: true,
  }));
  frames.push(...contentBlock(textIndex, { type: 'text', text: '' }, textDeltas));

  // output_tokens is cumulative (it includes thinking); thinking_tokens is its reasoning share.
  const details = usage && usage.reasoning > 0 ? { output_tokens_details: { thinking_tokens: usage.reasoning } } : {};
  return anthropicMessagePlan(model, frames, 'end_turn', usage && { input: usage.input, output: usage.output, details });
}

/**
 * A whole streamed message around its content blocks: message_start (with a placeholder output count that
 * message_delta overwrites, like the real API), ping, the blocks, message_delta with the stop reason and usage,
 * message_stop; an in-band `error` event for a failure mid-stream.
 */
export function anthropicMessagePlan(
  model: string,
  frames: SseFrame[],
  stopReason: 'end_turn' | 'tool_use',
  usage: { input: number; output: number; details?: Record<string, unknown> } | undefined,
): SsePlan {
  const message = {
    id: `msg_${randomUUID().replaceAll('-', '')}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    ...(usage ? { usage: { input_tokens: usage.input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 } } : {}),
  };
  return {
    head: [event('message_start', { message }), event('ping', {})],
    body: frames,
    tail: [
      event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, ...(usage ? { usage: { output_tokens: usage.output, ...usage.details } } : {}) }),
      event('message_stop', {}),
    ],
    inBandError: event('error', { error: { type: 'overloaded_error', message: 'Overloaded' } }),
  };
}

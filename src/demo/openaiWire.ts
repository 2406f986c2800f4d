/**
 * OpenAI chat-completions wire format: the SSE chunks, error bodies and model list the real API sends.
 */
import { randomUUID } from 'node:crypto';
import type { SseFrame, SsePlan } from './sseStreamer';
import { answerTokens, plannedUsage, splitIntoTokens, type FakeScript } from './fakeScript';

export interface OpenAIRequestBody {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Access denied.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist or you do not have access to it.' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached for requests.' },
  500: { type: 'server_error', code: null, message: 'The server had an error while processing your request.' },
};

export function openaiErrorBody(status: number, message?: string): string {
  const known = ERROR_TYPES[status] ?? (status >= 500 ? ERROR_TYPES[500] : ERROR_TYPES[400]);
  return JSON.stringify({
    error: { message: message ?? known?.message ?? 'Error.', type: known?.type ?? 'error', param: null, code: known?.code ?? null },
  });
}

export function openaiModelsBody(models: string[]): string {
  const created = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    object: 'list',
    data: models.map((id) => ({ id, object: 'model', created, owned_by: 'parallax-fake' })),
  });
}

/** Ollama's `GET /api/tags` body (Ollama serves the OpenAI protocol under /v1 and lists its models here too). */
export function ollamaTagsBody(models: string[]): string {
  const modifiedAt = new Date().toISOString();
  return JSON.stringify({ models: models.map((name) => ({ name, model: name, modified_at: modifiedAt, size: 0, digest: '', details: {} })) });
}

/** The `usage` object of a chat completion (streamed in the last chunk, or in a whole JSON response). */
export function openaiUsage(usage: { input: number; output: number; reasoning?: number | undefined }): Record<string, unknown> {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

/** Characters of prompt text in a chat-completions body, for default usage counts. */
export function promptChars(body: OpenAIRequestBody): number {
  if (!Array.isArray(body.messages)) return 0;
  return body.messages.reduce<number>((sum, m: { content?: unknown }) => sum + (typeof m.content === 'string' ? m.content.length : 0), 0);
}

const data = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;

export function openaiStreamPlan(body: OpenAIRequestBody, script: FakeScript): SsePlan {
  const includeUsage = body.stream_options?.include_usage === true;
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const base = {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: 'fp_parallax',
  };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    data({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });

  const reasoning = script.reasoning ? splitIntoTokens(script.reasoning) : [];
  const answer = answerTokens(script);
  const bodyFrames: SseFrame[] = [
    ...reasoning.map((t) => ({ sse: chunk({ reasoning_content: t }), token: true })),
    ...answer.map((t) => ({ sse: chunk({ content: t }), token: true })),
  ];

  const usage = plannedUsage(script, promptChars(body), answer.length, reasoning.length);
  const tail = [chunk({}, 'stop')];
  if (includeUsage && usage) {
    tail.push(
      data({
        ...base,
        choices: [],
        usage: openaiUsage(usage),
      }),
    );
  }
  tail.push('data: [DONE]\n\n');

  return {
    head: [chunk({ role: 'assistant', content: '' })],
    body: bodyFrames,
    tail,
    inBandError: data({
      error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null },
    }),
  };
}

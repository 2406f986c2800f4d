/**
 * Pure conversions between our provider vocabulary and the OpenAI chat-completions API (types only from the SDK).
 */
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ProviderRequest, StreamEvent } from './provider';

/** `openai` talks to api.openai.com; `openai-compatible` to any server implementing the same API. */
export type OpenAIFlavor = 'openai' | 'openai-compatible';

export function toOpenAIMessages(request: ProviderRequest): ChatCompletionMessageParam[] {
  const system: ChatCompletionMessageParam[] = request.system ? [{ role: 'system', content: request.system }] : [];
  return [...system, ...request.messages.map((m): ChatCompletionMessageParam => ({ role: m.role, content: m.content }))];
}

export function toOpenAIParams(request: ProviderRequest, flavor: OpenAIFlavor): ChatCompletionCreateParamsStreaming {
  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: toOpenAIMessages(request),
    stream: true,
  };
  if (request.includeUsage !== false) params.stream_options = { include_usage: true };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxTokens !== undefined) {
    // OpenAI deprecated max_tokens (reasoning models refuse it); compatible servers mostly know only max_tokens.
    if (flavor === 'openai') params.max_completion_tokens = request.maxTokens;
    else params.max_tokens = request.maxTokens;
  }
  if (request.reasoning && request.reasoning !== 'off') params.reasoning_effort = request.reasoning;
  return params;
}

export interface OpenAIChunkReading {
  events: StreamEvent[];
  finishReason?: string;
}

/** Non-standard reasoning fields some compatible servers add to the delta (DeepSeek, vLLM, Ollama...). */
interface ReasoningDelta {
  reasoning_content?: unknown;
  reasoning?: unknown;
}

export function readOpenAIChunk(chunk: ChatCompletionChunk): OpenAIChunkReading {
  const events: StreamEvent[] = [];
  let finishReason: string | undefined;
  for (const choice of chunk.choices ?? []) {
    if (choice.index !== 0) continue;
    const delta = (choice.delta ?? {}) as ChatCompletionChunk.Choice.Delta & ReasoningDelta;
    const reasoning = typeof delta.reasoning_content === 'string' ? delta.reasoning_content : delta.reasoning;
    if (typeof reasoning === 'string' && reasoning !== '') events.push({ type: 'reasoning', text: reasoning });
    if (typeof delta.content === 'string' && delta.content !== '') events.push({ type: 'text', text: delta.content });
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  const usage = chunk.usage;
  if (usage) {
    const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens;
    events.push({
      type: 'usage',
      inputTokens: usage.prompt_tokens,
      outputTokens: usage.completion_tokens,
      ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}),
    });
  }
  return finishReason !== undefined ? { events, finishReason } : { events };
}

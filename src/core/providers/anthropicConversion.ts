/**
 * Pure conversions between our provider vocabulary and the Anthropic messages API (types only from the SDK).
 */
import type {
  MessageCreateParamsStreaming,
  RawMessageStreamEvent,
} from '@anthropic-ai/sdk/resources/messages/messages';
import type { ReasoningEffort, ProviderRequest, StreamEvent } from './provider';

/** `max_tokens` is required by the API; this is used when the request sets none. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Extended-thinking budget per effort (the API's minimum budget is 1024). */
export const THINKING_BUDGET: Record<Exclude<ReasoningEffort, 'off'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16000,
};

export interface AnthropicParamOptions {
  /**
   * Send `temperature`. Off for the official API: version 2026-10-21 (sent by @anthropic-ai/sdk 1.x) rejects
   * sampling parameters, and the SDK no longer types them. On for Anthropic-compatible servers, which honour it
   * (see endpoints.ts `sendsTemperature`).
   */
  temperature?: boolean;
}

/**
 * With thinking on, `budget_tokens` must be below `max_tokens`, so `maxTokens` bounds the answer and the
 * thinking budget comes on top of it.
 */
export function toAnthropicParams(request: ProviderRequest, options: AnthropicParamOptions = {}): MessageCreateParamsStreaming {
  const answerTokens = request.maxTokens ?? DEFAULT_MAX_TOKENS;
  const params: MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: answerTokens,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
  };
  if (request.system) params.system = request.system;
  if (options.temperature && request.temperature !== undefined) {
    // Untyped in SDK 1.x (the official API refuses it); compatible servers read it.
    (params as MessageCreateParamsStreaming & { temperature?: number }).temperature = request.temperature;
  }
  if (request.reasoning && request.reasoning !== 'off') {
    const budget = THINKING_BUDGET[request.reasoning];
    params.thinking = { type: 'enabled', budget_tokens: budget };
    params.max_tokens = budget + answerTokens;
  }
  return params;
}

export interface AnthropicEventReading {
  events: StreamEvent[];
  /** From `message_delta`. */
  stopReason?: string;
  /** True for `message_stop`, the stream's terminal event. */
  stopped?: boolean;
}

/** Prompt tokens: uncached input plus the cache writes and reads, when reported. */
function inputTotal(usage: { input_tokens: number | null; cache_creation_input_tokens: number | null; cache_read_input_tokens: number | null }): number | undefined {
  if (usage.input_tokens === null || usage.input_tokens === undefined) return undefined;
  return usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

export function readAnthropicEvent(event: RawMessageStreamEvent): AnthropicEventReading {
  switch (event.type) {
    case 'message_start': {
      // Its output_tokens is a placeholder that message_delta overwrites, so only the input is reported here.
      const usage = event.message.usage as typeof event.message.usage | undefined;
      const inputTokens = usage ? inputTotal(usage) : undefined;
      return { events: inputTokens !== undefined ? [{ type: 'usage', inputTokens }] : [] };
    }
    case 'content_block_delta': {
      const delta = event.delta;
      if (delta.type === 'text_delta' && delta.text !== '') return { events: [{ type: 'text', text: delta.text }] };
      if (delta.type === 'thinking_delta' && delta.thinking !== '') return { events: [{ type: 'reasoning', text: delta.thinking }] };
      return { events: [] };
    }
    case 'message_delta': {
      const usage = event.usage as typeof event.usage | undefined;
      const stop = event.delta.stop_reason ? { stopReason: event.delta.stop_reason } : {};
      if (!usage) return { events: [], ...stop };
      const inputTokens = inputTotal(usage);
      const reasoningTokens = usage.output_tokens_details?.thinking_tokens;
      const usageEvent: StreamEvent = {
        type: 'usage',
        outputTokens: usage.output_tokens,
        ...(inputTokens !== undefined ? { inputTokens } : {}),
        ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}),
      };
      return { events: [usageEvent], ...stop };
    }
    case 'message_stop':
      return { events: [], stopped: true };
    default:
      return { events: [] };
  }
}

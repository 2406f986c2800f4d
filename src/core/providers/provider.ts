/**
 * The one narrow interface every model provider implements.
 * Pure TypeScript: no `vscode` import anywhere under src/core.
 */
import type { RequestSentHook } from './requestSentClock';

export type ProviderKind = 'openai' | 'anthropic' | 'openai-compatible' | 'vscode-lm' | 'agent';

/** Inference-time compute. `off` means no reasoning parameter is sent. */
export type ReasoningEffort = 'off' | 'minimal' | 'low' | 'medium' | 'high';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ProviderRequest {
  /** Provider-side model id, e.g. "gpt-4.1" or "claude-sonnet-4-5". */
  model: string;
  system?: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  reasoning?: ReasoningEffort;
  /** OpenAI-compatible only: send `stream_options.include_usage` (some servers reject it). Default true. */
  includeUsage?: boolean;
}

/** Why a provider call failed, in words a UI can act on. */
export type ProviderErrorKind =
  | 'auth'
  | 'permission'
  | 'not-found'
  | 'rate-limit'
  | 'network'
  | 'timeout'
  | 'server'
  | 'bad-request'
  | 'cancelled'
  | 'unknown';

export type StreamEvent =
  /**
   * `receivedAt` (epoch ms, on the first text or reasoning only, when the provider can tell): when the bytes that
   * carried it arrived, which can be earlier than when the event is handed on. The engine's TTFT stops there.
   */
  | { type: 'text'; text: string; receivedAt?: number }
  /** Reasoning / thinking text, streamed apart from the answer so a UI can fold it. */
  | { type: 'reasoning'; text: string; receivedAt?: number }
  /**
   * Token usage as the provider reports it. Values are absolute (not increments): a later usage event
   * overwrites the fields it carries.
   */
  | { type: 'usage'; inputTokens?: number; outputTokens?: number; reasoningTokens?: number }
  /** The provider's terminal event arrived (finish_reason / message_stop). */
  | { type: 'done'; finishReason: string }
  | { type: 'error'; kind: ProviderErrorKind; message: string; status?: number; retryAfterMs?: number };

export interface ChatProvider {
  /**
   * Optional: loads what a first request needs (a lazily imported SDK, a client) before the request is timed.
   * The compare engine awaits it before it starts the TTFT clock and the first-token watchdog, so our own load
   * time is never counted against the model nor able to time it out (the total watchdog and cancel still apply).
   * It never rejects: a failure to load is reported by `stream()` as an `error` event.
   */
  prepare?(signal: AbortSignal): Promise<void>;
  /**
   * Streams one completion. The iterable ends after a `done` or `error` event; if it ends with neither,
   * the stream was incomplete. Aborting `signal` must end the iteration promptly.
   * Implementations never throw from the iterator: failures become `error` events.
   * `onSent`, when given, is called the moment the request is handed to the network (again on an SDK retry), with
   * that moment (epoch ms, the clock of compare/preciseClock.ts) when it was earlier than the call.
   */
  stream(request: ProviderRequest, signal: AbortSignal, onSent?: RequestSentHook): AsyncIterable<StreamEvent>;
}

/**
 * Builds the ChatProvider for a configured provider kind. The SDKs load lazily, on the first stream call.
 */
import { AnthropicProvider } from './anthropicProvider';
import { OpenAIProvider } from './openaiProvider';
import type { ChatProvider, ProviderErrorKind, StreamEvent } from './provider';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, RETRY_AFTER_CEILING_MS, type SdkClientConfig } from './sdkClientConfig';

export type SdkProviderKind = 'openai' | 'anthropic' | 'openai-compatible';

export interface ProviderOptions {
  kind: SdkProviderKind;
  /** Required for `openai` and `anthropic`; optional for compatible servers (local ones need none). */
  apiKey?: string;
  /** Required for `openai-compatible`; overrides the SDK default otherwise. */
  baseUrl?: string;
  headers?: Record<string, string>;
  /** SDK retries (default 2). */
  maxRetries?: number;
  /** SDK timeout per attempt, up to the response headers (default 60 s). */
  timeoutMs?: number;
}

/** Sent as the key to compatible servers that need none: the SDK refuses to build a client without one. */
const NO_KEY_PLACEHOLDER = 'no-key';

/** A provider that cannot be called as configured: every stream is this one error. */
class MisconfiguredProvider implements ChatProvider {
  constructor(
    private readonly kind: ProviderErrorKind,
    private readonly message: string,
  ) {}

  async *stream(): AsyncIterable<StreamEvent> {
    yield { type: 'error', kind: this.kind, message: this.message };
  }
}

export function createProvider(opts: ProviderOptions): ChatProvider {
  const apiKey = opts.apiKey?.trim();
  if (!apiKey && opts.kind !== 'openai-compatible') {
    return new MisconfiguredProvider('auth', `No API key is set for ${opts.kind === 'openai' ? 'OpenAI' : 'Anthropic'}.`);
  }
  if (opts.kind === 'openai-compatible' && !opts.baseUrl) {
    return new MisconfiguredProvider('bad-request', 'No base URL is set for this OpenAI-compatible provider.');
  }
  const config: SdkClientConfig = {
    apiKey: apiKey || NO_KEY_PLACEHOLDER,
    maxRetries: opts.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryAfterCeilingMs: RETRY_AFTER_CEILING_MS,
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.headers ? { headers: opts.headers } : {}),
  };
  return opts.kind === 'anthropic' ? new AnthropicProvider(config) : new OpenAIProvider(config, opts.kind);
}

/**
 * Builds the ChatProvider for a configured provider kind. The SDKs load lazily, on the first stream call.
 */
import { AnthropicProvider } from './anthropicProvider';
import { OpenAIProvider } from './openaiProvider';
import type { ChatProvider, ProviderErrorKind, StreamEvent } from './provider';
import { OFFICIAL_BASE_URLS, urlHasCredentials } from './endpoints';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, RETRY_AFTER_CEILING_MS, type SdkClientConfig } from './sdkClientConfig';

export type SdkProviderKind = 'openai' | 'anthropic' | 'openai-compatible';

export interface ProviderOptions {
  kind: SdkProviderKind;
  /** Required for `openai` and `anthropic`; optional for compatible servers (local ones need none). */
  apiKey?: string;
  /**
   * Required for `openai-compatible`. For `openai` and `anthropic`, none means the official API, whose URL is
   * then passed explicitly (the SDK never reads `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL`).
   */
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


/** Headers whose values are never secret, so error messages keep them (e.g. OpenRouter's `X-Title: Parallax`). */
const PUBLIC_HEADERS = new Set(['x-title', 'http-referer', 'referer', 'user-agent', 'accept', 'content-type', 'anthropic-version', 'anthropic-beta', 'openai-beta']);

/** What must never appear in an error message: the key, and the values of configured custom headers. */
function errorSecrets(apiKey: string | undefined, headers: Record<string, string> | undefined): string[] {
  const values = Object.entries(headers ?? {})
    .filter(([name]) => !PUBLIC_HEADERS.has(name.toLowerCase()))
    .flatMap(([, value]) => [value, value.replace(/^(?:Bearer|Basic)\s+/i, '')]);
  return [...(apiKey ? [apiKey] : []), ...values].filter((v) => v.trim() !== '');
}

export function createProvider(opts: ProviderOptions): ChatProvider {
  const apiKey = opts.apiKey?.trim();
  if (!apiKey && opts.kind !== 'openai-compatible') {
    return new MisconfiguredProvider('auth', `No API key is set for ${opts.kind === 'openai' ? 'OpenAI' : 'Anthropic'}.`);
  }
  if (opts.kind === 'openai-compatible' && !opts.baseUrl) {
    return new MisconfiguredProvider('bad-request', 'No base URL is set for this OpenAI-compatible provider.');
  }
  if (opts.baseUrl && urlHasCredentials(opts.baseUrl)) {
    return new MisconfiguredProvider('bad-request', 'The base URL contains a user name or password ("user:pass@"); remove it and keep the key in the secret store.');
  }
  const baseUrl = opts.baseUrl ?? OFFICIAL_BASE_URLS[opts.kind === 'anthropic' ? 'anthropic' : 'openai'];
  const config: SdkClientConfig = {
    apiKey: apiKey || NO_KEY_PLACEHOLDER,
    baseUrl,
    maxRetries: opts.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryAfterCeilingMs: RETRY_AFTER_CEILING_MS,
    ...(opts.headers ? { headers: opts.headers } : {}),
    secrets: errorSecrets(apiKey, opts.headers),
  };
  return opts.kind === 'anthropic' ? new AnthropicProvider(config) : new OpenAIProvider(config, opts.kind);
}

/**
 * What both SDK adapters need to build their client, with the defaults the factory fills in, and the lazy loading
 * they share.
 */
import type { SdkErrorClasses } from './providerErrors';
import { withBoundedErrorBodies } from './errorBodies';
import { withRequestClock } from './requestSentClock';
import { withRetryAfterCeiling } from './retryAfter';

export interface SdkClientConfig {
  apiKey: string;
  /**
   * Always set (the factory fills in the official URL), so the SDK never reads `OPENAI_BASE_URL` /
   * `ANTHROPIC_BASE_URL` from the environment.
   */
  baseUrl: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Removed from every error message: the API key and the values of non-public custom headers. */
  secrets: readonly string[];
  /** SDK retries on connection errors, 408, 409, 429 and 5xx. */
  maxRetries: number;
  /** SDK timeout per attempt; it only covers the wait for the response headers. */
  timeoutMs: number;
  /** A Retry-After longer than this is not waited for: the call fails with a `rate-limit` error instead. */
  retryAfterCeilingMs: number;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const RETRY_AFTER_CEILING_MS = 20_000;

/**
 * The constructor options both SDKs take, built the same way for each. Everything an SDK would otherwise take
 * from the environment is passed explicitly (`null` keeps a variable unread): the base URL, the organization and
 * project (openai), the auth token (anthropic).
 */
export function sdkClientOptions(config: SdkClientConfig) {
  return {
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    defaultHeaders: config.headers,
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
    logLevel: 'warn' as const,
    fetch: withRequestClock(withBoundedErrorBodies(withRetryAfterCeiling(globalThis.fetch, config.retryAfterCeilingMs))),
  };
}

/**
 * Environment variables the SDKs read in their constructors that could send a request, a header or a credential
 * somewhere the settings do not say: they are hidden while a client is built (see {@link withoutSdkEnvironment}).
 */
export const SDK_ENVIRONMENT_VARIABLES = [
  'OPENAI_BASE_URL',
  'OPENAI_ORG_ID',
  'OPENAI_PROJECT_ID',
  'OPENAI_CUSTOM_HEADERS',
  'OPENAI_ADMIN_KEY',
  'OPENAI_LOG',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_CUSTOM_HEADERS',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_LOG',
] as const;

/**
 * Builds a client with the SDK environment variables hidden. Explicit options already win over most of them, but
 * `ANTHROPIC_CUSTOM_HEADERS` / `OPENAI_CUSTOM_HEADERS` are merged into every request whatever is passed. The
 * constructors read the environment synchronously, so nothing else runs while the variables are hidden.
 */
export function withoutSdkEnvironment<T>(build: () => T, env: NodeJS.ProcessEnv = process.env): T {
  const saved = new Map<string, string>();
  for (const name of SDK_ENVIRONMENT_VARIABLES) {
    const value = env[name];
    if (value !== undefined) {
      saved.set(name, value);
      delete env[name];
    }
  }
  try {
    return build();
  } finally {
    for (const [name, value] of saved) env[name] = value;
  }
}

export interface LoadedSdk<Client> {
  client: Client;
  errors: SdkErrorClasses;
}

/**
 * An SDK client imported and built on first use (or `prepare()`), once, so loading an adapter costs nothing at
 * extension activation. `errors` is known once the load has finished, for mapping failures.
 */
export class LazySdkClient<Client> {
  private loaded: Promise<LoadedSdk<Client>> | undefined;
  errors: SdkErrorClasses | undefined;

  constructor(private readonly loader: () => Promise<LoadedSdk<Client>>) {}

  load(): Promise<LoadedSdk<Client>> {
    this.loaded ??= this.loader().then((loaded) => {
      this.errors = loaded.errors;
      return loaded;
    });
    return this.loaded;
  }

  /** Loads ahead of the first request; never rejects (stream() reports a load failure, awaiting the same promise). */
  prepare(): Promise<void> {
    return this.load().then(
      () => undefined,
      () => undefined,
    );
  }
}

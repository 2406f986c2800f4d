/**
 * What both SDK adapters need to build their client, with the defaults the factory fills in, and the lazy loading
 * they share.
 */
import type { SdkErrorClasses } from './providerErrors';
import { withRetryAfterCeiling } from './retryAfter';

export interface SdkClientConfig {
  apiKey: string;
  /** Overrides the SDK's default endpoint (the compatible presets, the fakes). */
  baseUrl?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
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

/** The constructor options both SDKs take, built the same way for each. */
export function sdkClientOptions(config: SdkClientConfig) {
  return {
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    defaultHeaders: config.headers,
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
    fetch: withRetryAfterCeiling(globalThis.fetch, config.retryAfterCeilingMs),
  };
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

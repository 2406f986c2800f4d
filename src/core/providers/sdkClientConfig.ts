/**
 * What both SDK adapters need to build their client, with the defaults the factory fills in.
 */

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

/**
 * Retry-After handling shared by both SDK adapters: reading the wait a server asks for, and a fetch wrapper
 * that stops the SDK from honouring waits longer than our ceiling (the SDKs would sleep for any value).
 */

export interface HeaderReader {
  get(name: string): string | null;
}

/** The wait a response asks for through `retry-after-ms` or `retry-after` (seconds or HTTP date), in ms. */
export function retryAfterMs(headers: HeaderReader | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/**
 * Wraps `fetch` so an error response that asks to wait longer than `ceilingMs` carries `x-should-retry: false`.
 * Both SDKs obey that header, so the call fails at once with the status and the original Retry-After, which the
 * error mapping turns into a `rate-limit` error with `retryAfterMs`.
 */
export function withRetryAfterCeiling(fetchImpl: typeof fetch, ceilingMs: number): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const wait = retryAfterMs(response.headers);
    if (response.ok || wait === undefined || wait <= ceilingMs) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

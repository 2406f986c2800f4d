/**
 * Which queue a model's requests wait in, and how many may be in flight there: one queue per endpoint origin (two
 * entries of one provider share it), local servers (which usually serve one request at a time well) get a smaller
 * limit than hosted APIs.
 */
import { effectiveBaseUrl, type EndpointEntry, originOf } from '../providers/endpoints';

export interface ConcurrencyLimits {
  /** Requests in flight at once to one hosted provider (endpoint origin). */
  concurrencyPerProvider: number;
  /** Requests in flight at once to one server on this machine (localhost, 127.0.0.1, ::1). */
  concurrencyLocal: number;
}

export const DEFAULT_CONCURRENCY: ConcurrencyLimits = { concurrencyPerProvider: 8, concurrencyLocal: 8 };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/** The endpoint a model entry's requests go to: its base URL's origin, else the provider kind (`vscode-lm`). */
export function limitKeyOf(entry: EndpointEntry): string {
  return originOf(effectiveBaseUrl(entry)) ?? entry.provider;
}

/** True when the key names a server on this machine. */
export function isLocalKey(key: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(key).hostname);
  } catch {
    return false;
  }
}

/** How many requests may be in flight to `key` at once. */
export function concurrencyFor(key: string, limits: { [K in keyof ConcurrencyLimits]?: number | undefined } = {}): number {
  const local = limits.concurrencyLocal ?? DEFAULT_CONCURRENCY.concurrencyLocal;
  const hosted = limits.concurrencyPerProvider ?? DEFAULT_CONCURRENCY.concurrencyPerProvider;
  return Math.max(1, isLocalKey(key) ? local : hosted);
}

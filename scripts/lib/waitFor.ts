/** Condition waits for the e2e harness and the code-server helpers: poll a probe until it yields a value, never a fixed sleep. */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** What is awaited, for the timeout message; a function is asked at the timeout (to report what was last seen). */
  what: string | (() => string);
  timeoutMs?: number;
  intervalMs?: number;
}

/** Resolves with the first value of `probe` that is neither undefined, null nor false; rejects after the timeout. */
export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, opts: WaitOptions): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const what = typeof opts.what === 'function' ? opts.what() : opts.what;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await delay(opts.intervalMs ?? 100);
  }
}

/** Waits until `path` exists and `parse` accepts its content (a half-written file is retried). */
export function waitForFile<T = string>(path: string, opts: Partial<WaitOptions> & { parse?: (text: string) => T } = {}): Promise<T> {
  const parse = opts.parse ?? ((text: string) => text as T);
  return waitFor(() => (existsSync(path) ? parse(readFileSync(path, 'utf8')) : undefined), {
    what: opts.what ?? `file ${path}`,
    timeoutMs: opts.timeoutMs ?? 30_000,
    intervalMs: opts.intervalMs ?? 100,
  });
}

/** JSON.parse for waitForFile: throws on a partial write so the wait retries. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

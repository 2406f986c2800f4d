/**
 * Politeness towards providers: at most N requests in flight per endpoint (a provider's origin), in the order they
 * asked, and a rate-limit answer (429 with Retry-After) pauses that endpoint's queue so the samples still waiting are
 * not sent into the same wall. Pure TypeScript with an injectable clock, so the queueing is unit-tested with a fake one.
 *
 *   const release = await limiter.acquire('https://api.openai.com', signal);
 *   try { ...send... } finally { release(); }
 *   limiter.pause('https://api.openai.com', 5_000);   // the server asked to wait
 */

export interface LimiterClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: LimiterClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Lets go of a slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  fail: (error: Error) => void;
}

interface EndpointQueue {
  active: number;
  /** Most requests in flight at the same moment, so far (for tests and the bench). */
  peak: number;
  waiting: Waiter[];
  pausedUntil: number;
  timer?: unknown;
}

/** Thrown by `acquire` when its signal aborts while it waits. */
export class SlotAbortedError extends Error {
  constructor() {
    super('Stopped while waiting for the provider.');
    this.name = 'SlotAbortedError';
  }
}

export class ProviderLimiter {
  private readonly queues = new Map<string, EndpointQueue>();

  /** `limitOf(key)`: how many requests may be in flight at once to that endpoint (at least 1). */
  constructor(
    private readonly limitOf: (key: string) => number,
    private readonly clock: LimiterClock = realClock,
  ) {}

  /** Waits for a slot on `key`, first come first served. Rejects with {@link SlotAbortedError} if `signal` aborts first. */
  acquire(key: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(new SlotAbortedError());
    const queue = this.queue(key);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = (): void => {
        const i = queue.waiting.indexOf(waiter);
        if (i >= 0) queue.waiting.splice(i, 1);
        reject(new SlotAbortedError());
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiting.push(waiter);
      this.pump(key, queue);
    });
  }

  /** No new request goes to `key` for `ms` (a longer pause already in place is kept). */
  pause(key: string, ms: number): void {
    if (!(ms > 0)) return;
    const queue = this.queue(key);
    queue.pausedUntil = Math.max(queue.pausedUntil, this.clock.now() + ms);
    if (queue.timer !== undefined) {
      this.clock.clearTimeout(queue.timer);
      delete queue.timer;
    }
    this.pump(key, queue);
  }

  /** Requests in flight to `key` now. */
  active(key: string): number {
    return this.queues.get(key)?.active ?? 0;
  }

  /** The most requests that were in flight to `key` at once. */
  peak(key: string): number {
    return this.queues.get(key)?.peak ?? 0;
  }

  /** Requests waiting for a slot on `key`. */
  waiting(key: string): number {
    return this.queues.get(key)?.waiting.length ?? 0;
  }

  private queue(key: string): EndpointQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { active: 0, peak: 0, waiting: [], pausedUntil: 0 };
      this.queues.set(key, queue);
    }
    return queue;
  }

  private pump(key: string, queue: EndpointQueue): void {
    const wait = queue.pausedUntil - this.clock.now();
    if (wait > 0) {
      if (queue.waiting.length > 0 && queue.timer === undefined) {
        queue.timer = this.clock.setTimeout(() => {
          delete queue.timer;
          this.pump(key, queue);
        }, wait);
      }
      return;
    }
    const limit = Math.max(1, Math.floor(this.limitOf(key)));
    while (queue.active < limit && queue.waiting.length > 0) {
      const waiter = queue.waiting.shift();
      if (!waiter) break;
      queue.active += 1;
      queue.peak = Math.max(queue.peak, queue.active);
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        queue.active -= 1;
        this.pump(key, queue);
      });
    }
  }
}

/**
 * Small in-process ChatProviders for engine tests (no SDK involved): each gives the test exact control over
 * what is streamed and when.
 */
import type { ChatProvider, ProviderRequest, StreamEvent } from '../../../src/core/providers/provider';

/** A provider the test drives by hand: push events, then end, throw, or leave it hanging. */
export class ManualProvider implements ChatProvider {
  signal: AbortSignal | undefined;
  request: ProviderRequest | undefined;
  private readonly queue: Array<{ event?: StreamEvent; end?: true; error?: Error }> = [];
  private wake: (() => void) | undefined;
  private readonly startedWaiters: Array<() => void> = [];

  constructor(private readonly options: { honourAbort: boolean } = { honourAbort: true }) {}

  push(event: StreamEvent): void {
    this.enqueue({ event });
  }
  end(): void {
    this.enqueue({ end: true });
  }
  fail(error: Error): void {
    this.enqueue({ error });
  }

  /** Resolves once the engine has called stream(). */
  started(): Promise<void> {
    return this.signal ? Promise.resolve() : new Promise((resolve) => this.startedWaiters.push(resolve));
  }

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    this.request = request;
    this.signal = signal;
    this.startedWaiters.splice(0).forEach((resolve) => resolve());
    if (this.options.honourAbort) signal.addEventListener('abort', () => this.wake?.());
    for (;;) {
      const item = this.queue.shift();
      if (!item) {
        if (this.options.honourAbort && signal.aborted) {
          yield { type: 'error', kind: 'cancelled', message: 'aborted' };
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (item.end) return;
      if (item.error) throw item.error;
      if (item.event) yield item.event;
    }
  }

  private enqueue(item: { event?: StreamEvent; end?: true; error?: Error }): void {
    this.queue.push(item);
    this.wake?.();
  }
}

/** Streams the given events immediately, then ends. */
export function listProvider(events: StreamEvent[]): ChatProvider {
  return {
    async *stream() {
      for (const event of events) yield event;
    },
  };
}

/** Streams `text` chunks every `everyMs` for ever (until aborted). */
export function tricklingProvider(everyMs: number): ChatProvider & { signal?: AbortSignal } {
  const provider: ChatProvider & { signal?: AbortSignal } = {
    async *stream(_request, signal) {
      provider.signal = signal;
      while (!signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, everyMs));
        yield { type: 'text', text: 'tick ' };
      }
    },
  };
  return provider;
}

/** Never yields and ignores its abort signal: the worst-behaved provider. */
export function hangingProvider(): ChatProvider {
  return {
    stream() {
      return { [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<StreamEvent>>(() => undefined) }) };
    },
  };
}

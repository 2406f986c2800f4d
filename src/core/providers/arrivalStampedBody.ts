/**
 * A response body that records when its bytes arrived, for the TTFT clock. Undici fills its body stream as the
 * socket delivers data; the SDK reads it later, after decoding what came before and after the event loop served
 * the other streams. So while stamping, this reads the inner body eagerly (each read resolves in the microtask
 * after the socket's data was parsed) and stamps every chunk, and hands the chunks on only when the consumer asks
 * (high-water mark 0: no pull-ahead). When the SDK has parsed an event, the last chunk handed on is the one that
 * completed it, because the SDKs decode lazily (a chunk is read only once every event of the one before has been
 * consumed). Once the first text is stamped ({@link stopStamping}) the body is passed through without the eager
 * reads.
 *
 * Both SDKs read a body with `for await` when it is async-iterable, so the stream also carries its own async
 * iterator: once the stamping is over and the queue is drained, each read is the inner reader's own, with no
 * second stream's pull and enqueue per chunk (that was a tenth of the engine's CPU per streamed event). A body
 * has one consumer: it is read either through that iterator or through a reader, never both.
 */
import { preciseNow } from '../compare/preciseClock';

type Item = { done: false; value: Uint8Array; at: number } | { done: true } | { error: unknown };

export class ArrivalStampedBody {
  readonly stream: ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>;
  /** When the chunk most recently handed to the consumer arrived (epoch ms); undefined before the first. */
  lastDeliveredAt: number | undefined;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly queue: Item[] = [];
  private waiter: ((item: Item) => void) | undefined;
  private stamping = true;
  private pumping = true;

  constructor(inner: ReadableStream<Uint8Array>) {
    this.reader = inner.getReader();
    const stream = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => this.next().then((item) => {
          if ('error' in item) controller.error(item.error);
          else if (item.done) controller.close();
          else {
            this.lastDeliveredAt = item.at;
            controller.enqueue(item.value);
          }
        }),
        cancel: (reason) => {
          this.stamping = false;
          return this.reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    this.stream = Object.defineProperty(stream, Symbol.asyncIterator, { value: () => this.iterator(), configurable: true, writable: true }) as typeof this.stream;
    void this.pump();
  }

  private iterator(): AsyncIterableIterator<Uint8Array> {
    const iterator: AsyncIterableIterator<Uint8Array> = {
      next: () => this.nextResult(),
      return: async () => {
        this.stamping = false;
        await this.reader.cancel();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private nextResult(): Promise<IteratorResult<Uint8Array>> {
    // Passed through: the inner reader's result as it is.
    if (!this.pumping && this.queue.length === 0) return this.reader.read() as Promise<IteratorResult<Uint8Array>>;
    return this.next().then((item): IteratorResult<Uint8Array> => {
      if ('error' in item) throw item.error;
      if (item.done) return { done: true, value: undefined };
      this.lastDeliveredAt = item.at;
      return { done: false, value: item.value };
    });
  }

  /** No more stamps needed: the eager reads end after the one in flight; later chunks pass straight through. */
  stopStamping(): void {
    this.stamping = false;
  }

  private async pump(): Promise<void> {
    try {
      while (this.stamping) {
        const result = await this.reader.read();
        this.push(result.done ? { done: true } : { done: false, value: result.value, at: preciseNow() });
        if (result.done) return;
      }
    } catch (error) {
      this.push({ error });
    } finally {
      this.pumping = false;
    }
  }

  private push(item: Item): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter(item);
    else this.queue.push(item);
  }

  private async next(): Promise<Item> {
    const queued = this.queue.shift();
    if (queued) return queued;
    // The pump's read in flight will push what it gets.
    if (this.pumping) return new Promise<Item>((resolve) => (this.waiter = resolve));
    try {
      const result = await this.reader.read();
      return result.done ? { done: true } : { done: false, value: result.value, at: preciseNow() };
    } catch (error) {
      return { error };
    }
  }
}

/**
 * The TTFT clock of one request, kept where the bytes are, not where the SDK's parsed events reach the engine.
 *
 * Start: the request's first write to its socket. With eight requests built at once that is milliseconds after
 * the call to `fetch` (tens of milliseconds on a process's first request, while undici loads). Undici publishes
 * `undici:client:sendHeaders` (node:diagnostics_channel) with the socket just before it writes; the SDKs' `fetch`
 * body is an async iterable, so the headers go out with the first body chunk, a few microtasks later, and
 * `undici:request:bodySent` comes after the last (milliseconds later when other requests' work is queued in
 * between). So the socket's next `write` is stamped; bodySent is the fallback. Each request is matched to its
 * clock through `undici:request:create`, published inside the `fetch` call, where an AsyncLocalStorage scope
 * names the clock. A `fetch` that publishes nothing keeps the stamp taken when it was called. An SDK retry calls
 * `fetch` again, so the clock restarts at the try that answered.
 *
 * Stop: the `fetch` wrapper wraps a streamed response's body in an {@link ArrivalStampedBody}; when the provider
 * parses its first text, {@link RequestClock.firstTextArrival} is the arrival time of the chunk that carried it.
 *
 * The clock rides in the SDK's per-request `fetchOptions` (both SDKs spread them into the `fetch` init
 * unchanged); the wrapper takes it out again, so nothing extra is sent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { preciseNow } from '../compare/preciseClock';
import { ArrivalStampedBody } from './arrivalStampedBody';
import type { StreamEvent } from './provider';

/** Called with the moment (epoch ms, {@link preciseNow}'s clock) the request was sent; again for a retry. */
export type RequestSentHook = (at?: number) => void;

/** The init key the clock travels under; never sent. */
const CLOCK_KEY = 'parallaxRequestClock';

export class RequestClock {
  private body: ArrivalStampedBody | undefined;

  constructor(private readonly onSent: RequestSentHook | undefined) {}

  /** Per-request SDK options carrying this clock to the fetch wrapper. */
  options(): { fetchOptions: Record<never, never> } {
    // Typed as an empty init: the key is ours, taken out again before `fetch` sees it.
    return { fetchOptions: { [CLOCK_KEY]: this } };
  }

  /** The request was sent at `at`. */
  sent(at: number): void {
    this.onSent?.(at);
  }

  /** The answering response's body, stamped (a retry replaces an earlier try's). */
  stampBody(body: ArrivalStampedBody): void {
    this.body?.stopStamping();
    this.body = body;
  }

  /**
   * When the bytes that completed the event just parsed arrived (epoch ms), or undefined when the body was not
   * stamped. Call it for the first text only: it ends the stamping.
   */
  firstTextArrival(): number | undefined {
    const body = this.body;
    if (!body) return undefined;
    body.stopStamping();
    return body.lastDeliveredAt;
  }
}

/**
 * On Node 20 an active AsyncLocalStorage installs promise hooks for every promise in the process (a quarter more
 * CPU per streamed event), so the scope is enabled only while some request has not reached undici yet, and
 * disabled again once every one has: while answers stream, no hook runs.
 */
const scope = new AsyncLocalStorage<Scoped>();
let awaitingUndici = 0;

/** One `fetch` call of a clock, until undici has created its request (or the call settled without). */
interface Scoped {
  clock: RequestClock;
  left: boolean;
}

function leave(scoped: Scoped): void {
  if (scoped.left) return;
  scoped.left = true;
  awaitingUndici -= 1;
  if (awaitingUndici === 0) scope.disable();
}
const clocksByRequest = new WeakMap<object, RequestClock>();
let subscribed = false;

function requestOf(message: unknown): object | undefined {
  const request = (message as { request?: unknown } | null)?.request;
  return typeof request === 'object' && request !== null ? request : undefined;
}

type Writable = { write: (...args: unknown[]) => boolean };

function socketOf(message: unknown): Writable | undefined {
  const socket = (message as { socket?: unknown } | null)?.socket;
  return typeof socket === 'object' && socket !== null && typeof (socket as Partial<Writable>).write === 'function' ? (socket as Writable) : undefined;
}

/** Requests whose first socket write was stamped (their bodySent stamp would be later than the send). */
const writeStamped = new WeakSet<object>();

/**
 * Stamps the request's first write to its socket: undici writes the headers with the first body chunk, after
 * sendHeaders, in one corked write. The socket's `write` is shadowed for that one call and restored by it.
 */
function stampFirstWrite(request: object, clock: RequestClock, socket: Writable): void {
  if (Object.prototype.hasOwnProperty.call(socket, 'write')) return;
  const shadow = function (this: unknown, ...args: unknown[]): boolean {
    if (Object.prototype.hasOwnProperty.call(socket, 'write') && socket.write === shadow) delete (socket as Partial<Writable>).write;
    if (!writeStamped.has(request)) {
      writeStamped.add(request);
      clock.sent(preciseNow());
    }
    return socket.write(...args);
  };
  Object.defineProperty(socket, 'write', { value: shadow, configurable: true, writable: true });
}

/** Subscribes once per process; the handlers do nothing for requests outside a clock's scope. */
function subscribeToUndici(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe('undici:request:create', (message) => {
    const scoped = scope.getStore();
    const request = requestOf(message);
    if (!scoped || scoped.left || !request) return;
    clocksByRequest.set(request, scoped.clock);
    leave(scoped);
  });
  subscribe('undici:client:sendHeaders', (message) => {
    const request = requestOf(message);
    const clock = request && clocksByRequest.get(request);
    const socket = socketOf(message);
    if (request && clock && socket) stampFirstWrite(request, clock, socket);
  });
  // The fallback when the write could not be stamped: undici has written the whole request.
  subscribe('undici:request:bodySent', (message) => {
    const request = requestOf(message);
    if (request && !writeStamped.has(request)) clocksByRequest.get(request)?.sent(preciseNow());
  });
}

/** A streamed answer (SSE) that succeeded: the only kind of body worth stamping. */
function isEventStream(response: Response): boolean {
  return response.ok && response.body !== null && (response.headers.get('content-type') ?? '').includes('text/event-stream');
}

/** Wraps `fetch` so a clock passed with {@link RequestClock.options} learns when the request left and the bytes came. */
export function withRequestClock(inner: typeof fetch): typeof fetch {
  subscribeToUndici();
  return async (input, init) => {
    if (!init || !(CLOCK_KEY in init)) return inner(input, init);
    const { [CLOCK_KEY]: clock, ...rest } = init as RequestInit & { [CLOCK_KEY]?: unknown };
    if (!(clock instanceof RequestClock)) return inner(input, rest);
    // Replaced by undici's bodySent stamp when the global fetch is undici's.
    clock.sent(preciseNow());
    const scoped: Scoped = { clock, left: false };
    awaitingUndici += 1;
    let response: Response;
    try {
      response = await scope.run(scoped, () => inner(input, rest));
    } finally {
      leave(scoped);
    }
    if (!isEventStream(response) || !response.body) return response;
    const stamped = new ArrivalStampedBody(response.body);
    clock.stampBody(stamped);
    // The Response keeps its status, headers and url; only the body the SDK reads is the stamped one.
    Object.defineProperty(response, 'body', { value: stamped.stream, configurable: true });
    return response;
  };
}

/**
 * Puts the body's arrival time on the first text or reasoning event among `events` (the reading of one SDK
 * event). Returns whether it found one, so the caller stops looking.
 */
export function stampFirstText(events: StreamEvent[], clock: RequestClock): boolean {
  const first = events.find((e): e is Extract<StreamEvent, { type: 'text' | 'reasoning' }> => (e.type === 'text' || e.type === 'reasoning') && e.text !== '');
  if (!first) return false;
  const at = clock.firstTextArrival();
  if (at !== undefined) first.receivedAt = at;
  return true;
}

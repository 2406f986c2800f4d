/**
 * The TTFT clock is kept where the bytes are: started when undici has written the request (diagnostics channel,
 * matched to its request), stopped at the arrival of the chunk that carried the first text, however late the
 * consumer reads it. Against a local server speaking the real SSE wire formats, writing each chunk when told.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { subscribe } from 'node:diagnostics_channel';
import type { AddressInfo, Socket } from 'node:net';
import { startComparison } from '../../../src/core/compare/compareEngine';
import { preciseNow } from '../../../src/core/compare/preciseClock';
import { createProvider } from '../../../src/core/providers/providerFactory';
import type { StreamEvent } from '../../../src/core/providers/provider';
import { ArrivalStampedBody } from '../../../src/core/providers/arrivalStampedBody';

const KEY = 'sk-test-0123456789';
const PARTS = ['a', 'bc', 'def', 'ghij'];

/** A response body that hands out `parts` one per read, then closes or errors with `end`. */
function bodyOf(parts: string[], end: 'close' | Error): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++];
      if (part !== undefined) controller.enqueue(new TextEncoder().encode(part));
      else if (end === 'close') controller.close();
      else controller.error(end);
    },
  });
}
const ask = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

const openaiChunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: Record<string, number>): string =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
const anthropicEvent = (type: string, data: Record<string, unknown>): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

const WIRE = {
  openai: {
    // Usage on the first chunk (as servers with continuous usage stats send it) makes the provider yield before the
    // text arrives, so nothing reads the body until the test does.
    before: [openaiChunk({ role: 'assistant', content: '' }, null, { prompt_tokens: 3, completion_tokens: 0, total_tokens: 3 })],
    first: openaiChunk({ content: 'Hello' }),
    after: [openaiChunk({ content: ' world' }), openaiChunk({}, 'stop'), 'data: [DONE]\n\n'],
  },
  anthropic: {
    before: [
      anthropicEvent('message_start', { message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 0 } } }),
      anthropicEvent('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ],
    first: anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hello' } }),
    after: [
      anthropicEvent('content_block_delta', { index: 0, delta: { type: 'text_delta', text: ' world' } }),
      anthropicEvent('content_block_stop', { index: 0 }),
      anthropicEvent('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
      anthropicEvent('message_stop', {}),
    ],
  },
};

/** A server whose answer is written in three steps, each when the test says, with the time of each write. */
class SteppedServer {
  readonly requestsAt: number[] = [];
  readonly writtenAt: number[] = [];
  private response: ServerResponse | undefined;
  private responded: (() => void) | undefined;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<SteppedServer> {
    let self: SteppedServer | undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => self?.onRequest(req, res));
    self = new SteppedServer(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return self;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on('end', () => {
      this.requestsAt.push(preciseNow());
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      this.response = res;
      this.responded?.();
    });
  }

  async responding(): Promise<void> {
    if (!this.response) await new Promise<void>((resolve) => (this.responded = resolve));
  }

  /** Writes `text` and resolves once it is handed to the kernel, with the time of the write. */
  async write(text: string, end = false): Promise<number> {
    const res = this.response;
    assert.ok(res, 'no request yet');
    const at = preciseNow();
    this.writtenAt.push(at);
    await new Promise<void>((resolve) => (end ? res.end(text, resolve) : res.write(text, () => resolve())));
    return at;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Everything the client's sockets received, as undici's own socket `data` events saw it (after undici's parser). */
let received = '';
const watched = new WeakSet<Socket>();
subscribe('undici:client:sendHeaders', (message) => {
  const { socket } = message as { socket: Socket };
  if (watched.has(socket)) return;
  watched.add(socket);
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
});

/** Resolves once the client has received `text` (and the microtasks that followed, the stamp among them, ran). */
async function clientReceived(text: string): Promise<void> {
  while (!received.includes(text)) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setImmediate(resolve));
}

describe('arrival clock: TTFT counted where the bytes are', () => {
  let server: SteppedServer;
  beforeEach(async () => {
    server = await SteppedServer.start();
    received = '';
  });
  afterEach(() => server.close());

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: the first text carries the arrival of its own chunk, not a later one, however late it is read`, async () => {
      const wire = WIRE[kind];
      const baseUrl = kind === 'openai' ? `${server.url}/v1` : server.url;
      const provider = createProvider({ kind, apiKey: KEY, baseUrl, maxRetries: 0 });
      const sent: number[] = [];
      const iterator = provider.stream(ask, new AbortController().signal, (at) => sent.push(at ?? preciseNow()))[Symbol.asyncIterator]();
      // The SDK sends the request when the stream is first read; nothing is consumed after that until the end.
      const firstRead = iterator.next();
      await server.responding();
      for (const chunk of wire.before) await server.write(chunk);
      await clientReceived(wire.before.at(-1) ?? '');
      const firstWrite = await server.write(wire.first);
      // Let the text chunk arrive on its own, then send the rest: by the time anything is read, all of it is here.
      await clientReceived(wire.first);
      const laterWrite = await server.write(wire.after.join(''), true);
      await clientReceived(wire.after.at(-1) ?? '');
      const events: StreamEvent[] = [];
      for (let next = await firstRead; !next.done; next = await iterator.next()) events.push(next.value);
      const texts = events.filter((e): e is Extract<StreamEvent, { type: 'text' }> => e.type === 'text');
      assert.deepEqual(texts.map((e) => e.text), ['Hello', ' world']);
      const stamp = texts[0]?.receivedAt;
      assert.ok(stamp !== undefined, 'the first text has no arrival time');
      assert.ok(stamp >= firstWrite, `stamped ${(firstWrite - stamp).toFixed(2)} ms before its chunk was written`);
      assert.ok(stamp < laterWrite, `stamped ${(stamp - laterWrite).toFixed(2)} ms after the next chunk was written: a later chunk was attributed`);
      assert.equal(texts[1]?.receivedAt, undefined, 'only the first text is stamped');
      assert.ok(events.some((e) => e.type === 'done'), JSON.stringify(events));
      // Started when the request was written: after the wrapper's own stamp, before the server had it all.
      assert.equal(sent.length, 2, `onSent calls: ${sent.length}`);
      const [atFetch, atWritten] = sent as [number, number];
      assert.ok(atWritten >= atFetch);
      const arrived = server.requestsAt[0];
      assert.ok(arrived !== undefined && atWritten <= arrived, 'the request-sent stamp is later than the server receiving it');
    });
  }

  it('the engine counts TTFT from the request written to the first text chunk arriving, read late or not', async () => {
    const provider = createProvider({ kind: 'openai', apiKey: KEY, baseUrl: `${server.url}/v1`, maxRetries: 0 });
    const run = startComparison({ models: [{ spec: { id: 'm', label: 'm', provider: 'openai', model: 'm' }, provider, request: ask }], limits: { firstTokenMs: 30_000, idleMs: 30_000, totalMs: 60_000 }, requestHash: 'h' });
    await server.responding();
    const firstWrite = await server.write(WIRE.openai.first);
    await clientReceived(WIRE.openai.first);
    const laterWrite = await server.write(WIRE.openai.after.join(''), true);
    const [outcome] = await run.done;
    assert.equal(outcome?.text, 'Hello world');
    const { firstTokenAt, startedAt, ttftMs } = outcome?.metrics ?? {};
    assert.ok(firstTokenAt !== undefined && ttftMs !== undefined);
    assert.ok(firstTokenAt >= firstWrite && firstTokenAt < laterWrite, 'the first token is not stamped at its own chunk');
    assert.ok(startedAt <= (server.requestsAt[0] ?? 0), 'the clock started after the server had the request');
    assert.equal(ttftMs, firstTokenAt - startedAt);
  });

  it('a stamped body hands on every byte in order, and passes through once stamping stops', async () => {
    const inner = bodyOf(PARTS, 'close');
    const body = new ArrivalStampedBody(inner);
    const reader = body.stream.getReader();
    const first = await reader.read();
    assert.equal(new TextDecoder().decode(first.value), 'a');
    assert.ok(body.lastDeliveredAt !== undefined);
    body.stopStamping();
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += new TextDecoder().decode(next.value);
    assert.equal(rest, 'bcdefghij');
  });

  it('read with for await (as both SDKs do), a stamped body hands on every byte, passes through, and passes errors on', async () => {
    const inner = bodyOf(PARTS, new Error('socket closed'));
    const body = new ArrivalStampedBody(inner);
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of body.stream) {
        text += new TextDecoder().decode(chunk);
        if (text === 'a') {
          assert.ok(body.lastDeliveredAt !== undefined, 'the first chunk is stamped');
          body.stopStamping();
        }
      }
    }, /socket closed/);
    assert.equal(text, 'abcdefghij');
  });

  it('leaving a for await over a stamped body early cancels the response body', async () => {
    let cancelled: unknown;
    const inner = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array([1]));
      },
      cancel(reason) {
        cancelled = reason ?? 'cancelled';
      },
    });
    const body = new ArrivalStampedBody(inner);
    for await (const chunk of body.stream) {
      assert.equal(chunk[0], 1);
      break;
    }
    assert.ok(cancelled !== undefined, 'the inner body was cancelled');
  });

  it('a stamped body passes an error on to its reader', async () => {
    const inner = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1]));
        controller.error(new Error('socket closed'));
      },
    });
    const reader = new ArrivalStampedBody(inner).stream.getReader();
    await assert.rejects(async () => {
      for (;;) if ((await reader.read()).done) break;
    }, /socket closed/);
  });
});

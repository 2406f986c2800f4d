/**
 * Writes a protocol's planned SSE frames to a response with the script's pacing and stream faults applied.
 * Protocol modules decide what the frames are; this file decides when and how they hit the socket.
 */
import type { ServerResponse } from 'node:http';
import type { FakeScript } from './fakeScript';

export interface SseFrame {
  /** Full SSE text of the frame, ending with a blank line. */
  sse: string;
  /** True for content chunks (answer or reasoning tokens): pacing and `afterChunks` count these. */
  token: boolean;
}

export interface SsePlan {
  /** Sent together with the headers. */
  head: string[];
  body: SseFrame[];
  /** Terminal frames, left out by the `no-terminal` fault. */
  tail: string[];
  /** The protocol's in-band error frame. */
  inBandError: string;
}

/** Gap between the two halves of a split UTF-8 character, long enough for them to arrive as two reads. */
const SPLIT_UTF8_GAP_MS = 15;

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function waitMs(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (!ms || ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Offset just inside the first multi-byte UTF-8 character, or -1 when the bytes are all ASCII. */
function midCharOffset(bytes: Buffer): number {
  const lead = bytes.findIndex((b) => b >= 0xc0);
  return lead < 0 ? -1 : lead + 1;
}

class FrameWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
    private readonly splitUtf8: boolean,
  ) {}

  async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    const cut = this.splitUtf8 ? midCharOffset(bytes) : -1;
    if (cut < 0) return this.writeBytes(bytes);
    await this.writeBytes(bytes.subarray(0, cut));
    await waitMs(SPLIT_UTF8_GAP_MS, this.signal);
    await this.writeBytes(bytes.subarray(cut));
  }

  private writeBytes(bytes: Buffer): Promise<void> {
    if (this.signal.aborted || this.res.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.signal.addEventListener('abort', done, { once: true });
      // The callback fires once the bytes are flushed to the socket: it paces big bodies (backpressure) and
      // makes two writes two TCP sends.
      this.res.write(bytes, () => done());
    });
  }
}

/**
 * Streams `plan` as a 200 SSE response. Resolves when the body has been written, the socket reset, or the
 * stream stalled (a stalled response stays open until the client goes away or the server closes).
 */
export async function streamSsePlan(
  res: ServerResponse,
  plan: SsePlan,
  script: FakeScript,
  signal: AbortSignal,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const fault = script.fault;
  const writer = new FrameWriter(res, signal, fault?.type === 'split-utf8');
  const tokenGapMs = script.tokensPerSecond && script.tokensPerSecond > 0 ? 1000 / script.tokensPerSecond : 0;
  const cutAfter =
    fault && (fault.type === 'stall' || fault.type === 'reset' || fault.type === 'in-band-error') ? fault.afterChunks : undefined;

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...extraHeaders,
  });
  await writer.write(plan.head.join(''));
  await waitMs(script.firstTokenDelayMs, signal);

  let tokensSent = 0;
  const applyCut = async (): Promise<'stop' | 'go'> => {
    if (cutAfter === undefined || tokensSent < cutAfter || !fault) return 'go';
    if (fault.type === 'reset') res.socket?.resetAndDestroy();
    if (fault.type === 'in-band-error') {
      await writer.write(plan.inBandError);
      res.end();
    }
    return 'stop';
  };

  for (const frame of plan.body) {
    if (signal.aborted) return;
    if (frame.token) {
      if ((await applyCut()) === 'stop') return;
      if (tokensSent > 0) await waitMs(tokenGapMs, signal);
      tokensSent++;
    }
    await writer.write(frame.sse);
  }
  if ((await applyCut()) === 'stop' || signal.aborted) return;
  if (fault?.type !== 'no-terminal') await writer.write(plan.tail.join(''));
  res.end();
}

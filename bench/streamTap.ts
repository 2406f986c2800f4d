/**
 * A TCP tap between the clients and the fake servers, in its own process so the benchmark's event loop cannot
 * delay its clock. It timestamps, per HTTP request, the first request byte it receives and the first response
 * byte that carries answer text (an SSE chunk with non-empty `content` / `text`), and reports them over IPC.
 * Started by fanOutCases.ts with `fork`; the target port comes as argv[2].
 */
import { createServer, connect, type Socket } from 'node:net';

interface TapRecord {
  model: string;
  requestAt: number;
  firstTokenAt?: number;
}

const target = Number(process.argv[2]);
const records: TapRecord[] = [];
const now = (): number => performance.timeOrigin + performance.now();
/** An OpenAI content delta or an Anthropic text delta with at least one character. */
const firstTextPattern = /"(?:content|text)":"[^"]/;

const server = createServer((client: Socket) => {
  const upstream = connect(target, '127.0.0.1');
  let current: TapRecord | undefined;
  let pending = '';
  let seen = '';
  client.on('data', (chunk: Buffer) => {
    const at = now();
    const text = chunk.toString('latin1');
    if (/^(?:POST|GET) /.test(text)) {
      current = { model: '', requestAt: at };
      records.push(current);
      pending = text;
      seen = '';
    } else pending += text;
    if (current && !current.model) current.model = /"model":"([^"]+)"/.exec(pending)?.[1] ?? '';
    upstream.write(chunk);
  });
  upstream.on('data', (chunk: Buffer) => {
    const at = now();
    if (current && current.firstTokenAt === undefined) {
      // Keep a short overlap so a pattern split across two reads is still found.
      seen = seen.slice(-32) + chunk.toString('latin1');
      if (firstTextPattern.test(seen)) current.firstTokenAt = at;
    }
    client.write(chunk);
  });
  const close = (): void => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close).on('close', close);
  upstream.on('error', close).on('close', close);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ type: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'take') process.send?.({ type: 'records', records: records.splice(0) });
  if (message.type === 'stop') server.close(() => process.exit(0));
});

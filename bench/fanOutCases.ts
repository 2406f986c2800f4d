/**
 * The request rows of the table, against the local fakes:
 * - fan-out wall: 8 models (TTFT 100–800 ms, 20–200 tok/s) through the compare engine ÷ the slowest alone via
 *   the raw SDK; both through the tap;
 * - TTFT error: the engine's TTFT minus the tap's (first request byte → first answer byte), per model per run;
 * - throughput: 8 unpaced streams, the SDK text events consumed per second through the engine ÷ 8 raw SDK streams
 *   (and CPU per event);
 * - promptfoo `eval -j 8 --no-cache` on the same 8 endpoints (stream: false) ÷ the slowest raw call, stream: false.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startComparison, type CompareModel } from '../src/core/compare/compareEngine';
import { createProvider } from '../src/core/providers/providerFactory';
import { FAN_OUT_MODELS, FAST_TEXT, FAST_TOKENS, PACED_TEXT, PACED_TOKENS, SLOWEST, fast, paced } from './fanOutScripts';

export { FAN_OUT_MODELS, SLOWEST } from './fanOutScripts';
const API_KEY = 'sk-bench-0123456789';
const LIMITS = { firstTokenMs: 30_000, idleMs: 30_000, totalMs: 120_000 };
const messages = [{ role: 'user' as const, content: 'Fix the bug.' }];

export interface TapRecord {
  model: string;
  requestAt: number;
  firstTokenAt?: number;
}

export class StreamTap {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(targetUrl: string): Promise<StreamTap> {
    const child = fork(join(__dirname, 'streamTap.ts'), [new URL(targetUrl).port], { execArgv: ['--import', 'tsx'] });
    const [message] = (await once(child, 'message')) as [{ port: number }];
    const tap = new StreamTap(child, message.port);
    await tap.warmUp();
    return tap;
  }

  /**
   * One request through the tap over a raw socket (not undici, not an SDK), so the tap's own first connection and
   * JIT are not counted in the engine's cold TTFT figure, and the engine's process stays as cold as it was.
   */
  private async warmUp(): Promise<void> {
    const socket = connect(this.port, '127.0.0.1');
    socket.end('GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk-warm-up\r\nConnection: close\r\n\r\n');
    socket.resume();
    await once(socket, 'close');
    await this.take();
  }

  async take(): Promise<TapRecord[]> {
    this.child.send({ type: 'take' });
    const [message] = (await once(this.child, 'message')) as [{ records: TapRecord[] }];
    return message.records;
  }

  async stop(): Promise<void> {
    this.child.send({ type: 'stop' });
    await once(this.child, 'exit');
  }
}

export interface FanOutContext {
  tapBaseUrl: string;
  fakesBaseUrl: string;
  rawViaTap: OpenAI;
  rawDirect: OpenAI;
  pacedModels: CompareModel[];
  fastModels: CompareModel[];
  /** Per run of the engine's paced fan-out: the engine's TTFT per model. */
  engineTtfts: Array<Map<string, number>>;
  /** Delta events and CPU µs per throughput case. */
  throughput: Map<string, { events: number; cpuUs: number; ms: number }[]>;
}

/**
 * `tap` fronts the paced models' fakes (in a process of their own, see fakesProcess.ts, so the engine's work
 * cannot delay their timers); `fakesBaseUrl` is the OpenAI base URL of the throughput rows' fakes, in this process,
 * so events/s counts the serving's CPU alike for both sides. Both are scripted with scriptFanOutModels.
 */
export function fanOutContext(fakesBaseUrl: string, tap: StreamTap): FanOutContext {
  const tapBaseUrl = `http://127.0.0.1:${tap.port}/v1`;
  const model = (baseUrl: string, name: string): CompareModel => ({
    spec: { id: name, label: name, provider: 'openai' as const, model: name },
    provider: createProvider({ kind: 'openai', apiKey: API_KEY, baseUrl }),
    request: { model: name, messages },
  });
  return {
    tapBaseUrl,
    fakesBaseUrl,
    rawViaTap: new OpenAI({ apiKey: API_KEY, baseURL: tapBaseUrl }),
    rawDirect: new OpenAI({ apiKey: API_KEY, baseURL: fakesBaseUrl }),
    pacedModels: Array.from({ length: FAN_OUT_MODELS }, (_, i) => model(tapBaseUrl, paced(i))),
    fastModels: Array.from({ length: FAN_OUT_MODELS }, (_, i) => model(fakesBaseUrl, fast(i))),
    engineTtfts: [],
    throughput: new Map(),
  };
}

async function rawStream(openai: OpenAI, model: string): Promise<{ text: string; events: number }> {
  const stream = await openai.chat.completions.create({ model, messages, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let events = 0;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta.content ?? '';
    if (delta) events++;
    text += delta;
  }
  return { text, events };
}

async function engineRun(models: CompareModel[]): Promise<{ texts: string; ttfts: Map<string, number>; events: number }> {
  let events = 0;
  const run = startComparison({
    models,
    limits: LIMITS,
    requestHash: 'bench',
    onEvent: (e) => {
      if (e.type === 'delta') events++;
    },
  });
  const outcomes = await run.done;
  const ttfts = new Map(outcomes.map((o) => [o.modelId, o.metrics.ttftMs ?? Number.NaN]));
  return { texts: outcomes.map((o) => (o.state === 'done' ? o.text : `[${o.state}]`)).join('|'), ttfts, events };
}

async function measured(ctx: FanOutContext, name: string, work: () => Promise<{ text: string; events: number }>): Promise<string> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const { text, events } = await work();
  const used = process.cpuUsage(cpu);
  const list = ctx.throughput.get(name) ?? [];
  list.push({ events, cpuUs: used.user + used.system, ms: performance.now() - started });
  ctx.throughput.set(name, list);
  return text;
}

const FAST_ALL = Array.from({ length: FAN_OUT_MODELS }, () => FAST_TEXT).join('|');

export interface TimedCase {
  name: string;
  expected: string;
  run(ctx: FanOutContext): Promise<string>;
}

export const FAN_OUT_CASES: TimedCase[] = [
  {
    name: 'fan-out 8: compare engine',
    expected: Array.from({ length: FAN_OUT_MODELS }, () => PACED_TEXT).join('|'),
    async run(ctx) {
      const { texts, ttfts } = await engineRun(ctx.pacedModels);
      ctx.engineTtfts.push(ttfts);
      return texts;
    },
  },
  { name: 'fan-out 8: slowest alone, raw SDK', expected: PACED_TEXT, run: async (ctx) => (await rawStream(ctx.rawViaTap, SLOWEST)).text },
  {
    // A peer, not the baseline: the same eight requests straight through the SDK at once (Promise.all), so what
    // building and serving eight requests costs is told apart from what the engine adds.
    name: 'fan-out 8: eight at once, raw SDK',
    expected: Array.from({ length: FAN_OUT_MODELS }, () => PACED_TEXT).join('|'),
    run: async (ctx) => (await Promise.all(Array.from({ length: FAN_OUT_MODELS }, (_, i) => rawStream(ctx.rawViaTap, paced(i))))).map((r) => r.text).join('|'),
  },
];

export const THROUGHPUT_CASES: TimedCase[] = [
  {
    name: 'throughput 8: compare engine',
    expected: FAST_ALL,
    run: (ctx) => measured(ctx, 'throughput 8: compare engine', async () => {
      // Events are the SDK's text events consumed, as for the raw SDK (the same script: FAST_TOKENS per model; the
      // text check proves every one arrived). The engine emits fewer: the deltas of one event-loop turn as one.
      const { texts } = await engineRun(ctx.fastModels);
      return { text: texts, events: FAN_OUT_MODELS * FAST_TOKENS };
    }),
  },
  {
    name: 'throughput 8: raw SDK Promise.all',
    expected: FAST_ALL,
    run: (ctx) => measured(ctx, 'throughput 8: raw SDK Promise.all', async () => {
      const all = await Promise.all(Array.from({ length: FAN_OUT_MODELS }, (_, i) => rawStream(ctx.rawDirect, fast(i))));
      const events = all.reduce((n, r) => n + r.events, 0);
      if (events !== FAN_OUT_MODELS * FAST_TOKENS) throw new Error(`the fake sent ${events} text events, not ${FAN_OUT_MODELS * FAST_TOKENS}`);
      return { text: all.map((r) => r.text).join('|'), events };
    }),
  },
];

/** TTFT errors (ms): the engine's TTFT minus the tap's, matched by model, run by run. */
export function ttftErrors(engineTtfts: Array<Map<string, number>>, tapRuns: TapRecord[][]): number[][] {
  return engineTtfts.map((ttfts, run) => {
    const records = tapRuns[run] ?? [];
    return [...ttfts].map(([model, ours]) => {
      const tap = records.find((r) => r.model === model);
      return tap?.firstTokenAt !== undefined ? ours - (tap.firstTokenAt - tap.requestAt) : Number.NaN;
    });
  });
}

// ------------------------------------------------------------------------------------------------ promptfoo

/** The pinned promptfoo (the same version `npm test` uses for the export tests). */
export const PROMPTFOO_VERSION = '0.115.0';
interface PromptfooTool {
  PROMPTFOO_VERSION: string;
  ensurePromptfoo(log?: (message: string) => void): string;
  promptfooEntry(): string;
  promptfooEnv(configDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
}
let promptfooTool: PromptfooTool | undefined;

/**
 * Installs the pinned promptfoo once into the cache `npm test`'s setup uses (scripts/lib/promptfooTool.mjs, outside
 * the repository); returns why not, on failure.
 */
export async function ensurePromptfoo(): Promise<string | undefined> {
  try {
    const tool: PromptfooTool = await import('../scripts/lib/promptfooTool.mjs');
    if (tool.PROMPTFOO_VERSION !== PROMPTFOO_VERSION) return `scripts/lib/promptfooTool.mjs pins ${tool.PROMPTFOO_VERSION}, the bench ${PROMPTFOO_VERSION}`;
    tool.ensurePromptfoo((m) => console.log(`  ${m}`));
    promptfooTool = tool;
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message.split('\n').slice(0, 3).join(' ') : String(err);
  }
}

export interface PromptfooRun {
  wallMs: number;
  /** promptfoo's own latencyMs per model minus the tap's request → response time. */
  latencyErrorsMs: number[];
}

/** One `promptfoo eval -j 8 --no-cache` over the 8 paced endpoints, through the tap. */
export async function runPromptfoo(tapBaseUrl: string, tap: StreamTap): Promise<PromptfooRun> {
  if (!promptfooTool) throw new Error('ensurePromptfoo() first');
  const tool = promptfooTool;
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-promptfoo-'));
  const providers = Array.from({ length: FAN_OUT_MODELS }, (_, i) => `  - id: openai:chat:${paced(i)}\n    config: { apiBaseUrl: "${tapBaseUrl}", apiKey: "${API_KEY}" }`).join('\n');
  writeFileSync(join(dir, 'promptfooconfig.yaml'), `prompts:\n  - "Fix the bug."\nproviders:\n${providers}\ntests:\n  - vars: {}\n`);
  const started = performance.now();
  const child = spawn(process.execPath, [tool.promptfooEntry(), 'eval', '-c', 'promptfooconfig.yaml', '-j', '8', '--no-cache', '--no-write', '--no-table', '--no-progress-bar', '-o', 'out.json'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: tool.promptfooEnv(join(dir, 'config'), { OPENAI_API_KEY: API_KEY }),
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number];
  const wallMs = performance.now() - started;
  const records = await tap.take();
  // With --no-write promptfoo keeps no per-row results; its per-prompt metrics and stats are in the output file.
  type PromptMetrics = { provider?: string; metrics?: { totalLatencyMs?: number; testPassCount?: number } };
  let out: { results?: { prompts?: PromptMetrics[]; stats?: { successes?: number; tokenUsage?: { completion?: number } } } };
  try {
    out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as typeof out;
  } catch {
    throw new Error(`promptfoo eval failed (exit ${code}): ${stderr.slice(0, 500)}`);
  }
  const stats = out.results?.stats;
  if (stats?.successes !== FAN_OUT_MODELS || stats.tokenUsage?.completion !== FAN_OUT_MODELS * PACED_TOKENS) {
    throw new Error(`promptfoo produced the wrong results: ${JSON.stringify(stats).slice(0, 300)}`);
  }
  const latencyErrorsMs = (out.results?.prompts ?? []).map((p) => {
    const model = (p.provider ?? '').replace(/^openai:chat:/, '');
    const tapped = records.find((x) => x.model === model);
    return tapped?.firstTokenAt !== undefined ? (p.metrics?.totalLatencyMs ?? Number.NaN) - (tapped.firstTokenAt - tapped.requestAt) : Number.NaN;
  });
  return { wallMs, latencyErrorsMs };
}

/** The slowest endpoint alone with stream: false through the raw SDK: promptfoo's baseline. */
export async function slowestRawJson(openai: OpenAI): Promise<number> {
  const started = performance.now();
  const completion = await openai.chat.completions.create({ model: SLOWEST, messages });
  if (completion.choices[0]?.message.content !== PACED_TEXT) throw new Error('slowest raw JSON call produced the wrong answer');
  return performance.now() - started;
}

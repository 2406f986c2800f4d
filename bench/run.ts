/**
 * Per-request overhead of our provider adapters compared with the raw SDK calls, measured side by side against
 * the local fakes: `npm run bench`. Cases run interleaved (rotating order) so drift and noise hit all alike.
 * Writes bench/results/latest.json and prints a table. Add a case by appending to CASES.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { ChatProvider } from '../src/core/providers/provider';
import { createProvider } from '../src/core/providers/providerFactory';
import { startFakeProviders } from '../test/fakes/fakeProviders';

const WARMUP = 20;
const REPETITIONS = 150;
const MODEL = 'bench-model';
const API_KEY = 'sk-bench-0123456789';
const ANSWER = Array.from({ length: 60 }, (_, i) => `token${i}`).join(' ');
const RESULTS_FILE = join(__dirname, 'results', 'latest.json');

/** Clients are built once, outside the timing, like an app would keep them. */
interface BenchContext {
  openai: OpenAI;
  anthropic: Anthropic;
  openaiAdapter: ChatProvider;
  anthropicAdapter: ChatProvider;
}

interface BenchCase {
  name: string;
  /** The case this one is compared with; its ratio is this case's median over the baseline's. */
  baseline?: string;
  /** One complete streamed request; returns the text received so a broken case cannot look fast. */
  run(ctx: BenchContext): Promise<string>;
}

const messages = [{ role: 'user' as const, content: 'Fix the bug.' }];

async function viaAdapter(provider: ChatProvider): Promise<string> {
  let text = '';
  for await (const event of provider.stream({ model: MODEL, messages }, new AbortController().signal)) {
    if (event.type === 'text') text += event.text;
  }
  return text;
}

const CASES: BenchCase[] = [
  {
    name: 'openai: raw SDK stream',
    async run({ openai }) {
      const stream = await openai.chat.completions.create({ model: MODEL, messages, stream: true, stream_options: { include_usage: true } });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    },
  },
  { name: 'openai: createProvider adapter', baseline: 'openai: raw SDK stream', run: (ctx) => viaAdapter(ctx.openaiAdapter) },
  {
    name: 'anthropic: raw SDK stream',
    async run({ anthropic }) {
      const stream = await anthropic.messages.create({ model: MODEL, max_tokens: 4096, messages, stream: true });
      let text = '';
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      }
      return text;
    },
  },
  { name: 'anthropic: createProvider adapter', baseline: 'anthropic: raw SDK stream', run: (ctx) => viaAdapter(ctx.anthropicAdapter) },
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function measure(benchCase: BenchCase, ctx: BenchContext): Promise<number> {
  const start = performance.now();
  const text = await benchCase.run(ctx);
  const ms = performance.now() - start;
  if (text !== ANSWER) throw new Error(`${benchCase.name} received the wrong text (${text.length} chars)`);
  return ms;
}

async function main(): Promise<void> {
  const fakes = await startFakeProviders({ defaultScript: { text: ANSWER, usage: { input: 12, output: 60 } } });
  const ctx: BenchContext = {
    openai: new OpenAI({ apiKey: API_KEY, baseURL: fakes.openaiBaseUrl }),
    anthropic: new Anthropic({ apiKey: API_KEY, baseURL: fakes.anthropicBaseUrl }),
    openaiAdapter: createProvider({ kind: 'openai', apiKey: API_KEY, baseUrl: fakes.openaiBaseUrl }),
    anthropicAdapter: createProvider({ kind: 'anthropic', apiKey: API_KEY, baseUrl: fakes.anthropicBaseUrl }),
  };
  const samples = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  try {
    for (let i = 0; i < WARMUP + REPETITIONS; i++) {
      // Rotate the order each round so no case always runs first (or right after another).
      for (let j = 0; j < CASES.length; j++) {
        const benchCase = CASES[(i + j) % CASES.length];
        if (!benchCase) continue;
        const ms = await measure(benchCase, ctx);
        if (i >= WARMUP) samples.get(benchCase.name)?.push(ms);
      }
    }
  } finally {
    await fakes.close();
  }

  const medians = new Map<string, number>();
  const rows = CASES.map((c) => {
    const sorted = [...(samples.get(c.name) ?? [])].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    medians.set(c.name, median);
    return { name: c.name, baseline: c.baseline, medianMs: median, p90Ms: quantile(sorted, 0.9), samples: sorted.length };
  });
  const results = rows.map((row) => {
    const base = row.baseline ? medians.get(row.baseline) : undefined;
    return { ...row, ratioToBaseline: base ? row.medianMs / base : undefined };
  });

  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, warmup: WARMUP, repetitions: REPETITIONS, answerTokens: 60, cases: results };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`Per-request time against the local fakes, ${REPETITIONS} interleaved repetitions (after ${WARMUP} warm-up):\n`);
  console.log(`${'case'.padEnd(36)}${'median ms'.padStart(11)}${'p90 ms'.padStart(10)}${'ours/raw'.padStart(10)}`);
  for (const r of results) {
    const ratio = r.ratioToBaseline !== undefined ? r.ratioToBaseline.toFixed(2) : '—';
    console.log(`${r.name.padEnd(36)}${r.medianMs.toFixed(2).padStart(11)}${r.p90Ms.toFixed(2).padStart(10)}${ratio.padStart(10)}`);
  }
  console.log(`\nWrote ${RESULTS_FILE}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

/**
 * `npm run bench`: our code against the plain way of doing the same thing, side by side on this machine.
 * - one streamed request: raw SDK vs our adapter (OpenAI, Anthropic), against the local fakes;
 * - a fan-out of 4 models: the compare engine vs 4 raw SDK calls under Promise.all, same fake endpoint;
 * - the results webview's markdown per streamed chunk: incremental vs full re-render (Node, no DOM).
 * Within each phase (requests, rendering) cases run interleaved, in rotating order, so drift and noise hit all
 * alike. Ratios are of medians.
 * Writes bench/results/latest.json and prints a table. Add a case to one of the case lists.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { startFakeProviders } from '../src/demo/fakeProviders';
import type { BenchCase } from './benchCase';
import { MARKDOWN_CASES } from './markdownCases';
import { ANSWER, ANSWER_TOKENS, FAN_OUT, SDK_CASES, sdkBenchContext, type SdkBenchContext } from './sdkCases';

const RESULTS_FILE = join(__dirname, 'results', 'latest.json');

type AnyCase = BenchCase<SdkBenchContext>;

interface Phase {
  name: string;
  cases: AnyCase[];
  warmup: number;
  repetitions: number;
}

/** Renders take far longer than a fake request, so they get fewer rounds: the whole run stays near a minute. */
const PHASES: Phase[] = [
  { name: 'requests', cases: SDK_CASES, warmup: 20, repetitions: 150 },
  { name: 'rendering', cases: MARKDOWN_CASES, warmup: 3, repetitions: 30 },
];
const CASES = PHASES.flatMap((phase) => phase.cases);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function measure(benchCase: AnyCase, ctx: SdkBenchContext): Promise<number> {
  const start = performance.now();
  const produced = await benchCase.run(ctx);
  const ms = performance.now() - start;
  if (produced !== benchCase.expected) throw new Error(`${benchCase.name} produced the wrong result (${produced.slice(0, 200)})`);
  return ms;
}

function machine(): string {
  const cores = cpus();
  return `${cores[0]?.model ?? 'unknown CPU'} ×${cores.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const fakes = await startFakeProviders({ defaultScript: { text: ANSWER, usage: { input: 12, output: ANSWER_TOKENS } } });
  const ctx = sdkBenchContext(fakes);
  const samples = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  try {
    for (const { cases, warmup, repetitions } of PHASES) {
      for (let i = 0; i < warmup + repetitions; i++) {
        // Rotate the order each round so no case always runs first (or right after another).
        for (let j = 0; j < cases.length; j++) {
          const benchCase = cases[(i + j) % cases.length];
          if (!benchCase) continue;
          const ms = await measure(benchCase, ctx);
          if (i >= warmup) samples.get(benchCase.name)?.push(ms);
        }
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
    return {
      name: c.name,
      baseline: c.baseline,
      medianMs: median,
      p90Ms: quantile(sorted, 0.9),
      samples: sorted.length,
      ...(c.steps ? { perStep: { step: c.steps.name, count: c.steps.count, medianMs: median / c.steps.count } } : {}),
    };
  });
  const results = rows.map((row) => {
    const base = row.baseline ? medians.get(row.baseline) : undefined;
    return { ...row, ratioToBaseline: base ? row.medianMs / base : undefined };
  });

  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: machine(),
    phases: PHASES.map(({ name, warmup, repetitions }) => ({ name, warmup, repetitions })),
    answerTokens: ANSWER_TOKENS,
    fanOut: FAN_OUT,
    durationS: Math.round((performance.now() - started) / 1000),
    cases: results,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);

  const rounds = PHASES.map((p) => `${p.name} ${p.repetitions} (+${p.warmup} warm-up)`).join(', ');
  console.log(`Interleaved rounds: ${rounds}; ${report.machine}, Node ${process.version}:\n`);
  console.log(`${'case'.padEnd(40)}${'median ms'.padStart(11)}${'p90 ms'.padStart(10)}${'ours/base'.padStart(11)}  per step`);
  for (const r of results) {
    const ratio = r.ratioToBaseline !== undefined ? r.ratioToBaseline.toFixed(2) : '—';
    const perStep = r.perStep ? `${(r.perStep.medianMs * 1000).toFixed(0)} µs/${r.perStep.step} (${r.perStep.count})` : '';
    console.log(`${r.name.padEnd(40)}${r.medianMs.toFixed(2).padStart(11)}${r.p90Ms.toFixed(2).padStart(10)}${ratio.padStart(11)}  ${perStep}`);
  }
  console.log(`\nWrote ${RESULTS_FILE} in ${report.durationS} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

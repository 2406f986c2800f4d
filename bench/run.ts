/**
 * `npm run bench`: every row of issue 10's table in one run, against the local fakes, then the results webview in
 * headless Chromium. Within each phase the cases run interleaved, in rotating order, so drift and noise hit all
 * alike; ratios are of medians. Ground truth for TTFT comes from a tap on the stream (streamTap.ts), never from
 * the fakes' script. Writes bench/results.md (and bench/results/latest.json) and prints the table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { startFakeProviders } from '../src/demo/fakeProviders';
import { FakesProcess } from './fakesProcess';
import { scriptFanOutModels } from './fanOutScripts';
import { measureBrowserRender, SEND_INTERVAL_MS } from './browserRender';
import {
  ensurePromptfoo, FAN_OUT_CASES, fanOutContext, PROMPTFOO_VERSION, runPromptfoo, slowestRawJson, StreamTap, THROUGHPUT_CASES, ttftErrors, type TimedCase,
} from './fanOutCases';
import { DIFF_CASES, LEADERBOARD_CASES, measureLoad, RENDER_CASES } from './hostCases';
import { writeResults, type Row } from './resultsReport';

const q = (xs: readonly number[], p: number): number => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};

/** Per case, the wrong results it gave (only cases with `mustBeExact: false` may, without ending their row). */
const wrongResults = new Map<string, string[]>();

async function interleave<C>(cases: Array<TimedCase & { mustBeExact?: boolean; run(ctx: C): Promise<string> }>, ctx: C, warmup: number, rounds: number): Promise<Map<string, number[]>> {
  const samples = new Map(cases.map((c) => [c.name, [] as number[]]));
  const phaseStarted = performance.now();
  for (let i = 0; i < warmup + rounds; i++) {
    console.log(`  ${cases[0]?.name.split(':')[0] ?? ''}: round ${i + 1}/${warmup + rounds}${i < warmup ? ' (warm-up)' : ''}, ${((performance.now() - phaseStarted) / 1000).toFixed(1)} s`);
    for (let j = 0; j < cases.length; j++) {
      const c = cases[(i + j) % cases.length];
      if (!c) continue;
      const started = performance.now();
      const out = await c.run(ctx);
      const ms = performance.now() - started;
      if (out !== c.expected) {
        // A wrong result is kept as a figure of its own (how often, and what), not averaged into the timings.
        wrongResults.set(c.name, [...(wrongResults.get(c.name) ?? []), out.slice(0, 120)]);
        if (c.mustBeExact !== false) throw new Error(`${c.name} produced the wrong result: ${out.slice(0, 200)}`);
        continue;
      }
      if (i >= warmup) samples.get(c.name)?.push(ms);
    }
  }
  return samples;
}

function pair(name: string, samples: Map<string, number[]>, ours: string, base: string, target: string, baseLabel: string): Row {
  const o = samples.get(ours) ?? [];
  const b = samples.get(base) ?? [];
  const wrong = wrongResults.get(ours) ?? [];
  const wrongNote = wrong.length > 0 ? `; WRONG in ${wrong.length} of ${wrong.length + o.length} rounds (${wrong[0]}), those rounds not timed` : '';
  return { name, ours: `${q(o, 0.5).toFixed(1)} ms (p10–p90 ${q(o, 0.1).toFixed(1)}–${q(o, 0.9).toFixed(1)})${wrongNote}`, base: `${baseLabel}: ${q(b, 0.5).toFixed(1)} ms (p10–p90 ${q(b, 0.1).toFixed(1)}–${q(b, 0.9).toFixed(1)})`, ratio: q(o, 0.5) / q(b, 0.5), target };
}

/** Runs one row's measurement; a failure becomes that row's figure (with its reason) instead of ending the run. */
async function guarded(rows: Row[], name: string, target: string, measure: () => Promise<void>): Promise<void> {
  const started = performance.now();
  try {
    await measure();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`  ${name} FAILED: ${message}`);
    rows.push({ name, ours: `failed: ${message.slice(0, 300)}`, base: '—', ratio: Number.NaN, target });
  }
  console.log(`  … ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `BENCH_ONLY=fanout,throughput` (any of fanout, throughput, promptfoo, render, diff, leaderboard, load, chromium)
 * runs only those rows, for iterating; it prints them and writes nothing.
 */
const ONLY = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim()).filter(Boolean);
const only = (row: string): boolean => !ONLY || ONLY.includes(row);

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0] ?? 0;
  const started = performance.now();
  console.log('Building dist/ …');
  if (spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'ignore' }).status !== 0) throw new Error('build failed');
  const rows: Row[] = [];
  const notes: string[] = [];

  const pacedFakes = await FakesProcess.start();
  const fakes = await startFakeProviders({});
  scriptFanOutModels(fakes);
  const tap = await StreamTap.start(pacedFakes.openaiBaseUrl);
  const ctx = fanOutContext(fakes.openaiBaseUrl, tap);
  try {
    if (only('fanout')) {
    console.log('Fan-out, TTFT …');
    // The very first run after start-up: the cold TTFT figure.
    await tap.take();
    const cold = await FAN_OUT_CASES[0]?.run(ctx);
    if (cold === undefined) throw new Error('no fan-out case');
    const coldErrors = ttftErrors(ctx.engineTtfts.splice(0), [await tap.take()])[0] ?? [];
    const tapRuns: Parameters<typeof ttftErrors>[1] = [];
    const fanCases = FAN_OUT_CASES.map((c) => ({ ...c, run: async (x: typeof ctx) => {
      await tap.take();
      const out = await c.run(x);
      const records = await tap.take();
      if (c === FAN_OUT_CASES[0]) tapRuns.push(records);
      return out;
    } }));
    const fan = await interleave(fanCases, ctx, 1, 6);
    const errors = ttftErrors(ctx.engineTtfts.slice(-tapRuns.length), tapRuns).flat().slice(-6 * 8);
    const fanRow = pair('fan-out wall, 8 models (TTFT 100–800 ms, 20–200 tok/s) ÷ slowest alone via raw SDK', fan, 'fan-out 8: compare engine', 'fan-out 8: slowest alone, raw SDK', '≤ 1.01', 'slowest raw');
    const eight = fan.get('fan-out 8: eight at once, raw SDK') ?? [];
    const slowest = fan.get('fan-out 8: slowest alone, raw SDK') ?? [];
    fanRow.base += `; peer, the same 8 requests at once via raw SDK (Promise.all): ${q(eight, 0.5).toFixed(1)} ms (p10–p90 ${q(eight, 0.1).toFixed(1)}–${q(eight, 0.9).toFixed(1)}), ÷ slowest ${(q(eight, 0.5) / q(slowest, 0.5)).toFixed(3)}`;
    rows.push(fanRow);
    const abs = errors.map(Math.abs);
    rows.push({
      name: 'TTFT error against a tap on the same stream (engine TTFT − tap TTFT)',
      ours: `median ${q(abs, 0.5).toFixed(2)} ms, p90 ${q(abs, 0.9).toFixed(2)} ms (signed median ${q(errors, 0.5).toFixed(2)}); cold (first run) max ${Math.max(...coldErrors.map(Math.abs)).toFixed(2)} ms`,
      base: `tap: first request byte → first answer byte, ${errors.length} model-runs`,
      ratio: Number.NaN,
      target: 'median ≤ 1 ms, p90 ≤ 3 ms, cold ≤ 5 ms',
    });
    }
    if (only('throughput')) {
    console.log('Throughput …');
    ctx.throughput.clear();
    await interleave(THROUGHPUT_CASES, ctx, 1, 5);
    const rate = (name: string) => {
      const list = (ctx.throughput.get(name) ?? []).slice(1);
      return { eps: q(list.map((r) => r.events / (r.ms / 1000)), 0.5), cpu: q(list.map((r) => r.cpuUs / r.events), 0.5) };
    };
    const ours = rate('throughput 8: compare engine');
    const raw = rate('throughput 8: raw SDK Promise.all');
    rows.push({
      name: 'stream throughput, 8 streams as fast as possible, events/s ÷ raw SDK',
      ours: `${ours.eps.toFixed(0)} events/s, ${ours.cpu.toFixed(1)} µs CPU/event`,
      base: `raw SDK: ${raw.eps.toFixed(0)} events/s, ${raw.cpu.toFixed(1)} µs CPU/event (CPU ×${(ours.cpu / raw.cpu).toFixed(2)})`,
      ratio: ours.eps / raw.eps,
      target: '≥ 0.95',
    });
    }

    if (only('promptfoo')) {
    console.log('promptfoo …');
    await guarded(rows, `promptfoo ${PROMPTFOO_VERSION}`, 'Parallax stays ahead', async () => {
    const missing = await ensurePromptfoo();
    if (missing) {
      rows.push({ name: `promptfoo ${PROMPTFOO_VERSION} eval -j 8 --no-cache, wall ÷ slowest raw call`, ours: 'not measured', base: missing, ratio: Number.NaN, target: 'Parallax stays ahead' });
    } else {
      const walls: number[] = [];
      const bases: number[] = [];
      const latencyErrors: number[] = [];
      for (let i = 0; i < 4; i++) {
        const order = i % 2 === 0;
        if (order) bases.push(await slowestRawJson(ctx.rawViaTap));
        await tap.take();
        const run = await runPromptfoo(ctx.tapBaseUrl, tap);
        if (i > 0) {
          walls.push(run.wallMs);
          latencyErrors.push(...run.latencyErrorsMs);
        }
        if (!order) bases.push(await slowestRawJson(ctx.rawViaTap));
      }
      const fanRatio = rows[0]?.ratio ?? Number.NaN;
      rows.push({
        name: `promptfoo ${PROMPTFOO_VERSION} \`eval -j 8 --no-cache\` on the same 8 endpoints (stream: false), wall ÷ slowest raw call`,
        ours: `promptfoo: ${q(walls, 0.5).toFixed(0)} ms (p10–p90 ${q(walls, 0.1).toFixed(0)}–${q(walls, 0.9).toFixed(0)}); its latencyMs − tap: median ${q(latencyErrors, 0.5).toFixed(1)} ms; no streaming, no TTFT`,
        base: `slowest raw SDK call, stream: false: ${q(bases, 0.5).toFixed(0)} ms. Parallax's fan-out ratio above: ${fanRatio.toFixed(3)}`,
        ratio: q(walls, 0.5) / q(bases, 0.5),
        target: 'Parallax stays ahead (side by side)',
      });
    }
    });
    }
  } finally {
    await tap.stop();
    await fakes.close();
    await pacedFakes.stop();
  }

  if (only('render')) {
  console.log('Render (Node) …');
  await guarded(rows, 'render (Node)', 'linear: ≤ 3', async () => {
    const render = await interleave(RENDER_CASES, undefined, 1, 3);
    rows.push(pair('1 MB answer in 10k chunks, one open code block: total render CPU (Node, markdown only, every chunk rendered) ÷ one full render', render, 'render 1 MB / 10k chunks: streamed, every chunk', 'render 1 MB / 10k chunks: one full render', 'linear: ≤ 3', 'one full render'));
  });
  }
  if (only('diff')) {
  console.log('Diff …');
  await guarded(rows, 'diff of two 10k-line files', '≤ 3, never blocking > 50 ms', async () => {
    const diff = await interleave(DIFF_CASES, undefined, 2, 15);
    rows.push(pair('diff of two 10k-line files, 5% changed, ÷ git diff --no-index (lineDiffStats is synchronous: its time is how long it blocks; git includes its process start)', diff, 'diff 10k lines, 5% changed: lineDiffStats', 'diff 10k lines, 5% changed: git diff --no-index', '≤ 3, never blocking > 50 ms', 'git'));
  });
  }
  if (only('leaderboard')) {
  console.log('Leaderboard …');
  await guarded(rows, 'leaderboard', '≤ 200 ms', async () => {
    const board = await interleave(LEADERBOARD_CASES, undefined, 1, 4);
    rows.push(pair('leaderboard: 10k votes, 20 models, 200 bootstrap rounds (results checked against the old bootstrap every round, to 1e-6)', board, 'leaderboard 10k votes, 20 models, 200 rounds: rateModels', 'leaderboard 10k votes, 20 models, 200 rounds: old bootstrap', '≤ 200 ms', 'old bootstrap'));
  });
  }
  if (only('load')) {
  console.log('Load …');
  await guarded(rows, 'load', '≤ 20 ms; ≤ 150 KB run at load', async () => {
    const load = await measureLoad(7);
    rows.push({
      name: '`require(dist/extension.js)` (minified, as released) with a stub `vscode`, fresh process',
      ours: `${q(load.requireMs, 0.5).toFixed(1)} ms (p10–p90 ${q(load.requireMs, 0.1).toFixed(1)}–${q(load.requireMs, 0.9).toFixed(1)}); ${load.ranAtLoadKB.toFixed(1)} KB of ${load.bundleKB.toFixed(1)} KB ran at load (V8 coverage)`,
      base: load.deferredMs.length > 0 ? `then, in activate(): require(dist/extensionWiring.js, ${load.wiringKB.toFixed(0)} KB) ${q(load.deferredMs, 0.5).toFixed(1)} ms (p10–p90 ${q(load.deferredMs, 0.1).toFixed(1)}–${q(load.deferredMs, 0.9).toFixed(1)})` : 'one bundle: everything runs at load',
      ratio: q(load.requireMs, 0.5) / 20,
      target: '≤ 20 ms; ≤ 150 KB run at load',
    });
  });
  }

  const skipped = { totalMs: Number.NaN, longestTaskMs: Number.NaN, longTasks: 0, longestTaskCpuMs: Number.NaN, tasksOver50MsCpu: 0, chunkToPixelMs: { p50: Number.NaN, p95: Number.NaN, max: Number.NaN, samples: 0 }, savedStates: 0, largestSavedChars: 0, chromium: 'not run (BENCH_ONLY)', finished: false, chars: 0, chunks: 0 };
  if (only('chromium')) console.log('Chromium …');
  const browser = !only('chromium') ? skipped : await measureBrowserRender(1_000_000, 10_000, 90_000).catch((err: unknown) => {
    notes.push(`The Chromium measurement failed: ${err instanceof Error ? err.message.slice(0, 300) : String(err)}`);
    const nan = Number.NaN;
    return { totalMs: nan, longestTaskMs: nan, longTasks: 0, longestTaskCpuMs: nan, tasksOver50MsCpu: 0, chunkToPixelMs: { p50: nan, p95: nan, max: nan, samples: 0 }, savedStates: 0, largestSavedChars: 0, chromium: '?', finished: false, chars: 0, chunks: 0 };
  });
  notes.push(`Chromium ${browser.chromium}, ${8} columns × ${browser.chars / 1000} KB in ${browser.chunks} chunks each, one \`updates\` message per chunk round every ${SEND_INTERVAL_MS} ms from a worker; all sent within the 90 s cap: ${browser.finished}; state saves during the run: ${browser.savedStates} (largest ${(browser.largestSavedChars / 1e6).toFixed(1)} MB of JSON)`);

  mkdirSync(join(__dirname, 'results'), { recursive: true });
  const pkg = (name: string) => (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end${loadAtStart > 1 ? ' (other work was running when it started)' : ''}`,
    versions: `Node ${process.version}; openai ${pkg('openai')}, @anthropic-ai/sdk ${pkg('@anthropic-ai/sdk')}, markdown-it ${pkg('markdown-it')}, highlight.js ${pkg('highlight.js')}, diff ${pkg('diff')}, git ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim()}`,
    durationS: Math.round((performance.now() - started) / 1000),
  };
  if (!ONLY) {
    writeFileSync(join(__dirname, 'results', 'latest.json'), `${JSON.stringify({ meta, rows, browser }, null, 2)}\n`);
    writeResults(join(__dirname, 'results.md'), meta, rows, browser, notes);
  }
  for (const r of rows) console.log(`${r.name}\n  ours: ${r.ours}\n  base: ${r.base}\n  ratio: ${Number.isFinite(r.ratio) ? r.ratio.toFixed(3) : '—'}  target: ${r.target}`);
  console.log(`Chromium: ${JSON.stringify(browser)}`);
  console.log(ONLY ? `\nBENCH_ONLY=${ONLY.join(',')}: ${meta.durationS} s, nothing written (load average ${meta.machine.replace(/.*load average /, '')})` : `\nWrote bench/results.md in ${meta.durationS} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

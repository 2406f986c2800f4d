/**
 * Host-side rows of the table: rendering the long answer in Node (markdown only; DOMPurify needs a DOM and
 * is measured in Chromium), the diff of two 10k-line files against `git diff --no-index`, the leaderboard's
 * bootstrap against the old way of doing it, and loading the extension bundle with a stub `vscode`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { lineDiffStats } from '../src/core/edits/diffStats';
import type { Comparison } from '../src/core/prefs/pairwiseOutcomes';
import { bootstrapRatings, rateModels } from '../src/core/prefs/ratings';
import { mulberry32 } from '../src/core/prefs/seededRandom';
import { renderMarkdown } from '../src/webview/common/markdownRenderer';
import { fitBradleyTerry, toEloScale } from '../test/unit/prefs/plainBradleyTerry';
import { StreamingMarkdownRenderer } from '../src/webview/results/streamingMarkdown';
import { chunksOf, LONG_ANSWER_CHUNKS, longAnswer } from './longAnswer';
import type { TimedCase } from './fanOutCases';

const run = promisify(execFile);

// ------------------------------------------------------------------------------------------------ render (Node)

const ANSWER = longAnswer();
const CHUNKS = chunksOf(ANSWER, LONG_ANSWER_CHUNKS);
const FINAL_HTML = renderMarkdown(ANSWER);

function streamedRender(): string {
  const renderer = new StreamingMarkdownRenderer(renderMarkdown);
  let stable = '';
  let tail = '';
  let end = 0;
  CHUNKS.forEach((chunk, i) => {
    // Slices of one flat string, as a buffer would hand them out (see results.md on concatenated strings).
    end += chunk.length;
    const text = ANSWER.slice(0, end);
    const step = renderer.step(text, i < CHUNKS.length - 1);
    stable = step.reset ? step.append : stable + step.append;
    if (step.tail?.kind === 'html' || step.tail?.kind === 'close-code') tail = step.tail.html;
    else if (step.tail) tail = (step.tail.open ? step.tail.open.headHtml : tail) + step.tail.text;
  });
  return stable + tail;
}

export const RENDER_CASES: Array<TimedCase & { run(): Promise<string> }> = [
  { name: 'render 1 MB / 10k chunks: one full render', expected: FINAL_HTML, run: async () => renderMarkdown(ANSWER) },
  { name: 'render 1 MB / 10k chunks: streamed, every chunk', expected: FINAL_HTML, run: async () => streamedRender() },
];

// ------------------------------------------------------------------------------------------------ diff

function tenThousandLines(): { a: string; b: string; dir: string } {
  const lines = Array.from({ length: 10_000 }, (_, i) => `  const value${i} = compute(${i}, items[${i % 97}]); // line ${i}`);
  const changed = lines.map((line, i) => (i % 20 === 7 ? `${line} // changed` : line));
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-diff-'));
  const a = `${lines.join('\n')}\n`;
  const b = `${changed.join('\n')}\n`;
  writeFileSync(join(dir, 'a.ts'), a);
  writeFileSync(join(dir, 'b.ts'), b);
  return { a, b, dir };
}

const DIFF = tenThousandLines();

export const DIFF_CASES: Array<TimedCase & { mustBeExact?: boolean; run(): Promise<string> }> = [
  {
    name: 'diff 10k lines, 5% changed: git diff --no-index',
    expected: '500 500',
    async run() {
      const result = await run('git', ['diff', '--no-index', '--numstat', 'a.ts', 'b.ts'], { cwd: DIFF.dir }).catch((err: { stdout?: string; code?: number }) => {
        if (err.code === 1 && err.stdout) return { stdout: err.stdout };
        throw err;
      });
      const [added, removed] = result.stdout.trim().split(/\s+/);
      return `${added} ${removed}`;
    },
  },
  {
    name: 'diff 10k lines, 5% changed: lineDiffStats',
    expected: '500 500',
    // Its 50 ms bound is wall-clock: on a machine loaded enough it gives up (approximate), which the row counts.
    mustBeExact: false,
    async run() {
      const stats = lineDiffStats(DIFF.a, DIFF.b);
      return `${stats.added} ${stats.removed}${stats.approximate ? ' (approximate)' : ''}`;
    },
  },
];

// ------------------------------------------------------------------------------------------------ leaderboard

const MODELS = 20;
const VOTES = 10_000;

function seededVotes(): { keys: string[]; groups: Comparison[][] } {
  const random = mulberry32(2026);
  const keys = Array.from({ length: MODELS }, (_, i) => `provider:model-${i}:m${i}`);
  const groups = Array.from({ length: VOTES }, () => {
    const shown = [...keys].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 3));
    const winner = shown.reduce((best, k) => (keys.indexOf(k) * random() < keys.indexOf(best) * random() ? k : best));
    return shown.filter((k) => k !== winner).map((b): Comparison => ({ a: winner, b, scoreA: random() < 0.1 ? 0.5 : 1 }));
  });
  return { keys, groups };
}

/**
 * The bootstrap as main had it: concatenate the drawn runs' comparisons and refit them with the fit of that time
 * (test/unit/prefs/plainBradleyTerry.ts, kept verbatim).
 */
function oldBootstrap(keys: string[], groups: Comparison[][]): number[][] {
  const random = mulberry32(1);
  const draws = keys.map(() => [] as number[]);
  for (let s = 0; s < 200; s++) {
    const resample: Comparison[] = [];
    for (let g = 0; g < groups.length; g++) resample.push(...(groups[Math.floor(random() * groups.length)] ?? []));
    const ratings = toEloScale(fitBradleyTerry(keys, resample, { priorGames: 1 }));
    keys.forEach((k, i) => draws[i]?.push(ratings.get(k) ?? 1000));
  }
  return draws.map((d) => d.sort((x, y) => x - y));
}

const VOTES_DATA = seededVotes();
/**
 * Results as compared round by round: rounded to 1e-6 rating points. The new bootstrap warm-starts each fit from
 * the point fit and solves it with fewer operations, so it agrees with the old one to the fit's tolerance (~1e-12),
 * not bit for bit.
 */
const rounded = (value: unknown): string => JSON.stringify(value, (_key, x: unknown) => (typeof x === 'number' ? Number(x.toFixed(6)) : x));
/** The old bootstrap's draws: the new one must give these (checked when the bench starts, below). */
const REFERENCE_DRAWS = rounded(oldBootstrap(VOTES_DATA.keys, VOTES_DATA.groups));
/** rateModels' whole output, from a call whose bootstrap was checked against the reference: every round must match it. */
const REFERENCE_RATINGS = (() => {
  if (rounded(bootstrapRatings(VOTES_DATA.keys, VOTES_DATA.groups)) !== REFERENCE_DRAWS) return 'bootstrapRatings differs from the old bootstrap';
  return rounded(rateModels(VOTES_DATA.keys, VOTES_DATA.groups));
})();

export const LEADERBOARD_CASES: Array<TimedCase & { run(): Promise<string> }> = [
  {
    name: 'leaderboard 10k votes, 20 models, 200 rounds: old bootstrap',
    expected: REFERENCE_DRAWS,
    run: async () => rounded(oldBootstrap(VOTES_DATA.keys, VOTES_DATA.groups)),
  },
  {
    // Timed whole (point fit, standard errors, 200-resample bootstrap, ranks), once per round.
    name: 'leaderboard 10k votes, 20 models, 200 rounds: rateModels',
    expected: REFERENCE_RATINGS,
    run: async () => rounded(rateModels(VOTES_DATA.keys, VOTES_DATA.groups)),
  },
];

// ------------------------------------------------------------------------------------------------ load

export interface LoadFigures {
  requireMs: number[];
  /** Requiring the bundle `activate` loads on demand (none when the host is one bundle). */
  deferredMs: number[];
  bundleKB: number;
  wiringKB: number;
  ranAtLoadKB: number;
}

/**
 * The loader run in a fresh process: `vscode` is a plain object holding every top-level name of the API (read
 * from @types/vscode, so esbuild's namespace import copies them), each a proxy that answers anything. It prints
 * how long `require(extension.js)` took (what VS Code does before activating), then how long requiring the
 * bundle `activate` loads (`extensionWiring.js`, when there is one) took. (With a bare proxy, `import * as vscode`
 * copied no names, the bundle threw at load and the figure read 0.)
 */
const LOADER = `
const Module = require('node:module');
const { existsSync } = require('node:fs');
const { join, dirname } = require('node:path');
const original = Module._load;
const stub = new Proxy(function () {}, { get: (t, p) => (p === 'then' ? undefined : p === Symbol.toPrimitive ? () => 0 : stub), apply: () => stub, construct: () => stub });
const vscode = Object.fromEntries(JSON.parse(process.argv[2]).map((n) => [n, stub]));
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : original.call(this, request, ...rest); };
let started = performance.now();
require(process.argv[1]);
const requireMs = performance.now() - started;
const wiring = join(dirname(process.argv[1]), 'extensionWiring.js');
started = performance.now();
if (existsSync(wiring)) require(wiring);
process.stdout.write(JSON.stringify({ requireMs, deferredMs: existsSync(wiring) ? performance.now() - started : undefined }));
`;

function vscodeNames(): string[] {
  const types = readFileSync(join('node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  return [...new Set([...types.matchAll(/^\texport (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1] as string))];
}

/** Builds the host bundles as released (minified), then requires them in fresh processes; V8 coverage gives what ran. */
export async function measureLoad(rounds: number): Promise<LoadFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-load-'));
  const bundle = join(dir, 'extension.js');
  await buildReleaseHost(dir);
  const names = JSON.stringify(vscodeNames());
  const requireMs: number[] = [];
  const deferredMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const out = spawnSync(process.execPath, ['-e', LOADER, bundle, names], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`requiring the bundle failed: ${out.stderr.split('\n').filter((l) => /Error/.test(l)).join(' ').slice(0, 300)}`);
    const figures = JSON.parse(out.stdout) as { requireMs: number; deferredMs?: number };
    requireMs.push(figures.requireMs);
    if (figures.deferredMs !== undefined) deferredMs.push(figures.deferredMs);
  }
  const coverageDir = join(dir, 'coverage');
  spawnSync(process.execPath, ['-e', LOADER.replace(/const wiring[\s\S]*$/, ''), bundle, names], { env: { ...process.env, NODE_V8_COVERAGE: coverageDir } });
  const source = readFileSync(bundle, 'utf8');
  const wiring = join(dir, 'extensionWiring.js');
  const wiringKB = existsSync(wiring) ? statSync(wiring).size / 1024 : 0;
  return { requireMs, deferredMs, bundleKB: Buffer.byteLength(source) / 1024, wiringKB, ranAtLoadKB: executedBytes(coverageDir, bundle, source.length) / 1024 };
}

/** The host bundle as `esbuild.mjs --production` makes it (with any lazily loaded chunks), into `dir`. */
async function buildReleaseHost(dir: string): Promise<void> {
  const out = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--host-only', `--outdir=${dir}`], { encoding: 'utf8' });
  if (out.status !== 0) {
    // An esbuild.mjs without those flags: build the single bundle here.
    await esbuild.build({ entryPoints: ['src/extension.ts'], bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], mainFields: ['module', 'main'], outfile: join(dir, 'extension.js'), logLevel: 'silent', legalComments: 'none' });
  }
}

interface V8Coverage {
  result: Array<{ url: string; functions: Array<{ ranges: Array<{ startOffset: number; endOffset: number; count: number }> }> }>;
}

/** Characters of `file` inside functions (and blocks) that ran, from V8's precise coverage. */
function executedBytes(coverageDir: string, file: string, length: number): number {
  const ran = new Uint8Array(length);
  for (const name of readdirSync(coverageDir)) {
    const coverage = JSON.parse(readFileSync(join(coverageDir, name), 'utf8')) as V8Coverage;
    const script = coverage.result.find((s) => s.url.endsWith(file));
    if (!script) continue;
    const ranges = script.functions.flatMap((f) => f.ranges).sort((x, y) => y.endOffset - y.startOffset - (x.endOffset - x.startOffset));
    for (const r of ranges) ran.fill(r.count > 0 ? 1 : 0, r.startOffset, Math.min(length, r.endOffset));
  }
  return ran.reduce((sum, v) => sum + v, 0);
}

/**
 * The results webview bundle (dist/webview/results.js) in headless Chromium with a stand-in host: an
 * `acquireVsCodeApi` shim, and the host's real protocol messages (`run`, then `updates`) posted to the window.
 * Eight columns stream the same 1 MB answer in 10k chunks at once (one `updates` message per chunk round, 4 ms
 * apart), then end. Measured in the page: total time, the longest main-thread task (PerformanceObserver
 * `longtask`) and, per chunk, the time from its message's arrival to the first animation frame after the DOM
 * changed for it (its pixels).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readVscodeEnv } from '../scripts/lib/vscodeEnv.cjs';
import { CHROMIUM_ARGS } from '../test/e2e/harness/e2eSession';
import { chunksOf, longAnswer } from './longAnswer';

export const BROWSER_COLUMNS = 8;

export interface BrowserRenderFigures {
  totalMs: number;
  longestTaskMs: number;
  longTasks: number;
  chunkToPixelMs: { p50: number; p95: number; max: number; samples: number };
  chromium: string;
}

const root = resolve(__dirname, '..');

function page(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-browser-'));
  const href = (p: string) => pathToFileURL(join(root, p)).href;
  const html = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${href('media/common.css')}"><link rel="stylesheet" href="${href('media/results.css')}">
</head><body><div id="app"></div>
<script>
window.__bench = { arrivals: [], longTasks: [] };
// tsx compiles the evaluated driver with esbuild keepNames, which calls __name.
window.__name = (f) => f;
window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: () => {} });
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
window.addEventListener('message', (e) => { if (e.data && e.data.type === 'updates') window.__bench.arrivals.push({ at: performance.now(), painted: undefined }); });
</script>
<script src="${href('dist/webview/results.js')}"></script></body></html>`;
  const file = join(dir, 'index.html');
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

export async function measureBrowserRender(chars: number, chunkCount: number, capMs: number): Promise<BrowserRenderFigures & { finished: boolean; chars: number; chunks: number }> {
  readFileSync(join(root, 'dist', 'webview', 'results.js'));
  const browser = await chromium.launch({ executablePath: readVscodeEnv().chromiumPath, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await tab.goto(page());
    const cdp = process.env.BENCH_PROFILE ? await tab.context().newCDPSession(tab) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    // BENCH_TRACE=file.json: a Chromium trace (devtools.timeline) of the run, to see layout, style and paint.
    if (process.env.BENCH_TRACE) await browser.startTracing(tab, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    const chunks = chunksOf(longAnswer(chars), chunkCount);
    const figures = await tab.evaluate(
      async ({ chunks, columns, capMs }) => {
        const bench = (window as unknown as { __bench: { arrivals: Array<{ at: number; painted?: number }>; longTasks: number[] } }).__bench;
        const ids = Array.from({ length: columns }, (_, i) => `c${i}`);
        let lastPaint = 0;
        let firstUnpainted = 0;
        new MutationObserver(() => {
          const changedAt = performance.now();
          requestAnimationFrame(() => {
            const painted = performance.now();
            lastPaint = painted;
            while (firstUnpainted < bench.arrivals.length && (bench.arrivals[firstUnpainted]?.at ?? Infinity) <= changedAt) {
              const arrival = bench.arrivals[firstUnpainted];
              if (arrival) arrival.painted = painted;
              firstUnpainted++;
            }
          });
        }).observe(document.getElementById('app') as HTMLElement, { childList: true, subtree: true, characterData: true });
        const post = (message: unknown) => window.postMessage(message, '*');
        post({
          type: 'run',
          run: {
            runId: 'bench', template: 'explain', title: 'Benchmark', createdAt: new Date().toISOString(), requestHash: 'bench', contextLabel: 'bench',
            columns: ids.map((columnId, i) => ({ columnId, displayLabel: `Model ${i}` })),
            states: ids.map((columnId) => ({ columnId, state: 'streaming', text: '', reasoning: '' })),
            blind: false, readOnly: false, reasonTags: [],
          },
        });
        const started = performance.now();
        let finished = true;
        for (const text of chunks) {
          if (performance.now() - started > capMs) {
            finished = false;
            break;
          }
          post({ type: 'updates', runId: 'bench', updates: ids.map((columnId) => ({ kind: 'delta', columnId, channel: 'text', text })) });
          await new Promise((r) => setTimeout(r, 0));
        }
        post({ type: 'updates', runId: 'bench', updates: ids.map((columnId) => ({ kind: 'state', columnId, state: 'done' })) });
        // Done when every column shows `done` and nothing has changed for half a second.
        for (;;) {
          await new Promise((r) => setTimeout(r, 100));
          const done = document.querySelectorAll('[data-testid="column"][data-state="done"]').length === columns;
          if ((done && performance.now() - lastPaint > 500) || performance.now() - started > capMs + 30_000) break;
        }
        const delays = bench.arrivals.filter((a) => a.painted !== undefined).map((a) => (a.painted as number) - a.at).sort((a, b) => a - b);
        const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] ?? NaN;
        return {
          finished,
          totalMs: lastPaint - started,
          longestTaskMs: Math.max(0, ...bench.longTasks),
          longTasks: bench.longTasks.length,
          chunkToPixelMs: { p50: q(0.5), p95: q(0.95), max: delays[delays.length - 1] ?? NaN, samples: delays.length },
          answerChars: Array.from(document.querySelectorAll('[data-testid="answer"]')).map((a) => a.textContent?.length ?? 0),
        };
      },
      { chunks, columns: BROWSER_COLUMNS, capMs },
    );
    if (process.env.BENCH_TRACE) await browser.stopTracing();
    if (cdp) writeFileSync(process.env.BENCH_PROFILE ?? '', JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (figures.finished && figures.answerChars.some((n) => n < 0.9 * chunks.join('').length)) throw new Error(`columns did not render the whole answer: ${figures.answerChars.join(', ')}`);
    return { ...figures, chromium: browser.version(), chars, chunks: chunkCount };
  } finally {
    await browser.close();
  }
}

/**
 * Just this row: `node --import tsx bench/browserRender.ts [chars] [chunks] [capMs]` (defaults: the full 1 MB in 10k
 * chunks, 240 s cap). Builds dist/ first. `BENCH_PROFILE=file.cpuprofile` writes the page's CPU profile.
 */
async function runAlone(): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const [chars = 1_000_000, chunks = 10_000, capMs = 240_000] = process.argv.slice(2).map(Number);
  const figures = await measureBrowserRender(chars, chunks, capMs);
  console.log(JSON.stringify(figures, null, 2));
}

if (require.main === module) {
  runAlone().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

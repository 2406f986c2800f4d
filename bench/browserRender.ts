/**
 * The results webview bundle (dist/webview/results.js) in headless Chromium with a stand-in host: an
 * `acquireVsCodeApi` shim (its setState serialises, as VS Code's does), and the host's real protocol messages
 * (`run`, then `updates`) sent from a worker, at its own pace, to the window. Eight columns stream the same 1 MB
 * answer in 10k chunks at once (one `updates` message per chunk round, SEND_INTERVAL_MS apart), then end. Measured
 * in the page: total time, the longest main-thread task (PerformanceObserver `longtask`) and, per chunk and column,
 * the time from its message being sent to the first animation frame after that column's answer changed (its
 * pixels; the wait in the page's queue counts).
 */
import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { readVscodeEnv } from '../scripts/lib/vscodeEnv.cjs';
import { CHROMIUM_ARGS } from '../test/e2e/harness/e2eSession';
import { chunksOf, longAnswer } from './longAnswer';

export const BROWSER_COLUMNS = 8;
/** The stand-in host sends one `updates` message (a chunk for each column) this often. */
export const SEND_INTERVAL_MS = 4;

export interface BrowserRenderFigures {
  totalMs: number;
  /** Wall time of the longest main-thread task (PerformanceObserver \`longtask\`), and how many were over 50 ms. */
  longestTaskMs: number;
  longTasks: number;
  /** CPU time of the longest main-thread task (from a \`toplevel\` trace), and how many took over 50 ms of CPU. */
  longestTaskCpuMs: number;
  tasksOver50MsCpu: number;
  chunkToPixelMs: { p50: number; p95: number; max: number; samples: number };
  /** How often the webview saved its state, and the largest one (characters of JSON). */
  savedStates: number;
  largestSavedChars: number;
  chromium: string;
}

const root = resolve(__dirname, '..');

/**
 * BENCH_BUNDLE=dir/results.js measures another build of the bundle (e.g. main's, side by side with this one), with
 * dir/results.css instead of media/results.css when there is one.
 */
function bundlePath(): string {
  return process.env.BENCH_BUNDLE ? resolve(process.env.BENCH_BUNDLE) : join(root, 'dist', 'webview', 'results.js');
}

function stylesheetPath(): string {
  const beside = join(dirname(bundlePath()), 'results.css');
  return process.env.BENCH_BUNDLE && existsSync(beside) ? beside : join(root, 'media', 'results.css');
}

function page(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-browser-'));
  const href = (p: string) => pathToFileURL(join(root, p)).href;
  const html = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="${href('media/common.css')}"><link rel="stylesheet" href="${pathToFileURL(stylesheetPath()).href}">
</head><body><div id="app"></div>
<script>
window.__bench = { longTasks: [], saves: 0, savedChars: 0 };
// tsx compiles the evaluated driver with esbuild keepNames, which calls __name.
window.__name = (f) => f;
// As in VS Code, setState serialises the state in the webview (to post it to the host).
window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: (s) => { window.__bench.saves++; window.__bench.savedChars = Math.max(window.__bench.savedChars, JSON.stringify(s).length); } });
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
</script>
<script src="${pathToFileURL(bundlePath()).href}"></script></body></html>`;
  const file = join(dir, 'index.html');
  writeFileSync(file, html);
  return pathToFileURL(file).href;
}

/** The page's main-thread tasks (the `toplevel` category's RunTask on CrRendererMain) from a trace: the longest CPU time, and how many over 50 ms. */
function mainThreadTaskCpu(trace: Buffer): { longestMs: number; over50: number } {
  type TraceEvent = { ph?: string; name?: string; pid?: number; tid?: number; tdur?: number; args?: { name?: string } };
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const cpu = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined && main.has(`${e.pid}:${e.tid}`)).map((e) => (e.tdur ?? 0) / 1000);
  return { longestMs: Math.max(0, ...cpu), over50: cpu.filter((ms) => ms > 50).length };
}

export async function measureBrowserRender(chars: number, chunkCount: number, capMs: number): Promise<BrowserRenderFigures & { finished: boolean; chars: number; chunks: number }> {
  readFileSync(bundlePath());
  const browser = await chromium.launch({ executablePath: readVscodeEnv().chromiumPath, args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const pageErrors: string[] = [];
    tab.on('pageerror', (error) => pageErrors.push(String(error.stack ?? error)));
    if (process.env.BENCH_CONSOLE) tab.on('console', (m) => console.error('page:', m.text()));
    await tab.goto(page());
    const cdp = process.env.BENCH_PROFILE ? await tab.context().newCDPSession(tab) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    // BENCH_TRACE=file.json: a Chromium trace (devtools.timeline) of the run, to see layout, style and paint;
    // BENCH_TRACE_CATEGORIES adds categories (comma-separated, e.g. disabled-by-default-devtools.timeline.invalidationTracking).
    // Always traced: each main-thread task's CPU time (\`toplevel\`), which on a loaded machine is far less than its
    // wall time (the longtask figure): the difference is the thread waiting for a core.
    await browser.startTracing(tab, { ...(process.env.BENCH_TRACE ? { path: process.env.BENCH_TRACE } : {}), categories: ['toplevel', ...(process.env.BENCH_TRACE ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(process.env.BENCH_TRACE_CATEGORIES ?? '').split(',').filter(Boolean)] : [])] });
    const chunks = chunksOf(longAnswer(chars), chunkCount);
    const figures = await tab.evaluate(
      async ({ chunks, columns, capMs, intervalMs }) => {
        const bench = (window as unknown as { __bench: { longTasks: number[]; savedChars: number; saves: number } }).__bench;
        const ids = Array.from({ length: columns }, (_, i) => `c${i}`);
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
        for (;;) {
          if (document.querySelectorAll('[data-testid="answer"]').length === columns) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        // Per column: when each message was sent, and the first frame after that column's answer changed after it.
        const sentAt: number[] = [];
        const painted = ids.map(() => [] as number[]);
        let lastPaint = 0;
        Array.from(document.querySelectorAll('[data-testid="answer"]')).forEach((answer, column) => {
          // One frame callback per column per frame (not one per mutation), so measuring costs little of the page.
          let changedAt: number | undefined;
          new MutationObserver(() => {
            const first = changedAt === undefined;
            changedAt = performance.now();
            if (!first) return;
            requestAnimationFrame(() => {
              const at = performance.now();
              lastPaint = at;
              const list = painted[column] as number[];
              while (list.length < sentAt.length && (sentAt[list.length] ?? Infinity) <= (changedAt ?? at)) list.push(at);
              changedAt = undefined;
            });
          }).observe(answer, { childList: true, subtree: true, characterData: true });
        });
        // The stand-in host is a worker: it sends at its own pace whatever the page's main thread is doing, so a
        // message's time counts from when it was sent (waiting in the page's queue included), as from a real host.
        const host = `onmessage = (e) => {
  const { chunks, ids, intervalMs, capMs } = e.data;
  const started = performance.now();
  let i = 0;
  const send = () => {
    const over = performance.now() - started > capMs;
    if (i < chunks.length && !over) {
      const text = chunks[i++];
      postMessage({ at: performance.timeOrigin + performance.now(), message: { type: 'updates', runId: 'bench', updates: ids.map((columnId) => ({ kind: 'delta', columnId, channel: 'text', text })) } });
      setTimeout(send, intervalMs);
    } else {
      postMessage({ at: performance.timeOrigin + performance.now(), finished: !over, message: { type: 'updates', runId: 'bench', updates: ids.map((columnId) => ({ kind: 'state', columnId, state: 'done' })) } });
    }
  };
  send();
};`;
        const worker = new Worker(URL.createObjectURL(new Blob([host], { type: 'text/javascript' })));
        const started = performance.now();
        let finished: boolean | undefined;
        worker.onmessage = (e: MessageEvent<{ at: number; finished?: boolean; message: { type: string } }>) => {
          if (e.data.finished !== undefined) finished = e.data.finished;
          else sentAt.push(e.data.at - performance.timeOrigin);
          window.dispatchEvent(new MessageEvent('message', { data: e.data.message }));
        };
        worker.postMessage({ chunks, ids, intervalMs, capMs });
        // Done when every column shows `done` and nothing has changed for half a second.
        for (;;) {
          await new Promise((r) => setTimeout(r, 100));
          const done = finished !== undefined && document.querySelectorAll('[data-testid="column"][data-state="done"]').length === columns;
          if ((done && performance.now() - lastPaint > 500) || performance.now() - started > capMs + 30_000) break;
        }
        worker.terminate();
        const delays = painted.flatMap((list) => list.map((at, i) => at - (sentAt[i] ?? at))).sort((a, b) => a - b);
        const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))] ?? NaN;
        return {
          finished: finished === true,
          totalMs: lastPaint - started,
          longestTaskMs: Math.max(0, ...bench.longTasks),
          longTasks: bench.longTasks.length,
          chunkToPixelMs: { p50: q(0.5), p95: q(0.95), max: delays[delays.length - 1] ?? NaN, samples: delays.length },
          answerChars: Array.from(document.querySelectorAll('[data-testid="answer"]')).map((a) => a.textContent?.length ?? 0),
          /** The worst delay (over columns) in each tenth of the messages, in order: where in the stream the delays are. */
          worstByTenth: Array.from({ length: 10 }, (_, t) => {
            const from = Math.floor((t * sentAt.length) / 10);
            const to = Math.floor(((t + 1) * sentAt.length) / 10);
            return Math.round(Math.max(0, ...painted.flatMap((list) => list.slice(from, to).map((at, i) => at - (sentAt[from + i] ?? at)))));
          }),
          savedStates: bench.saves,
          largestSavedChars: bench.savedChars,
        };
      },
      { chunks, columns: BROWSER_COLUMNS, capMs, intervalMs: SEND_INTERVAL_MS },
    );
    const taskCpu = mainThreadTaskCpu(await browser.stopTracing());
    // BENCH_SCREENSHOT=file.png: the columns at the end (a long block is kept as streamed, in pieces).
    if (process.env.BENCH_SCREENSHOT) await tab.screenshot({ path: process.env.BENCH_SCREENSHOT });
    if (cdp) writeFileSync(process.env.BENCH_PROFILE ?? '', JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors.slice(0, 3).join('\n')}`);
    if (figures.finished && figures.answerChars.some((n) => n < 0.9 * chunks.join('').length)) throw new Error(`columns did not render the whole answer: ${figures.answerChars.join(', ')}`);
    return { ...figures, longestTaskCpuMs: taskCpu.longestMs, tasksOver50MsCpu: taskCpu.over50, chromium: browser.version(), chars, chunks: chunkCount };
  } finally {
    await browser.close();
  }
}

/**
 * Just this row: `node --import tsx bench/browserRender.ts [chars] [chunks] [capMs]` (defaults: the full 1 MB in 10k
 * chunks, 90 s cap, as `npm run bench`). Builds dist/ first (not with `BENCH_BUNDLE`). `BENCH_PROFILE=file.cpuprofile`
 * writes the page's CPU profile.
 */
async function runAlone(): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  if (!process.env.BENCH_BUNDLE && spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  const [chars = 1_000_000, chunks = 10_000, capMs = 90_000] = process.argv.slice(2).map(Number);
  const figures = await measureBrowserRender(chars, chunks, capMs);
  console.log(JSON.stringify(figures, null, 2));
}

if (require.main === module) {
  runAlone().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

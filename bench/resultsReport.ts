/** Writes bench/results.md: the table of figures, the Chromium render figures and what limits each missed target. */
import { writeFileSync } from 'node:fs';
import type { BrowserRenderFigures } from './browserRender';

export interface Row {
  name: string;
  ours: string;
  base: string;
  ratio: number;
  target: string;
}

const LIMITS = `## What limits the figures that miss their target, and what it would take

- **The machine.** Two cores. The load average at the start says whether other work was running (the bench's
  own servers and Chromium raise it towards 2 by the end). With other work, absolute milliseconds are inflated and
  noisy; the ratios of medians of cases run side by side, interleaved in rotating order, are what count.
- **Chromium render (8 columns × 1 MB in 10k chunks).** The stream is fed from a worker, so a chunk's time to
  pixels counts its wait in the page's queue, and the webview's \`setState\` serialises as VS Code's does. What
  was fixed (measured with \`BENCH_TRACE\`/\`BENCH_PROFILE\`): a long answer is kept in pieces (stable segments in
  groups of ~16 KB, the open code block in ~4 KB line-aligned block pieces, each \`content-visibility: auto\`), so
  layout no longer grows with the answer and the open block's text is no longer copied on every append; sanitised
  HTML enters as DOMPurify fragments (one parse instead of parse, serialise, re-parse); nothing is saved to the
  webview state while streaming (an 8 MB JSON per save); a long unhighlighted block is kept as streamed at the end
  instead of rebuilt. Then, from traces of the 171 tasks over 50 ms: nearly all were animation frames in which
  one column's render took on everything that had arrived since its last render (under the 10 ms frame budget a
  column was rendered every 100–150 ms, so 2–8 KB of markdown, 10–30 KB of highlighted HTML, 20–130 ms of
  markdown-it and DOMPurify in one go), followed by 40–60 ms of Chromium's style, layout, pre-paint and paint for
  the eight columns. Now each column's render takes on at most what fits about 4 ms (StableRenderBudget learns the
  time per character; at least one block; the rest in the next frames, with an empty tail meanwhile, and the same
  final HTML, tested), all \`updates\` that arrive before a frame still make one render per column, and a column's
  re-render is round-robin under the frame budget. A streaming answer keeps to its bottom by scroll offset
  (ResizeObserver → \`scrollTop\` after layout) instead of the reverse-flowing flex container, so Chromium scrolls
  the painted text instead of re-laying-out and repainting it (pre-paint about halved in traces of 8 × 200 KB),
  and nothing is laid out again when the stream ends (switching back to normal flow cost tens of ms of forced
  layout per column, all eight at once). Tried and not kept (no difference beyond the noise): smaller pieces
  (1.5 KB code, 8 KB groups), one DOMPurify call for the stable part and the tail together, a 33 ms minimum
  between a column's renders. Profiled and left: zod validation of \`updates\` and the structured clone of each
  message (\`HandlePostMessage\`) are each about 1% of the page's CPU (every message is still validated);
  flattening the concatenated answer string ~1–3%. What limits the figures now is the machine: the bench's page,
  its worker, Chromium's compositor and raster threads and whatever else runs share two cores, and the wall time
  of a task counts the time its thread waits for a core. The bench therefore also reports the longest task's CPU
  time (a \`toplevel\` trace): side by side with the previous bundle at load 3–4, tasks over 50 ms of CPU went
  from 121–312 to 12–19 per run while tasks over 50 ms of wall time only went from 270–500 to 145–210, and
  chunk-to-pixel p95 from 560–990 ms to 240–360 ms (five runs each, 8 × 1 MB). Of the remaining tasks over 50 ms of CPU, eight are the ends
  of the eight streams (one task per column of about 200 ms CPU, 150 ms of it layout: the open block is kept as
  streamed, not rebuilt, and what Chromium lays out again then — the column whose header changes, or the 500 KB
  block's pieces — was not pinned down), the rest frames with a major GC. Of the
  page's main-thread CPU (8 × 200 KB), about 30% is script (of the render script, DOMPurify's per-node work and
  the document it builds per call about two thirds, markdown-it most of the rest) and about half Chromium's own
  style, layout, pre-paint, paint and layerize for eight columns whose text changes every frame. What it would take: a machine with its cores free,
  or fewer frames' worth of work when eight columns stream at once (render only columns on screen — with 8
  columns at 1600 px all are — or lower the per-column rate as the column count grows, trading chunk-to-pixel time
  for smoothness); sanitising in a worker is not possible (DOMPurify needs a DOM).
- **Leaderboard.** The bootstrap counts draws per run into flat typed tallies, the fit runs on typed arrays, and
  each resample's Newton fit starts from the point fit (a few iterations instead of ~18). The draws agree with the
  plain reference to 1e-9 rating points (test/unit/prefs/ratingsEquivalence.test.ts; the bench checks every round
  to 1e-6). Together that is about 0.2× the old bootstrap, close to the 200 ms target on an idle machine but not
  reliably under it. What remains is about evenly the resample tallies (10k runs re-added per round) and the fits;
  the rest would take tallying each resample from per-run counts of identical runs (real logs repeat the same few
  models), or computing the intervals in a worker so the panel shows the point ratings first.
- **Diff.** \`lineDiffStats\` runs Myers' O((N+M)·D) search on interned line ids after trimming the common first
  and last lines (exact: the same counts as jsdiff, property-tested). It is bounded by work (edit length 2,000
  lines, 8 M work units ≈ 10–20 ms of one idle core) rather than by wall-clock time, so the same texts always give
  the same counts, also on a loaded machine (a 50 ms wall-clock bound gave up in 16 of 17 rounds in the previous
  run at load ≈ 20). \`git diff --no-index\` includes starting a process, which is most of its time. On a loaded
  machine its milliseconds are stretched by the scheduler, not by its work. Making any size exact without blocking
  would take running the search in slices (async) or a worker, which changes the callers
  (src/host/run/runSession.ts, src/core/edits/patchSetResolve.ts).
- **Load.** \`dist/extension.js\` is a 1 KB shell; \`activate()\` requires \`dist/extensionWiring.js\` (the
  services, zod's schemas, markdown-it). The provider SDKs, \`yaml\` and the tokenizer are bundles of their own,
  loaded on first use, which took the deferred bundle from 1.6 MB to 0.9 MB. That deferred require is reported next
  to the load figure: it is the cost a user pays on the first Parallax command. Cutting it further takes zod
  (~450 KB) off the activation path: settings and webview messages are validated with it from the first command.
  Activation in the real extension host is not measured here; the e2e suite activates the same bundles.
- **TTFT.** The clock starts when the SDK hands the request to \`fetch\` (a per-request hook), on a
  sub-millisecond clock (\`performance.timeOrigin + performance.now()\`). The first token is stamped when the
  engine receives the SDK's parsed event, so the error is what happens between the tap and that moment: the socket,
  undici's body stream, the SDK's SSE decoder and async iterators, and the other seven streams' work on the same
  event loop (the median error grows with the load: about 8 ms idle, 13 ms at load 12, 87 ms at load 20). What it
  would take: stamping the bytes where they arrive, in the \`fetch\` wrapper (a body stream that records each
  chunk's arrival, and the provider mapping its first text delta to the chunk that carried it), instead of where
  the parsed event reaches the engine; and for the start, undici's \`undici:client:sendHeaders\` diagnostics
  channel rather than the call to \`fetch\`.
- **Throughput.** Eight unpaced streams: the engine spends about 1.27× the raw SDK's CPU per delta event (a
  per-delta token estimate, the metrics snapshot, watchdog re-arming, the event fan-out to listeners), so at full
  speed it delivers fewer events per second. What it would take: coalescing deltas that arrive in the same turn
  of the event loop into one event, and re-arming the idle watchdog once per slice instead of per delta.
`;

export function writeResults(file: string, meta: { date: string; machine: string; versions: string; durationS: number }, rows: Row[], browser: BrowserRenderFigures & { finished: boolean }, notes: string[]): void {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  const table = rows.map((r) => `| ${cell(r.name)} | ${cell(r.ours)} | ${cell(r.base)} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(3) : '—'} | ${cell(r.target)} |`).join('\n');
  const text = `# Benchmarks (\`npm run bench\`)

Written by bench/run.ts from the run that produced it — do not edit by hand.

- Date: ${meta.date}
- Machine: ${meta.machine}
- Versions: ${meta.versions}
- Run time: ${meta.durationS} s

Cases run interleaved in rotating order within each phase; figures are medians with the p10–p90 spread; ratios are
ours ÷ baseline (or ÷ target where there is no peer). TTFT ground truth is a TCP tap in its own process that
timestamps the first request byte and the first answer byte of each request.

| figure | ours | baseline / peer | ratio | target |
|---|---|---|---|---|
${table}

## Rendering in Chromium (results webview bundle, stand-in host)

${notes.map((n) => `- ${n}`).join('\n')}
- Total time: ${browser.totalMs.toFixed(0)} ms
- Longest main-thread task: ${browser.longestTaskMs.toFixed(0)} ms (${browser.longTasks} tasks over 50 ms) — target: none over 50 ms
- Chunk arrival → pixels: p50 ${browser.chunkToPixelMs.p50.toFixed(1)} ms, p95 ${browser.chunkToPixelMs.p95.toFixed(1)} ms, max ${browser.chunkToPixelMs.max.toFixed(1)} ms (${browser.chunkToPixelMs.samples} chunk × column samples) — target: p95 ≤ 50 ms

${LIMITS}`;
  writeFileSync(file, text);
}

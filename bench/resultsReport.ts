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
  instead of rebuilt. Profiled and left: zod validation of \`updates\` is ~1% of the page's CPU; flattening the
  concatenated answer string ~2–3%. What limits the figures now: on two shared cores the renderer gets a fraction
  of a core, and over half of the page's time is Chromium's own style, layout, pre-paint, paint and commit for eight
  columns whose visible text changes every frame (in a trace of 8 × 200 KB: layout 1.9 s, paint 1.2 s, pre-paint
  0.7 s in 11 s). Pinning the answer by scroll offset instead of the reverse-flowing \`.pinned\` container was
  tried (ResizeObserver → \`scrollTop\`) and measured the same, so it was not kept. Still in script: DOMPurify's
  per-node work on new stable HTML (about a third of the render script time; it stays, every piece is sanitised),
  and re-rendering the prose tail each frame. What it would take: fewer frames' worth of work when eight columns
  stream at once (render only columns on screen — with 8 columns at 1600 px all are — or lower the per-column rate
  as the column count grows, trading chunk-to-pixel time for smoothness), or a machine with its cores free.
- **Leaderboard.** The baseline is the bootstrap as it was: concatenate the drawn runs' comparisons and refit them
  with the fit of that time (kept verbatim in test/unit/prefs/plainBradleyTerry.ts). Ours: each run is flattened
  once into kinds of comparison (winner, loser, score), and a resample adds integer counts per kind (at most
  20 · 19 · 3 kinds) instead of scores per comparison; the runs are drawn in bulk from the same seeded sequence
  (a loop with the PRNG state in a local, no closure call per draw: this was half of the remaining time); each
  resample's Newton fit starts from the point fit (a few iterations instead of ~18), computes each pair's
  derivatives once and solves its positive definite system by Cholesky instead of elimination. The draws agree
  with the plain reference to 1e-9 rating points (test/unit/prefs/ratingsEquivalence.test.ts; the bench checks
  every round to 1e-6). Measured side by side in CPU time on a loaded machine, these last changes took
  rateModels to 0.75× of the previous version. What remains is the 2 M seeded draws themselves (each resample
  draws every run, which the same intervals require) and the fits; past that it would take computing the
  intervals in a worker so the panel shows the point ratings first.
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

/**
 * The results webview's markdown cost per streamed chunk, measured in Node (the renderer is DOM-free; DOMPurify,
 * the second layer, needs a DOM and is left out): the incremental path the column uses (append the new stable
 * blocks, re-render the tail) against re-rendering the whole answer for every chunk. No throttle: every chunk is
 * rendered, the worst case.
 */
import { renderMarkdown } from '../src/webview/common/markdownRenderer';
import { StreamingMarkdownRenderer } from '../src/webview/results/streamingMarkdown';
import type { BenchCase } from './benchCase';

/** One render per host update: the host batches deltas per animation frame, several tokens each. */
const CHUNK_CHARS = 64;

/** A typical fix answer: explanation, a TypeScript block of ~60 lines, a list, a closing note. About 4 KB. */
function sampleAnswer(): string {
  const code = Array.from({ length: 60 }, (_, i) =>
    i % 6 === 0 ? `export function step${i}(items: readonly number[], limit = ${i}): number[] {` : i % 6 === 5 ? '}' : `  const v${i} = items.filter((n) => n > ${i}).slice(0, limit); // keep ${i}`,
  ).join('\n');
  return [
    'The loop reads one element past the end of the array: `i <= items.length` should be `i < items.length`.',
    '',
    'Here is the corrected function, with the bounds check moved into one place:',
    '',
    '```typescript',
    code,
    '```',
    '',
    'What changed:',
    '',
    '- the loop bound is now exclusive;',
    '- `limit` defaults to the page size instead of `undefined`;',
    '- the empty-list case returns early.',
    '',
    'This keeps the public signature, so no caller needs to change.',
  ].join('\n');
}

export const MARKDOWN_ANSWER = sampleAnswer();
const CHUNKS = Math.ceil(MARKDOWN_ANSWER.length / CHUNK_CHARS);
const FINAL_HTML = renderMarkdown(MARKDOWN_ANSWER);

/** Streams the answer chunk by chunk through the column's renderer; returns the final HTML. */
function incrementalStream(): string {
  const renderer = new StreamingMarkdownRenderer(renderMarkdown);
  let stable = '';
  let tail = '';
  for (let end = CHUNK_CHARS; ; end += CHUNK_CHARS) {
    const streaming = end < MARKDOWN_ANSWER.length;
    const step = renderer.step(MARKDOWN_ANSWER.slice(0, end), streaming);
    stable = step.reset ? step.append : stable + step.append;
    if (step.tail?.kind === 'html') tail = step.tail.html;
    else if (step.tail) tail = (step.tail.open ? step.tail.open.headHtml : tail) + step.tail.text;
    if (!streaming) return stable + tail;
  }
}

function fullStream(): string {
  let html = '';
  for (let end = CHUNK_CHARS; end < MARKDOWN_ANSWER.length + CHUNK_CHARS; end += CHUNK_CHARS) html = renderMarkdown(MARKDOWN_ANSWER.slice(0, end));
  return html;
}

export const MARKDOWN_CASES: Array<BenchCase<unknown>> = [
  { name: 'markdown: full re-render per chunk', expected: FINAL_HTML, steps: { name: 'chunk', count: CHUNKS }, run: async () => fullStream() },
  {
    name: 'markdown: incremental (stable + tail)',
    baseline: 'markdown: full re-render per chunk',
    expected: FINAL_HTML,
    steps: { name: 'chunk', count: CHUNKS },
    run: async () => incrementalStream(),
  },
];

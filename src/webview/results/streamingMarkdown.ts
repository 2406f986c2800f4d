/**
 * Incremental rendering of a streaming markdown answer. Re-parsing and re-sanitising the whole answer for every few
 * tokens grows with the answer's length; instead the answer is cut at the last blank line outside a code fence.
 * Everything before the cut is "stable" (rendered once, appended), only the tail after it is re-rendered. When the
 * stream ends the whole answer is rendered once more, so constructs that span blocks (loose lists, reference links)
 * come out exactly right. Pure.
 */

const fenceLine = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The offset just after the last blank line that is not inside a fenced code block (0 when there is none). Text
 * before it is made of complete blocks.
 */
export function stableBoundary(text: string): number {
  let boundary = 0;
  let fence: { char: string; length: number } | undefined;
  let offset = 0;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    if (newline === -1) break; // the last line is still being written
    const line = text.slice(offset, newline);
    const marker = fenceLine.exec(line)?.[1];
    if (marker) {
      const char = marker.charAt(0);
      if (!fence) fence = { char, length: marker.length };
      else if (char === fence.char && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    }
    offset = newline + 1;
    if (!fence && line.trim() === '') boundary = offset;
  }
  return boundary;
}

export type StreamingRenderPlan =
  /** Render everything from scratch (first render, final render, or the text no longer extends what was shown). */
  | { kind: 'full'; stableEnd: number }
  /** Append the stable text between `from` and `to`, then re-render the tail after `to`. */
  | { kind: 'append'; from: number; to: number };

/**
 * What to render next, given the new text, what is shown (`text` it was built from, `stableEnd` = the length of its
 * stable prefix) and whether the stream is still going.
 */
export function planRender(text: string, shown: { text: string; stableEnd: number }, streaming: boolean): StreamingRenderPlan {
  if (!streaming) return { kind: 'full', stableEnd: text.length };
  const extendsShown = text.length >= shown.stableEnd && text.startsWith(shown.text.slice(0, shown.stableEnd));
  const boundary = stableBoundary(text);
  if (!extendsShown || boundary < shown.stableEnd) return { kind: 'full', stableEnd: boundary };
  return { kind: 'append', from: shown.stableEnd, to: boundary };
}

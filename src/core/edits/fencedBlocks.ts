/**
 * Finds fenced code blocks in a model's markdown answer with markdown-it's CommonMark block parser:
 * ``` and ~~~ fences, longer fences around shorter ones, fences inside lists and quotes, and a final
 * fence left open by a truncated answer.
 */
import MarkdownIt from 'markdown-it';

export interface FencedBlock {
  /** First word of the info string, e.g. "ts" (empty when untagged). */
  lang: string;
  /** The code between the fences, LF line endings (ends with "\n" unless the fence was left open). */
  code: string;
  /** False when the answer ended before the closing fence. */
  terminated: boolean;
}

/** Only the block rules that matter for finding fences; inline parsing is irrelevant here. */
const markdown = new MarkdownIt('zero').enable(['fence', 'list', 'blockquote']);

const CLOSING_FENCE = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;

/** Whether the last line of a fence token is a closing fence matching its opening `markup`. */
function isClosed(lines: readonly string[], map: readonly [number, number], markup: string): boolean {
  const [start, end] = map;
  if (end - 1 <= start) return false;
  const closing = CLOSING_FENCE.exec(lines[end - 1] ?? '')?.[1];
  return closing !== undefined && closing[0] === markup[0] && closing.length >= markup.length;
}

/** All fenced blocks of `answerLf` (LF text) in order. */
export function findFencedBlocks(answerLf: string): FencedBlock[] {
  const lines = answerLf.split('\n');
  return markdown
    .parse(answerLf, {})
    .filter((token) => token.type === 'fence' && token.map !== null)
    .map((token) => ({
      lang: token.info.trim().split(/\s+/)[0] ?? '',
      code: token.content,
      terminated: token.map !== null && isClosed(lines, token.map, token.markup),
    }));
}

/** A fenced block with where it sits in the answer: what multi-file parsing needs to find a file label. */
export interface PlacedFencedBlock extends FencedBlock {
  /** The whole info string, e.g. "ts title=src/a.ts". */
  info: string;
  /** Line index (0-based) of the opening fence, and one past the closing fence (or the end). */
  startLine: number;
  endLine: number;
}

/** Like {@link findFencedBlocks}, with each block's info string and line range. */
export function findPlacedFencedBlocks(answerLf: string): PlacedFencedBlock[] {
  const lines = answerLf.split('\n');
  return markdown
    .parse(answerLf, {})
    .filter((token) => token.type === 'fence' && token.map !== null)
    .map((token) => {
      const map = token.map ?? [0, 0];
      return {
        lang: token.info.trim().split(/\s+/)[0] ?? '',
        info: token.info.trim(),
        code: token.content,
        terminated: isClosed(lines, map, token.markup),
        startLine: map[0],
        endLine: map[1],
      };
    });
}

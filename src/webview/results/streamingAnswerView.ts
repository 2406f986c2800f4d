/**
 * Applies StreamingMarkdownRenderer's steps to a column's answer: appends stable HTML (one segment element per
 * step), replaces the tail, or grows an open code block by appending its text (no re-parse, no re-highlight while
 * it streams). The open block is built like a rendered one (pre > code.language-x, pre.hljs when the language is
 * highlighted). A long block the tail did not show as it streamed (it arrived while the stable part caught up) is
 * built the same way from its text when the tail's final HTML is that block (TailBlock), instead of one 500 KB
 * element parsed, sanitised and laid out in one task.
 * A long answer is kept in pieces, so a frame's work follows what arrived, not the answer's length (PieceSplitter):
 * stable segments go into groups of about GROUP_CHARS, and an open code block's text into block pieces of about
 * CODE_PIECE_CHARS, cut at line ends. Groups and pieces off screen are skipped by layout and paint (results.css
 * `content-visibility`), so they stay cheap to keep in the DOM.
 */
import { canHighlight } from '../common/codeHighlighter';
import { sanitizeToFragment } from '../common/htmlSanitizer';
import { renderMarkdown } from '../common/markdownRenderer';
import { PieceSplitter } from './pieceSplitter';
import { StreamingMarkdownRenderer, type RenderStep } from './streamingMarkdown';

/** HTML characters per group of stable segments. */
export const GROUP_CHARS = 16_000;
/** Characters of an open code block per piece (about 60 lines of code). */
export const CODE_PIECE_CHARS = 4_000;

export class StreamingAnswerView {
  /** Markdown → HTML (markdown-it, raw HTML off); every piece is sanitised where it enters the DOM. */
  private readonly renderer = new StreamingMarkdownRenderer(renderMarkdown);
  private readonly groups = new PieceSplitter(GROUP_CHARS);
  private group: HTMLElement | undefined;
  private readonly codePieces = new PieceSplitter(CODE_PIECE_CHARS);
  private openCode: { code: HTMLElement; piece: Text | undefined } | undefined;

  constructor(
    private readonly stable: HTMLElement,
    private readonly tail: HTMLElement,
  ) {}

  /**
   * Shows `text`, rendering at most about `maxStableChars` of new stable markdown (StreamingMarkdownRenderer.step).
   * Returns whether more is waiting (show it again later) and how many markdown characters were rendered.
   */
  show(text: string, streaming: boolean, maxStableChars = Number.POSITIVE_INFINITY): { pending: boolean; renderedChars: number } {
    const step = this.renderer.step(text, streaming, maxStableChars);
    this.apply(step);
    return { pending: step.pending === true, renderedChars: this.renderer.renderedChars };
  }

  private apply(step: RenderStep): void {
    if (step.reset) {
      this.stable.replaceChildren();
      this.groups.reset();
      this.group = undefined;
    }
    if (step.append) this.appendStable(step.append);
    const tail = step.tail;
    if (!tail) return;
    if (tail.kind === 'close-code' && this.openCode) {
      // The shown block is the final HTML once its text is trimmed and completed: no rebuild of a long block.
      this.trimCode(this.openCode, tail.trim);
      this.appendCode(this.openCode, tail.text);
      // markdown-it ends a block with a newline after </pre>, as the rebuilt tail would hold.
      this.tail.append(document.createTextNode('\n'));
      this.openCode = undefined;
      return;
    }
    if (tail.kind === 'html' && tail.block) {
      // A long block that was not shown as it streamed: built from its text in pieces, like an open block, instead
      // of parsed, sanitised and laid out as one element.
      this.tail.replaceChildren(sanitizeToFragment(tail.block.headHtml));
      const open = this.openCodeBlock(tail.block.language, tail.block.hljs);
      this.appendCode(open, tail.block.text);
      this.tail.append(document.createTextNode('\n'));
      this.openCode = undefined;
      return;
    }
    if (tail.kind === 'html' || tail.kind === 'close-code') {
      this.openCode = undefined;
      this.tail.replaceChildren(sanitizeToFragment(tail.html));
      return;
    }
    if (tail.open || !this.openCode) {
      this.tail.replaceChildren(sanitizeToFragment(tail.open?.headHtml ?? ''));
      const language = tail.open?.language ?? '';
      this.openCode = this.openCodeBlock(language, canHighlight(language));
    }
    this.appendCode(this.openCode, tail.text);
  }

  /** One segment element per step, sanitised where it enters the DOM. */
  private appendStable(html: string): void {
    const segment = document.createElement('div');
    segment.className = 'answer-segment';
    segment.append(sanitizeToFragment(html));
    for (const placement of this.groups.place(html)) {
      if (placement.newPiece || !this.group) {
        this.group = document.createElement('div');
        this.group.className = 'answer-group';
        this.stable.append(this.group);
      }
    }
    this.group?.append(segment);
  }

  /** Plain text only (a Text node never parses markup). */
  private appendCode(open: { code: HTMLElement; piece: Text | undefined }, text: string): void {
    for (const placement of this.codePieces.placeLines(text)) {
      if (placement.newPiece || !open.piece) {
        const piece = document.createElement('span');
        piece.className = 'code-piece';
        open.piece = document.createTextNode('');
        piece.append(open.piece);
        open.code.append(piece);
      }
      open.piece.appendData(placement.text);
    }
  }

  /** Drops the last `count` characters of the block's text (pieces emptied by it are removed). */
  private trimCode(open: { code: HTMLElement; piece: Text | undefined }, count: number): void {
    let left = count;
    while (left > 0 && open.piece) {
      const cut = Math.min(left, open.piece.length);
      open.piece.deleteData(open.piece.length - cut, cut);
      left -= cut;
      if (open.piece.length > 0) break;
      open.piece.parentElement?.remove();
      const previous = open.code.lastElementChild?.firstChild;
      open.piece = previous instanceof Text ? previous : undefined;
    }
  }

  /** An empty block at the end of the tail: `pre` (`pre.hljs` when `hljs`) > `code.language-x`. */
  private openCodeBlock(language: string, hljs: boolean): { code: HTMLElement; piece: Text | undefined } {
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    if (hljs) pre.className = 'hljs';
    code.className = language ? `language-${language} code-pieces` : 'code-pieces';
    pre.append(code);
    this.tail.append(pre);
    this.codePieces.reset();
    return { code, piece: undefined };
  }
}

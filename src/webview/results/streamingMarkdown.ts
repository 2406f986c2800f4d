/**
 * Incremental rendering of a streaming markdown answer, linear in the answer's length:
 * - A scanner reads each line once and finds "safe cuts": after a blank line outside a code fence, followed by a
 *   line that starts a new top-level block (no indentation, no list marker). Markdown before a safe cut renders
 *   the same on its own as inside the whole answer, so it is rendered once and appended ("stable").
 * - The tail after the last cut is re-rendered — except an open fenced code block, whose new text is appended as
 *   plain text: it is highlighted once, when it closes, never again while it grows.
 * - When the stream ends only the tail is rendered once more, so streamed and one-shot rendering give the same
 *   HTML (test/unit/webview/streamingEquivalence.test.ts). An answer with link reference definitions (they reach
 *   across blocks) is rendered whole at the end instead.
 * Pure: the render function is injected (markdown → safe HTML).
 */

const fenceLine = /^ {0,3}(`{3,}|~{3,})(.*)$/;
/** A line that may continue the block before a blank line: indented (list item or code), or a list item. */
const continuesBlock = /^(?:[ \t]|(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$))/;
/** Conservative: anything that may be a link reference definition, also inside lists and quotes. */
const referenceDefinition = /^[ \t>*+\-\d.)]*\[[^\]]*\]:/;
/** The start of an unhighlighted fenced block as markdown-it renders it (pre.hljs when the language has one). */
const blockOpenTag = /^<pre(?: class="hljs")?><code(?: class="language-[^"<>]*")?>/;
const closingFence = /^ {0,3}(?:`{3,}|~{3,})[ \t]*\n?$/;

/** The opening tag of a block's code in `language` as markdown-it renders it (and StreamingAnswerView builds it). */
function codeTag(language: string): string {
  return `<code${language ? ` class="language-${escapeHtml(language)}"` : ''}>`;
}

/** markdown-it's escaping of code text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Characters compared to tell whether new text extends what was scanned (a retried column starts over). */
const IDENTITY_CHARS = 64;

export interface OpenFence {
  /** Offset of the opening fence line. */
  start: number;
  /** Offset of the first content line. */
  contentStart: number;
  /** The language name: the first word of the info string. */
  language: string;
}

/** The last fenced block opened in the scanned lines: still open, or closed by the line at `closeLine`. */
export interface LastFence extends OpenFence {
  closeLine: number | undefined;
}

/** Reads each complete line of a growing text once; see the file comment. */
export class MarkdownBlockScanner {
  private length = 0;
  private head = '';
  private tailIdentity = '';
  private lineStart = 0;
  private fence: (OpenFence & { char: string; markerLength: number }) | undefined;
  private last: LastFence | undefined;
  /** Offset just after a blank line outside a fence, waiting for the next line to say whether it is a safe cut. */
  private pendingCut: number | undefined;
  private cut = 0;
  /** Every safe cut so far, in order (a renderer that is behind renders up to one of them at a time). */
  private readonly cuts: number[] = [];
  private references = false;

  /** Scans what `text` adds. Returns true when `text` does not extend the scanned text and scanning started over. */
  update(text: string): boolean {
    const restarted = !this.extendedBy(text);
    if (restarted) this.reset();
    for (;;) {
      const newline = text.indexOf('\n', this.lineStart);
      if (newline === -1) break;
      this.scanLine(text.slice(this.lineStart, newline), newline + 1);
      this.lineStart = newline + 1;
    }
    if (this.pendingCut !== undefined) this.decideOnPartialLine(text.slice(this.lineStart));
    this.length = text.length;
    if (this.head.length < IDENTITY_CHARS) this.head = text.slice(0, IDENTITY_CHARS);
    this.tailIdentity = text.slice(Math.max(0, text.length - IDENTITY_CHARS));
    return restarted;
  }

  /** The offset of the last safe cut (0 when there is none). */
  get safeCut(): number {
    return this.cut;
  }

  /**
   * The last safe cut after `from` and at most `to`; when there is none in that range, the first one after `from`
   * (a single block longer than the range cannot be cut). `from` itself when there is no cut after it.
   */
  cutWithin(from: number, to: number): number {
    let low = 0;
    let high = this.cuts.length;
    // The first cut > to.
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.cuts[mid] ?? 0) > to) high = mid;
      else low = mid + 1;
    }
    const before = this.cuts[low - 1];
    if (before !== undefined && before > from) return before;
    return this.cuts[low] ?? from;
  }

  /** The fenced code block still open at the end of the scanned lines, if any. */
  get openFence(): OpenFence | undefined {
    return this.fence && { start: this.fence.start, contentStart: this.fence.contentStart, language: this.fence.language };
  }

  /** The last fenced block opened so far (open or closed), if any. */
  get lastFence(): LastFence | undefined {
    return this.last && { ...this.last };
  }

  /** Whether a line may define a link reference (which changes how earlier blocks render). */
  get hasReferenceDefinitions(): boolean {
    return this.references;
  }

  private extendedBy(text: string): boolean {
    if (text.length < this.length) return false;
    if (!text.startsWith(this.head)) return false;
    return text.slice(this.length - this.tailIdentity.length, this.length) === this.tailIdentity;
  }

  private reset(): void {
    this.length = 0;
    this.head = '';
    this.tailIdentity = '';
    this.lineStart = 0;
    this.fence = undefined;
    this.last = undefined;
    this.pendingCut = undefined;
    this.cut = 0;
    this.cuts.length = 0;
    this.references = false;
  }

  /** Decides a pending cut from the start of a line still being written, once its first characters settle it. */
  private decideOnPartialLine(partial: string): void {
    if (partial.trim() === '' || /^(?:[-+*]|\d{1,9}[.)]?)$/.test(partial)) return;
    if (!continuesBlock.test(partial) && this.pendingCut !== undefined) this.setCut(this.pendingCut);
    this.pendingCut = undefined;
  }

  private setCut(at: number): void {
    if (at <= this.cut) return;
    this.cut = at;
    this.cuts.push(at);
  }

  private scanLine(line: string, next: number): void {
    const blank = line.trim() === '';
    if (this.pendingCut !== undefined && !blank) {
      if (!continuesBlock.test(line)) this.setCut(this.pendingCut);
      this.pendingCut = undefined;
    }
    const fence = fenceLine.exec(line);
    const marker = fence?.[1];
    if (marker) {
      const char = marker.charAt(0);
      const info = fence[2] ?? '';
      if (!this.fence) {
        // A backtick fence's info string cannot contain a backtick (then it is inline code, not a fence).
        if (char !== '`' || !info.includes('`')) {
          this.fence = { char, markerLength: marker.length, start: this.lineStart, contentStart: next, language: info.trim().split(/\s+/)[0] ?? '' };
          this.last = { start: this.fence.start, contentStart: next, language: this.fence.language, closeLine: undefined };
          return;
        }
      } else if (char === this.fence.char && marker.length >= this.fence.markerLength && info.trim() === '') {
        this.fence = undefined;
        if (this.last) this.last.closeLine = this.lineStart;
        return;
      }
    }
    if (this.fence) return;
    if (blank) this.pendingCut = next;
    else if (referenceDefinition.test(line)) this.references = true;
  }
}

/** The offset of the last safe cut in `text` (a one-shot scan; see MarkdownBlockScanner). */
export function stableBoundary(text: string): number {
  const scanner = new MarkdownBlockScanner();
  scanner.update(text);
  return scanner.safeCut;
}

/** What the tail shows after a step. */
export type TailUpdate =
  /**
   * Replace the tail with this HTML. With `block`, `html` is `block.headHtml` followed by one long code block
   * (see TailBlock), which a view may build from its text instead of parsing and sanitising it.
   */
  | { kind: 'html'; html: string; block?: TailBlock }
  /** The tail ends in an open code block: with `open`, rebuild it (head HTML, then an empty block); then append `text`. */
  | { kind: 'code'; open?: { headHtml: string; language: string }; text: string }
  /**
   * The stream ended with the open code block the tail shows, and its final HTML is that block with its text
   * escaped (not highlighted: too long, or a language without highlighting). `html` is the tail's final HTML; a
   * view that shows the block as text may instead keep it, drop the last `trim` characters of its text (a closing
   * fence that had begun to arrive) and append `text`.
   */
  | { kind: 'close-code'; html: string; trim: number; text: string };

/**
 * A tail's final HTML that ends with one code block the tail did not show as it streamed (e.g. it arrived while the
 * stable part caught up), at least BUILT_BLOCK_MIN_CHARS long and not highlighted: the HTML is `headHtml`, then
 * `<pre>` (`<pre class="hljs">` when `hljs`), `<code class="language-x">` (none when `language` is ''), `text`
 * escaped, `</code></pre>` and a newline.
 */
export interface TailBlock {
  headHtml: string;
  language: string;
  hljs: boolean;
  text: string;
}

/** Shorter blocks in a final tail are left in its HTML (a long one is built from its text: TailUpdate 'code-block'). */
export const BUILT_BLOCK_MIN_CHARS = 8_000;

export interface RenderStep {
  /** Clear the stable part before appending (the text no longer extends what is shown, or a whole re-render). */
  reset: boolean;
  /** HTML to append to the stable part ('' for none). */
  append: string;
  /** What the tail becomes; undefined when it is unchanged. */
  tail: TailUpdate | undefined;
  /**
   * More stable text is waiting than `maxStableChars` allowed in this step: step again (with the same or a longer
   * text) to render the rest. Until then the tail is empty. Only present when true.
   */
  pending?: true;
}

/** Turns successive texts of one answer into DOM-free render steps; see the file comment. */
export class StreamingMarkdownRenderer {
  private readonly scanner = new MarkdownBlockScanner();
  private stableEnd = 0;
  private openCodeAt: number | undefined;
  /** The open block shown in the tail: where its text starts and the HTML shown before it. */
  private openCode: { contentStart: number; headHtml: string } | undefined;
  private codeShownTo = 0;
  private tailSource: string | undefined;
  /** The last step rendered a finished answer: the next one starts from scratch. */
  private finished = false;

  /** Markdown characters given to `render` in the last step. */
  renderedChars = 0;

  constructor(private readonly renderMarkdown: (markdown: string) => string) {}

  private render(markdown: string): string {
    this.renderedChars += markdown.length;
    return this.renderMarkdown(markdown);
  }

  /**
   * The next render step for `text` (the whole answer so far). `maxStableChars` bounds the stable markdown rendered
   * in this step (at least one block is rendered): when more is waiting, the step says `pending` and the caller
   * steps again later, so one step's work stays small however much text arrived at once. Streamed in any steps,
   * the final HTML is the same.
   */
  step(text: string, streaming: boolean, maxStableChars = Number.POSITIVE_INFINITY): RenderStep {
    this.renderedChars = 0;
    const reset = this.scanner.update(text) || this.finished;
    this.finished = false;
    if (reset) this.forgetShown();
    const whole = reset || (this.scanner.hasReferenceDefinitions && this.stableEnd > 0);
    const behind = this.scanner.safeCut - this.stableEnd > maxStableChars;
    if (!streaming && (whole || !behind)) return this.finish(text, whole);
    // Whether the tail shows anything (an empty tail stays empty while the stable part catches up).
    const tailShown = this.tailSource !== '' || this.openCodeAt !== undefined;
    let append = '';
    const cut = this.scanner.safeCut;
    if (cut > this.stableEnd) {
      const to = behind ? this.scanner.cutWithin(this.stableEnd, this.stableEnd + maxStableChars) : cut;
      append = this.render(text.slice(this.stableEnd, to));
      this.stableEnd = to;
      this.openCodeAt = undefined;
      this.tailSource = undefined;
    }
    // A final step that had to be bounded always leaves the final render (finish) to the next step.
    if (this.stableEnd < cut || !streaming) {
      // Still behind: what the tail showed is now stable or not yet; it shows nothing until the stable part is done.
      this.tailSource = '';
      this.openCodeAt = undefined;
      return { reset, append, tail: tailShown || reset ? { kind: 'html', html: '' } : undefined, pending: true };
    }
    return { reset, append, tail: this.tailStep(text) };
  }

  private tailStep(text: string): TailUpdate | undefined {
    const fence = this.scanner.openFence;
    if (fence && fence.start >= this.stableEnd) {
      this.tailSource = undefined;
      if (this.openCodeAt === fence.start) {
        const added = text.slice(this.codeShownTo);
        this.codeShownTo = text.length;
        return added ? { kind: 'code', text: added } : undefined;
      }
      this.openCodeAt = fence.start;
      this.codeShownTo = text.length;
      const headHtml = this.render(text.slice(this.stableEnd, fence.start));
      this.openCode = { contentStart: fence.contentStart, headHtml };
      return { kind: 'code', open: { headHtml, language: fence.language }, text: text.slice(fence.contentStart) };
    }
    const source = text.slice(this.stableEnd);
    if (source === this.tailSource) {
      this.openCodeAt = undefined;
      return undefined;
    }
    this.tailSource = source;
    const html = source ? this.render(source) : '';
    // The open block shown just closed (its closing fence is the last line): keep it as shown if that is its HTML.
    const kept = this.openCodeAt !== undefined ? this.keptCode(text, html) : undefined;
    this.openCodeAt = undefined;
    return kept ?? this.builtCode(text, html) ?? { kind: 'html', html };
  }

  private finish(text: string, whole: boolean): RenderStep {
    const from = whole ? 0 : this.stableEnd;
    if (!whole && this.tailSource === text.slice(from)) {
      // The tail already shows the render of exactly this text.
      this.forgetShown();
      this.scanner.update('');
      this.finished = true;
      return { reset: false, append: '', tail: undefined };
    }
    const html = from < text.length ? this.render(text.slice(from)) : '';
    const kept = whole ? undefined : this.keptCode(text, html) ?? this.builtCode(text, html);
    this.forgetShown();
    this.scanner.update('');
    this.finished = true;
    if (whole) return { reset: true, append: html, tail: { kind: 'html', html: '' } };
    return { reset: false, append: '', tail: kept ?? { kind: 'html', html } };
  }

  /**
   * When the tail shows an open code block and `html` (the tail's final HTML) is exactly the shown head followed
   * by that block with its text escaped, the block may stay as it is shown: rebuilding a long block at the end would
   * parse, sanitise and lay out all of it again in one go.
   */
  private keptCode(text: string, html: string): TailUpdate | undefined {
    const open = this.openCodeAt !== undefined && this.openCodeAt >= this.stableEnd ? this.openCode : undefined;
    if (!open || !html.startsWith(open.headHtml)) return undefined;
    const block = blockOpenTag.exec(html.slice(open.headHtml.length));
    if (!block) return undefined;
    const body = html.slice(open.headHtml.length + block[0].length);
    // Closed by a last fence line, or still open when the stream ended.
    const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
    const ends = closingFence.test(text.slice(lastLine)) ? [lastLine, text.length] : [text.length];
    for (const end of ends) {
      if (end < open.contentStart) continue;
      if (body !== `${escapeHtml(text.slice(open.contentStart, end))}</code></pre>\n`) continue;
      const trim = Math.max(0, this.codeShownTo - end);
      return { kind: 'close-code', html, trim, text: text.slice(Math.min(this.codeShownTo, end), end) };
    }
    return undefined;
  }

  /**
   * When the tail's final HTML `html` ends with the last fenced block (closed by the text's last line, or still open),
   * long and not highlighted, exactly as a view builds it from its text: the tail as head HTML and that block's text.
   */
  private builtCode(text: string, html: string): TailUpdate | undefined {
    const fence = this.scanner.lastFence;
    if (!fence || fence.start < this.stableEnd) return undefined;
    let end = text.length;
    if (fence.closeLine !== undefined) {
      // Closed: only by the last line (nothing after the block).
      if (!closingFence.test(text.slice(fence.closeLine))) return undefined;
      end = fence.closeLine;
    } else {
      // Still open for the scanner, which reads whole lines only: a last line without its newline may close it.
      const lastLine = text.lastIndexOf('\n') + 1;
      if (lastLine > fence.contentStart && closingFence.test(text.slice(lastLine))) end = lastLine;
    }
    const code = text.slice(fence.contentStart, Math.max(fence.contentStart, end));
    if (code.length < BUILT_BLOCK_MIN_CHARS) return undefined;
    const body = `${escapeHtml(code)}</code></pre>\n`;
    if (!html.endsWith(body)) return undefined;
    const codeAt = html.length - body.length - codeTag(fence.language).length;
    if (codeAt < 0 || html.slice(codeAt, html.length - body.length) !== codeTag(fence.language)) return undefined;
    // pre.hljs: a language with highlighting, over the highlighter's size limit.
    for (const [pre, hljs] of [['<pre>', false], ['<pre class="hljs">', true]] as const) {
      const at = codeAt - pre.length;
      if (at >= 0 && html.slice(at, codeAt) === pre) return { kind: 'html', html, block: { headHtml: html.slice(0, at), language: fence.language, hljs, text: code } };
    }
    return undefined;
  }

  private forgetShown(): void {
    this.stableEnd = 0;
    this.openCodeAt = undefined;
    this.openCode = undefined;
    this.codeShownTo = 0;
    this.tailSource = undefined;
  }
}

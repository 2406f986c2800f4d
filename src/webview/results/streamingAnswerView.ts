/**
 * Applies StreamingMarkdownRenderer's steps to a column's answer: appends stable HTML (one segment element per
 * step), replaces the tail, or
 * grows an open code block by appending to its text node (no re-parse, no re-highlight while it streams). The
 * open block is built like a rendered one (pre > code.language-x, pre.hljs when the language is highlighted).
 */
import { canHighlight } from '../common/codeHighlighter';
import { sanitizeHtml } from '../common/htmlSanitizer';
import { renderMarkdown } from '../common/markdownRenderer';
import { StreamingMarkdownRenderer, type RenderStep } from './streamingMarkdown';

/**
 * Stable HTML goes in its own segment element, so the browser can skip laying out and painting segments that are
 * off screen (results.css `.answer-segment`: content-visibility) and a long answer stays cheap to keep.
 */
function segment(html: string): HTMLElement {
  const div = document.createElement('div');
  div.className = 'answer-segment';
  div.innerHTML = sanitizeHtml(html);
  return div;
}

export class StreamingAnswerView {
  /** Markdown → HTML (markdown-it, raw HTML off); every piece is sanitised where it enters the DOM. */
  private readonly renderer = new StreamingMarkdownRenderer(renderMarkdown);
  private openCode: Text | undefined;

  constructor(
    private readonly stable: HTMLElement,
    private readonly tail: HTMLElement,
  ) {}

  show(text: string, streaming: boolean): void {
    this.apply(this.renderer.step(text, streaming));
  }

  private apply(step: RenderStep): void {
    if (step.reset) this.stable.replaceChildren();
    if (step.append) this.stable.append(segment(step.append));
    const tail = step.tail;
    if (!tail) return;
    if (tail.kind === 'html') {
      this.openCode = undefined;
      this.tail.innerHTML = sanitizeHtml(tail.html);
      return;
    }
    if (tail.open || !this.openCode) {
      this.tail.innerHTML = sanitizeHtml(tail.open?.headHtml ?? '');
      this.openCode = this.openCodeBlock(tail.open?.language ?? '');
    }
    if (tail.text) this.openCode.appendData(tail.text);
  }

  private openCodeBlock(language: string): Text {
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    if (canHighlight(language)) pre.className = 'hljs';
    if (language) code.className = `language-${language}`;
    const text = document.createTextNode('');
    code.append(text);
    pre.append(code);
    this.tail.append(pre);
    return text;
  }
}

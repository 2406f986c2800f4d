/**
 * Applies StreamingMarkdownRenderer's steps to a column's answer: appends stable HTML, replaces the tail, or
 * grows an open code block by appending to its text node (no re-parse, no re-highlight while it streams). The
 * open block is built like a rendered one (pre > code.language-x, pre.hljs when the language is highlighted).
 */
import { canHighlight } from '../common/codeHighlighter';
import { StreamingMarkdownRenderer, type RenderStep } from './streamingMarkdown';

export class StreamingAnswerView {
  private readonly renderer: StreamingMarkdownRenderer;
  private openCode: Text | undefined;

  constructor(
    private readonly stable: HTMLElement,
    private readonly tail: HTMLElement,
    toSafeHtml: (markdown: string) => string,
  ) {
    this.renderer = new StreamingMarkdownRenderer(toSafeHtml);
  }

  show(text: string, streaming: boolean): void {
    this.apply(this.renderer.step(text, streaming));
  }

  private apply(step: RenderStep): void {
    if (step.reset) this.stable.innerHTML = step.append;
    else if (step.append) this.stable.insertAdjacentHTML('beforeend', step.append);
    const tail = step.tail;
    if (!tail) return;
    if (tail.kind === 'html') {
      this.openCode = undefined;
      this.tail.innerHTML = tail.html;
      return;
    }
    if (tail.open || !this.openCode) {
      this.tail.innerHTML = tail.open?.headHtml ?? '';
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

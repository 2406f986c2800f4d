/**
 * Streamed rendering must end in exactly the HTML of a one-shot render of the same answer, whatever the chunking:
 * stable parts appended, open code blocks grown as text, the tail rendered once more at the end.
 */
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/common/markdownRenderer';
import { StreamingMarkdownRenderer, type RenderStep } from '../../../src/webview/results/streamingMarkdown';

/** What the column's DOM would hold: stable HTML + tail (an open code block as its escaped text). */
class FakeAnswerDom {
  stable = '';
  tail = '';
  apply(step: RenderStep): void {
    this.stable = step.reset ? step.append : this.stable + step.append;
    if (!step.tail) return;
    if (step.tail.kind === 'html') this.tail = step.tail.html;
    else this.tail = (step.tail.open ? `${step.tail.open.headHtml}<pre><code>` : this.tail) + step.tail.text;
  }
  get html(): string {
    return this.stable + this.tail;
  }
}

function streamed(answer: string, chunk: number): { html: string; renderedChars: number } {
  let renderedChars = 0;
  const renderer = new StreamingMarkdownRenderer((md) => ((renderedChars += md.length), renderMarkdown(md)));
  const dom = new FakeAnswerDom();
  for (let end = chunk; end < answer.length; end += chunk) dom.apply(renderer.step(answer.slice(0, end), true));
  dom.apply(renderer.step(answer, false));
  return { html: dom.html, renderedChars };
}

const code = (lines: number, lang = 'ts') =>
  ['```' + lang, ...Array.from({ length: lines }, (_, i) => (i % 7 === 3 ? '' : `const v${i} = \`x${i}\`; /* ${i} */`)), '```'].join('\n');

const ANSWERS: Record<string, string> = {
  'prose and a closed code block': `# Fix\n\nThe loop is off by one.\n\n${code(40)}\n\nThat is all.`,
  'a code block closing mid-stream, text right after': `Intro:\n${code(30)}\nAfter the block, no blank line.\n\nEnd`,
  'a code block still open at the end': `Here:\n\n${code(50).slice(0, -3)}`,
  'loose and tight lists': '- a\n- b\n\n- c\n\nPara.\n\n1. one\n2. two\n\n   indented continuation\n\n3. three\n\nDone.',
  'nested lists and quotes': '> quote\n>\n> more\n\n> second\n\n- item\n\n    code in item\n\n* other\n\nText',
  'tables and headings': '| a | b |\n|---|---|\n| 1 | 2 |\n\n## Heading\n\nText\n===\n\n---\n\nend',
  'a reference link defined at the end': 'See [the docs][d].\n\nMore text.\n\n[d]: https://example.com/docs\n',
  'tilde and long fences': '~~~python\nx = 1\n\n```\ny\n```\n~~~\n\n````md\n```js\nz\n```\n````\n\nend',
  'unknown language and no language': '```zzz\nraw <b>\n\n```\n\n```\nplain\n```\n\ntext',
};

describe('streamed vs one-shot markdown rendering', () => {
  for (const [name, answer] of Object.entries(ANSWERS)) {
    it(`gives identical HTML: ${name}`, () => {
      for (const chunk of [1, 3, 17, 64]) assert.equal(streamed(answer, chunk).html, renderMarkdown(answer), `chunk ${chunk}`);
    });
  }

  it('renders each character a bounded number of times, even with one long open code block', () => {
    const answer = `Intro.\n\n${code(3000)}`;
    const { renderedChars } = streamed(answer, 20);
    assert.ok(renderedChars < 3 * answer.length, `${renderedChars} characters rendered for a ${answer.length}-character answer`);
  });

  it('re-renders the whole answer at the end when it is different text (a retry)', () => {
    const renderer = new StreamingMarkdownRenderer(renderMarkdown);
    const dom = new FakeAnswerDom();
    dom.apply(renderer.step('First try.\n\nWith more.\n\n', true));
    dom.apply(renderer.step('Second answer.\n\nDone', false));
    assert.equal(dom.html, renderMarkdown('Second answer.\n\nDone'));
    dom.apply(renderer.step('Second answer.\n\nDone', false));
    assert.equal(dom.html, renderMarkdown('Second answer.\n\nDone'));
  });
});

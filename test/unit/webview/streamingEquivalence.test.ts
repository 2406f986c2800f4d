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
  /** The open block as a text-keeping view holds it: the head's HTML and the block's text. */
  private open: { headHtml: string; code: string } | undefined;
  /** How many final steps kept the streamed block instead of rebuilding it. */
  kept = 0;
  /** How many tails had their long code block built from its text (TailBlock) instead of from their HTML. */
  built = 0;
  apply(step: RenderStep): void {
    this.stable = step.reset ? step.append : this.stable + step.append;
    if (!step.tail) return;
    if (step.tail.kind === 'html' && step.tail.block) {
      // A view that builds the block from its text must end with exactly the HTML it would otherwise be given.
      const { headHtml, language, hljs, text } = step.tail.block;
      const built = `${headHtml}<pre${hljs ? ' class="hljs"' : ''}><code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${escapeHtml(text)}</code></pre>\n`;
      assert.equal(built, step.tail.html, 'the built block is the final HTML');
      this.tail = built;
      this.open = undefined;
      this.built++;
    } else if (step.tail.kind === 'html') {
      this.tail = step.tail.html;
      this.open = undefined;
    } else if (step.tail.kind === 'close-code') {
      // A view that keeps the block must end with exactly the HTML it would otherwise be given.
      assert.ok(this.open, 'close-code only follows an open block');
      const code = this.open.code.slice(0, this.open.code.length - step.tail.trim) + step.tail.text;
      const tag = /^<pre[^>]*><code[^>]*>/.exec(step.tail.html.slice(this.open.headHtml.length))?.[0] ?? '?';
      assert.equal(`${this.open.headHtml}${tag}${escapeHtml(code)}</code></pre>\n`, step.tail.html, 'the kept block is the final HTML');
      this.tail = step.tail.html;
      this.open = undefined;
      this.kept++;
    } else {
      if (step.tail.open) this.open = { headHtml: step.tail.open.headHtml, code: '' };
      if (this.open) this.open.code += step.tail.text;
      this.tail = (step.tail.open ? `${step.tail.open.headHtml}<pre><code>` : this.tail) + step.tail.text;
    }
  }
  get html(): string {
    return this.stable + this.tail;
  }
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Streams `answer` in chunks of `chunk` characters; with `maxStableChars`, each step renders at most that much new
 * stable markdown, and a step that says `pending` is repeated (as the view does in the next frame) — sometimes with
 * the same text, sometimes only once the next chunk has arrived.
 */
function streamed(answer: string, chunk: number, maxStableChars = Number.POSITIVE_INFINITY): { html: string; renderedChars: number; kept: number; built: number; pendingSteps: number } {
  let renderedChars = 0;
  let pendingSteps = 0;
  const renderer = new StreamingMarkdownRenderer((md) => ((renderedChars += md.length), renderMarkdown(md)));
  const dom = new FakeAnswerDom();
  for (let end = chunk, n = 0; end < answer.length; end += chunk, n++) {
    let step = renderer.step(answer.slice(0, end), true, maxStableChars);
    dom.apply(step);
    while (step.pending && n % 2 === 0) {
      pendingSteps++;
      step = renderer.step(answer.slice(0, end), true, maxStableChars);
      dom.apply(step);
    }
  }
  for (;;) {
    const step = renderer.step(answer, false, maxStableChars);
    dom.apply(step);
    if (!step.pending) break;
    pendingSteps++;
  }
  return { html: dom.html, renderedChars, kept: dom.kept, built: dom.built, pendingSteps };
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

  for (const [name, answer] of Object.entries(ANSWERS)) {
    it(`gives identical HTML when each step may render only a little stable text: ${name}`, () => {
      for (const chunk of [1, 17, 200]) {
        for (const max of [1, 10, 40]) assert.equal(streamed(answer, chunk, max).html, renderMarkdown(answer), `chunk ${chunk}, at most ${max} per step`);
      }
    });
  }

  it('spreads a burst of text over bounded steps and still ends in the one-shot HTML', () => {
    const answer = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} with \`code\` and a [link](https://example.com/${i}).`).join('\n\n') + `\n\n${code(300)}\n\nDone.`;
    const sizes: number[] = [];
    const renderer = new StreamingMarkdownRenderer((md) => (sizes.push(md.length), renderMarkdown(md)));
    const dom = new FakeAnswerDom();
    // The whole answer but its last line arrives at once, then the rest.
    let step = renderer.step(answer.slice(0, -5), true, 500);
    dom.apply(step);
    let steps = 1;
    while (step.pending) {
      assert.deepEqual(step.tail, steps === 1 ? { kind: 'html', html: '' } : undefined, 'the tail is empty while the stable part catches up');
      step = renderer.step(answer.slice(0, -5), true, 500);
      dom.apply(step);
      steps++;
    }
    assert.ok(steps >= 16, `${steps} steps for ${answer.length} characters at 500 per step`);
    assert.ok(sizes.slice(0, -2).every((n) => n <= 500), `every stable render is at most 500 characters: ${sizes.join(',')}`);
    for (let final = renderer.step(answer, false, 500); ; final = renderer.step(answer, false, 500)) {
      dom.apply(final);
      if (!final.pending) break;
    }
    assert.equal(dom.html, renderMarkdown(answer));
  });

  it('ends with the final render when the last bounded step of a finished answer catches up', () => {
    const renderer = new StreamingMarkdownRenderer(renderMarkdown);
    const dom = new FakeAnswerDom();
    const answer = 'A para.\n\nB para.\n\n```ts\nconst a = 1;\n';
    dom.apply(renderer.step(answer.slice(0, 5), true, 3));
    const steps = [renderer.step(answer, false, 3), renderer.step(answer, false, 3)];
    steps.forEach((step) => dom.apply(step));
    assert.deepEqual(steps.map((s) => s.pending === true), [true, true], 'both bounded steps leave the final render for later');
    const last = renderer.step(answer, false, 3);
    dom.apply(last);
    assert.equal(last.pending, undefined);
    assert.equal(dom.html, renderMarkdown(answer), 'the open block ends highlighted, as rendered in one go');
  });

  it('renders a single block longer than the bound whole (a block cannot be cut)', () => {
    const answer = `${'word '.repeat(400)}\n\nNext.\n\nLast`;
    const result = streamed(answer, 3000, 50);
    assert.equal(result.html, renderMarkdown(answer));
  });

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

describe('streamed vs one-shot: a long open code block is kept at the end, not rebuilt', () => {
  const long = code(2500);
  const cases: Record<string, { answer: string; keeps: boolean }> = {
    'closed by the last line (over the highlight limit)': { answer: `Intro.\n\nHere is the file:\n\n${long}\n`, keeps: true },
    'closed, no newline after the fence': { answer: `Intro.\n\n${long}`, keeps: true },
    'still open when the stream ends': { answer: `Intro.\n\n${long.slice(0, -4)}`, keeps: true },
    'a language without highlighting': { answer: `Intro.\n\n${code(200, 'zzz')}\n`, keeps: true },
    'a short block that gets highlighted': { answer: `Intro.\n\n${code(40)}\n`, keeps: false },
    'text after the block': { answer: `Intro.\n\n${long}\nThanks.`, keeps: false },
  };
  it('keeps the block when its closing fence arrives while streaming, and the end renders nothing again', () => {
    const answer = `Intro.\n\n${long}\n`;
    let renderedChars = 0;
    const renderer = new StreamingMarkdownRenderer((md) => ((renderedChars += md.length), renderMarkdown(md)));
    const dom = new FakeAnswerDom();
    dom.apply(renderer.step(answer.slice(0, -20), true));
    const closing = renderer.step(answer, true);
    assert.equal(closing.tail?.kind, 'close-code');
    dom.apply(closing);
    const before = renderedChars;
    const final = renderer.step(answer, false);
    assert.deepEqual(final, { reset: false, append: '', tail: undefined }, 'the tail already shows the final HTML');
    assert.equal(renderedChars, before, 'nothing rendered again');
    dom.apply(final);
    assert.equal(dom.html, renderMarkdown(answer));
    assert.equal(dom.kept, 1);
  });

  for (const [name, { answer, keeps }] of Object.entries(cases)) {
    it(`gives identical HTML: ${name}`, () => {
      // Chunks of 3 and 1000 split the closing fence across chunks (the view then trims what it showed of it).
      for (const chunk of [3, 64, 1000]) {
        const result = streamed(answer, chunk);
        assert.equal(result.html, renderMarkdown(answer), `chunk ${chunk}`);
        assert.equal(result.kept, keeps ? 1 : 0, `chunk ${chunk}: kept`);
      }
    });
  }
});

describe('streamed vs one-shot: a long block the tail did not show is built from its text at the end', () => {
  const long = code(2500);
  const prose = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} with \`code\` and a [link](https://example.com/${i}).`).join('\n\n');
  /** The stable part is still catching up (bounded steps) when the whole block has arrived: the tail never showed it. */
  function behindAtTheEnd(answer: string): { html: string; built: number; kept: number } {
    const renderer = new StreamingMarkdownRenderer(renderMarkdown);
    const dom = new FakeAnswerDom();
    dom.apply(renderer.step(answer.slice(0, 40), true, 200));
    for (let step = renderer.step(answer, false, 200); ; step = renderer.step(answer, false, 200)) {
      dom.apply(step);
      if (!step.pending) break;
    }
    return { html: dom.html, built: dom.built, kept: dom.kept };
  }
  const cases: Record<string, { answer: string; builds: boolean }> = {
    'closed by the last line (over the highlight limit)': { answer: `${prose}\n\nHere is the file:\n\n${long}\n`, builds: true },
    'closed, no newline after the fence': { answer: `${prose}\n\n${long}`, builds: true },
    'still open when the stream ends': { answer: `${prose}\n\n${long.slice(0, -4)}`, builds: true },
    'no language': { answer: `${prose}\n\n${long.replace('```ts', '```')}\n`, builds: true },
    'a language without highlighting, with odd characters': { answer: `${prose}\n\n${long.replace('```ts', '```a&b"<x> info')}\n`, builds: true },
    'a short block (highlighted)': { answer: `${prose}\n\n${code(40)}\n`, builds: false },
    'text after the block': { answer: `${prose}\n\n${long}\nThanks.`, builds: false },
    'the block inside a list item': { answer: `${prose}\n\n- item\n\n  ${long.split('\n').join('\n  ')}\n`, builds: false },
  };
  for (const [name, { answer, builds }] of Object.entries(cases)) {
    it(`gives identical HTML: ${name}`, () => {
      const result = behindAtTheEnd(answer);
      assert.equal(result.html, renderMarkdown(answer));
      assert.equal(result.built, builds ? 1 : 0, 'built from its text');
      assert.equal(result.kept, 0, 'nothing was shown to keep');
    });
  }

  it('streamed in any chunks, ends in the one-shot HTML, building or keeping the block', () => {
    const answer = `${prose}\n\nHere is the file:\n\n${long}\n`;
    for (const chunk of [7, 300, 5000]) {
      for (const max of [50, 400, Number.POSITIVE_INFINITY]) {
        const result = streamed(answer, chunk, max);
        assert.equal(result.html, renderMarkdown(answer), `chunk ${chunk}, at most ${max} per step`);
        assert.equal(result.kept + result.built, 1, `chunk ${chunk}, at most ${max}: the long block was kept or built, not parsed`);
      }
    }
  });
});

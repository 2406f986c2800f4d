import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/common/markdownRenderer';
import { planRender, stableBoundary } from '../../../src/webview/results/streamingMarkdown';

describe('webview streaming markdown', () => {
  it('cuts after the last blank line', () => {
    const text = 'First paragraph.\n\nSecond paragraph.\n\nThird, still stream';
    assert.equal(text.slice(0, stableBoundary(text)), 'First paragraph.\n\nSecond paragraph.\n\n');
    assert.equal(stableBoundary('no blank line yet\nstill going'), 0);
  });

  it('never cuts inside a fenced code block, even at blank lines in the code', () => {
    const open = 'Intro.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n';
    assert.equal(open.slice(0, stableBoundary(open)), 'Intro.\n\n');
    const closed = `${open}\`\`\`\n\nAfter.`;
    assert.equal(closed.slice(0, stableBoundary(closed)), `${open}\`\`\`\n\n`);
  });

  it('only closes a fence with the same marker, at least as long', () => {
    const text = '````md\n```\n\ninner\n```\n\nstill in the outer fence\n';
    assert.equal(stableBoundary(text), 0);
    const tilde = '~~~\n```\n\n~~~\n\nout';
    assert.equal(tilde.slice(0, stableBoundary(tilde)), '~~~\n```\n\n~~~\n\n');
  });

  it('appends only the new stable part while streaming, and renders fully at the end', () => {
    const first = 'A.\n\nB';
    const plan1 = planRender(first, { text: '', stableEnd: 0 }, true);
    assert.deepEqual(plan1, { kind: 'append', from: 0, to: 4 });
    const second = 'A.\n\nB and more.\n\nC';
    assert.deepEqual(planRender(second, { text: first, stableEnd: 4 }, true), { kind: 'append', from: 4, to: 17 });
    assert.deepEqual(planRender(second, { text: first, stableEnd: 4 }, false), { kind: 'full', stableEnd: second.length });
  });

  it('starts over when the text no longer extends what is shown (a retried column)', () => {
    assert.deepEqual(planRender('New.\n\nx', { text: 'Old text.\n\nmore', stableEnd: 11 }, true), { kind: 'full', stableEnd: 6 });
  });

  it('stable part + tail render to the same text as the whole for simple answers', () => {
    const text = '# Fix\n\nChange the bound:\n\n```ts\nfor (let i = 0; i < n; i++) {}\n```\n\nThat is all';
    const cut = stableBoundary(text);
    const strip = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    assert.equal(strip(renderMarkdown(text.slice(0, cut)) + renderMarkdown(text.slice(cut))), strip(renderMarkdown(text)));
  });
});

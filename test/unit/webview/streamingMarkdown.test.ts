import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/webview/common/markdownRenderer';
import { MarkdownBlockScanner, StreamingMarkdownRenderer, stableBoundary } from '../../../src/webview/results/streamingMarkdown';

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

  it('appends only the new stable part while streaming, and renders only the tail at the end', () => {
    const rendered: string[] = [];
    const renderer = new StreamingMarkdownRenderer((md) => (rendered.push(md), `[${md}]`));
    assert.deepEqual(renderer.step('A.\n\n', true), { reset: false, append: '', tail: { kind: 'html', html: '[A.\n\n]' } });
    assert.deepEqual(renderer.step('A.\n\nB and more.\n', true), { reset: false, append: '[A.\n\n]', tail: { kind: 'html', html: '[B and more.\n]' } });
    assert.deepEqual(renderer.step('A.\n\nB and more.\n\nC', false), { reset: false, append: '', tail: { kind: 'html', html: '[B and more.\n\nC]' } });
  });

  it('does not cut before an indented line or a list item (they may continue the block)', () => {
    assert.equal(stableBoundary('- a\n\n- b\n'), 0);
    assert.equal(stableBoundary('- a\n\n  more of a\n'), 0);
    assert.equal(stableBoundary('- a\n\nAfter the list\n'), 5);
  });

  it('starts over when the text no longer extends what is shown (a retried column)', () => {
    const renderer = new StreamingMarkdownRenderer((md) => `[${md}]`);
    renderer.step('Old text.\n\nmore\n', true);
    assert.deepEqual(renderer.step('New.\n\nx\n', true), { reset: true, append: '[New.\n\n]', tail: { kind: 'html', html: '[x\n]' } });
  });

  it('grows an open code block by appending its text, without rendering it again', () => {
    const rendered: string[] = [];
    const renderer = new StreamingMarkdownRenderer((md) => (rendered.push(md), `[${md}]`));
    renderer.step('Intro:\n```ts\nconst a = 1;\n', true);
    assert.deepEqual(rendered, ['Intro:\n']);
    assert.deepEqual(renderer.step('Intro:\n```ts\nconst a = 1;\nconst b', true), { reset: false, append: '', tail: { kind: 'code', text: 'const b' } });
    assert.deepEqual(rendered, ['Intro:\n']);
  });

  it('stable part + tail render to the same text as the whole for simple answers', () => {
    const text = '# Fix\n\nChange the bound:\n\n```ts\nfor (let i = 0; i < n; i++) {}\n```\n\nThat is all';
    const cut = stableBoundary(text);
    const strip = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    assert.equal(strip(renderMarkdown(text.slice(0, cut)) + renderMarkdown(text.slice(cut))), strip(renderMarkdown(text)));
  });

  it('finds the last safe cut within a range, or the first after it when a block is longer', () => {
    const scanner = new MarkdownBlockScanner();
    const text = 'A.\n\nBB.\n\nCCC.\n\nD';
    scanner.update(text);
    const cuts = [4, 9, 15];
    assert.equal(scanner.safeCut, 15);
    assert.equal(scanner.cutWithin(0, 10), cuts[1]);
    assert.equal(scanner.cutWithin(0, 3), cuts[0], 'no cut in range: the first after it');
    assert.equal(scanner.cutWithin(4, 8), cuts[1]);
    assert.equal(scanner.cutWithin(9, 100), cuts[2]);
    assert.equal(scanner.cutWithin(15, 100), 15, 'none after: where it started');
  });

  it('remembers the last fence opened, and the line that closed it', () => {
    const scanner = new MarkdownBlockScanner();
    scanner.update('Intro.\n\n```ts\nconst a = 1;\n');
    assert.deepEqual(scanner.lastFence, { start: 8, contentStart: 14, language: 'ts', closeLine: undefined });
    scanner.update('Intro.\n\n```ts\nconst a = 1;\n```\n');
    assert.deepEqual(scanner.lastFence, { start: 8, contentStart: 14, language: 'ts', closeLine: 27 });
    scanner.update('Intro.\n\n```ts\nconst a = 1;\n```\n\n~~~ py x\nb\n');
    assert.deepEqual(scanner.lastFence, { start: 32, contentStart: 41, language: 'py', closeLine: undefined });
    scanner.update('Other text, no fence.\n');
    assert.equal(scanner.lastFence, undefined, 'a text that does not extend the scanned one starts over');
  });
});

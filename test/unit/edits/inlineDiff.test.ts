import assert from 'node:assert/strict';
import { inlineDiff, INLINE_DIFF_MAX_LINES } from '../../../src/core/edits/inlineDiff';

const text = (line: { parts: { text: string }[] }) => line.parts.map((p) => p.text).join('');

describe('inline diff of an answer against the original', () => {
  it('pairs a replaced line and marks only the changed words', () => {
    const diff = inlineDiff('const start = 0;\nconst end = start + size - 1;\n', 'const start = 0;\nconst end = start + size;\n');
    assert.deepEqual(diff.lines.map((l) => [l.kind, text(l)]), [
      ['same', 'const start = 0;'],
      ['del', 'const end = start + size - 1;'],
      ['add', 'const end = start + size;'],
    ]);
    const del = diff.lines[1];
    assert.deepEqual(del?.parts.filter((p) => p.changed).map((p) => p.text.trim()), ['- 1']);
    assert.equal(diff.truncated, false);
  });

  it('keeps added and removed lines that have no partner whole', () => {
    const diff = inlineDiff('a\n', 'a\nb\nc\n');
    assert.deepEqual(diff.lines.map((l) => [l.kind, text(l)]), [['same', 'a'], ['add', 'b'], ['add', 'c']]);
  });

  it('folds long unchanged runs between changes', () => {
    const original = ['x', ...Array.from({ length: 20 }, (_, i) => `same ${i}`), 'y'].join('\n');
    const proposed = ['X', ...Array.from({ length: 20 }, (_, i) => `same ${i}`), 'Y'].join('\n');
    const lines = inlineDiff(original, proposed).lines.map(text);
    assert.ok(lines.includes('⋯'), 'the unchanged middle is folded');
    assert.ok(lines.length < 15, `folded to ${lines.length} lines`);
  });

  it('is cut, and says so, past its line bound', () => {
    const proposed = Array.from({ length: INLINE_DIFF_MAX_LINES + 50 }, (_, i) => `line ${i}`).join('\n');
    const diff = inlineDiff('', proposed);
    assert.equal(diff.truncated, true);
    assert.equal(diff.lines.length, INLINE_DIFF_MAX_LINES);
  });
});

/**
 * PieceSplitter decides where a long streamed answer's content goes (streamingAnswerView.ts): whole segments into
 * groups, open code into line-aligned pieces. Whatever the chunking, nothing is lost or reordered, a code piece
 * starts only at a line start, and pieces stay near the limit.
 */
import assert from 'node:assert/strict';
import { PieceSplitter, type Placement } from '../../../src/webview/results/pieceSplitter';

/** Applies placements as the view does: a list of pieces' texts. */
function pieces(placements: Placement[][]): string[] {
  const out: string[] = [];
  for (const p of placements.flat()) {
    if (p.newPiece || out.length === 0) out.push('');
    out[out.length - 1] += p.text;
  }
  return out;
}

const code = Array.from({ length: 400 }, (_, i) => `  const v${i} = items.filter((n) => n > ${i}); // ${'x'.repeat(i % 13)}`).join('\n');

describe('webview PieceSplitter', () => {
  for (const chunk of [1, 7, 100, 999, code.length]) {
    it(`cuts open code only after a newline, keeps every character in order (chunks of ${chunk})`, () => {
      const splitter = new PieceSplitter(500);
      const placements: Placement[][] = [];
      for (let i = 0; i < code.length; i += chunk) placements.push(splitter.placeLines(code.slice(i, i + chunk)));
      const list = pieces(placements);
      assert.equal(list.join(''), code);
      assert.ok(list.length >= Math.floor(code.length / 600), `${list.length} pieces for ${code.length} characters`);
      for (const [i, piece] of list.entries()) {
        if (i < list.length - 1) {
          assert.ok(piece.endsWith('\n'), `piece ${i} ends a line`);
          assert.ok(piece.length >= 500, `piece ${i} is full (${piece.length})`);
          // Never more than one line past the limit.
          assert.ok(piece.slice(0, -1).lastIndexOf('\n') < 500, `piece ${i} was cut at the first line end past the limit`);
        }
      }
    });
  }

  it('a line longer than the limit stays whole in one piece', () => {
    const splitter = new PieceSplitter(10);
    const list = pieces([splitter.placeLines('a'.repeat(25)), splitter.placeLines('b\nc\n'), splitter.placeLines('d')]);
    assert.deepEqual(list, [`${'a'.repeat(25)}b\n`, 'c\nd']);
  });

  it('starts a new piece right after a full piece that ended a line, and after reset', () => {
    const splitter = new PieceSplitter(4);
    assert.deepEqual(splitter.placeLines('abcd\n'), [{ newPiece: true, text: 'abcd\n' }]);
    assert.deepEqual(splitter.placeLines('e'), [{ newPiece: true, text: 'e' }]);
    assert.deepEqual(splitter.placeLines('f\n'), [{ newPiece: false, text: 'f\n' }]);
    splitter.reset();
    assert.deepEqual(splitter.placeLines('g'), [{ newPiece: true, text: 'g' }]);
    assert.deepEqual(splitter.placeLines(''), []);
  });

  it('keeps whole units together, a new group once the current one is full', () => {
    const splitter = new PieceSplitter(10);
    const flags = ['123456', '78', '90ab', 'c', 'defghijklmnop', 'q'].map((s) => splitter.place(s)[0]?.newPiece);
    assert.deepEqual(flags, [true, false, false, true, false, true]);
    splitter.reset();
    assert.equal(splitter.place('x')[0]?.newPiece, true);
  });
});

import assert from 'node:assert/strict';
import { isTextEntry, voteActionForKey } from '../../../src/webview/results/voteKeys';

const free = { columnCount: 4, typing: false, modifiers: false };

describe('webview vote keys', () => {
  it('maps 1–8 to columns that exist, T to tie and B to all bad (any case)', () => {
    assert.deepEqual(voteActionForKey('1', free), { kind: 'winner', columnIndex: 0 });
    assert.deepEqual(voteActionForKey('4', free), { kind: 'winner', columnIndex: 3 });
    assert.equal(voteActionForKey('5', free), undefined, 'no fifth column');
    assert.deepEqual(voteActionForKey('8', { ...free, columnCount: 8 }), { kind: 'winner', columnIndex: 7 });
    assert.equal(voteActionForKey('9', { ...free, columnCount: 8 }), undefined);
    assert.equal(voteActionForKey('0', free), undefined);
    assert.deepEqual(voteActionForKey('t', free), { kind: 'tie' });
    assert.deepEqual(voteActionForKey('T', free), { kind: 'tie' });
    assert.deepEqual(voteActionForKey('b', free), { kind: 'all-bad' });
    assert.equal(voteActionForKey('x', free), undefined);
    assert.equal(voteActionForKey('Enter', free), undefined);
  });

  it('ignores every key while typing or with a modifier', () => {
    for (const key of ['1', 't', 'B']) {
      assert.equal(voteActionForKey(key, { ...free, typing: true }), undefined);
      assert.equal(voteActionForKey(key, { ...free, modifiers: true }), undefined);
    }
  });

  it('treats inputs, textareas, selects and contenteditable as text entry', () => {
    assert.equal(isTextEntry({ tagName: 'TEXTAREA' }), true);
    assert.equal(isTextEntry({ tagName: 'input' }), true);
    assert.equal(isTextEntry({ tagName: 'SELECT' }), true);
    assert.equal(isTextEntry({ tagName: 'DIV', isContentEditable: true }), true);
    assert.equal(isTextEntry({ tagName: 'BUTTON' }), false);
    assert.equal(isTextEntry(null), false);
  });
});

import assert from 'node:assert/strict';
import { languageFit, type LanguageFit } from '../../../src/core/edits/languageAliases';
import { locateLineBlock } from '../../../src/core/edits/lineBlockMatch';
import { detectEol, matchTrailingNewlines } from '../../../src/core/edits/lineEndings';

describe('languageFit', () => {
  const cases: [tag: string, languageId: string, fit: LanguageFit][] = [
    ['ts', 'typescript', 'same'],
    ['TypeScript', 'typescript', 'same'],
    ['py', 'python', 'same'],
    ['c++', 'cpp', 'same'],
    ['fsharp', 'fsharp', 'same'],
    ['tsx', 'typescript', 'related'],
    ['js', 'typescriptreact', 'related'],
    ['', 'python', 'neutral'],
    ['text', 'go', 'neutral'],
    ['pseudo', 'go', 'neutral'],
    ['bash', 'typescript', 'different'],
    ['rust', 'python', 'different'],
  ];
  for (const [tag, languageId, fit] of cases) {
    it(`"${tag}" for ${languageId} is ${fit}`, () => assert.equal(languageFit(tag, languageId), fit));
  }
});

describe('locateLineBlock', () => {
  const lines = ['if (a) {', '  run();', '}', 'if (b) {', '  run();', '}'];

  it('prefers the exact match and honours fromLine', () => {
    assert.deepEqual(locateLineBlock(lines, ['  run();'], ['  go();']), { start: 1, end: 2, replacement: ['  go();'], match: 'exact' });
    assert.equal(locateLineBlock(lines, ['  run();'], ['  go();'], 2)?.start, 4);
  });

  it('keeps relative indentation of the replacement when re-indenting', () => {
    const hit = locateLineBlock(lines, ['if (b) {', '    run();', '}'], ['if (b) {', '    run();', '    stop();', '}']);
    assert.equal(hit, undefined, 'a different relative indentation is not the same code');
    const shifted = locateLineBlock(['    if (b) {', '      run();', '    }'], ['if (b) {', '  run();', '}'], ['if (b) {', '  run();', '', '  stop();', '}']);
    assert.deepEqual(shifted?.replacement, ['    if (b) {', '      run();', '', '      stop();', '    }']);
    assert.equal(shifted?.match, 'indentation');
  });

  it('never matches an all-blank search', () => {
    assert.equal(locateLineBlock(['', 'x'], ['', '  '], ['y']), undefined);
  });
});

describe('line endings', () => {
  it('detects the dominant line ending', () => {
    assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectEol('a\nb\nc\r\n'), '\n');
    assert.equal(detectEol('one line'), '\n');
  });

  it('gives code the trailing newlines of the original', () => {
    assert.equal(matchTrailingNewlines('x\n\n\n', 'y'), 'x');
    assert.equal(matchTrailingNewlines('x', 'y\n\n'), 'x\n\n');
    assert.equal(matchTrailingNewlines('x  \n  \n', 'y\n'), 'x  \n');
  });
});

import assert from 'node:assert/strict';
import { extractEdit, type ExtractedEdit } from '../../../src/core/edits/editExtraction';
import { parseSearchReplaceBlocks } from '../../../src/core/edits/searchReplaceBlocks';
import { fenced, METHOD_PY, METHOD_PY_FIXED, TOTAL_TS, TOTAL_TS_FIXED } from './answerFixtures';

type Replacement = Extract<ExtractedEdit, { kind: 'replacement' }>;

function expectReplacement(edit: ExtractedEdit): Replacement {
  assert.equal(edit.kind, 'replacement', edit.kind === 'none' ? edit.reason : '');
  return edit;
}

function block(search: string, replace: string): string {
  return `<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE`;
}

const ts = { text: TOTAL_TS, languageId: 'typescript' };
const py = { text: METHOD_PY, languageId: 'python' };

describe('extractEdit: SEARCH/REPLACE blocks', () => {
  it('applies one exact block written inside a fence', () => {
    const answer = `Multiply by quantity:\n\n${fenced('ts', `src/cart.ts\n${block('    sum += item.price;', '    sum += item.price * item.quantity;')}`)}`;
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.equal(edit.source, 'search-replace');
    assert.equal(edit.followedFormat, false);
    assert.match(edit.notes[0] ?? '', /SEARCH\/REPLACE blocks instead of the full code/);
  });

  it('applies several bare blocks in order', () => {
    const answer = [
      'Two changes:',
      block('        if self.width < 0:\n            return 0', '        if self.width < 0 or self.height < 0:\n            return 0'),
      block('            return 0', '            raise ValueError("negative size")'),
    ].join('\n\n');
    const edit = expectReplacement(extractEdit(answer, py));
    assert.equal(edit.code, METHOD_PY_FIXED);
    assert.equal(edit.notes.length, 1, edit.notes.join('\n'));
  });

  it('matches a block whose indentation drifted and re-indents the replacement', () => {
    // The model dropped the class indentation: its SEARCH starts at column 0.
    const search = 'def area(self):\n    if self.width < 0:\n        return 0';
    const replace = 'def area(self):\n    if self.width < 0 or self.height < 0:\n        raise ValueError("negative size")';
    const edit = expectReplacement(extractEdit(block(search, replace), py));
    assert.equal(edit.code, METHOD_PY_FIXED);
    assert.match(edit.notes.join('\n'), /block 1 matched ignoring indentation/);
  });

  it('matches a block that is indented deeper than the selection', () => {
    const original = { text: 'if (a) {\n  run();\n}\n', languageId: 'javascript' };
    const edit = expectReplacement(extractEdit(block('      run();', '      run();\n      log();'), original));
    assert.equal(edit.code, 'if (a) {\n  run();\n  log();\n}\n');
  });

  it('matches when the selection has trailing spaces the model dropped', () => {
    const original = { text: 'const a = 1;   \nconst b = 2;\n', languageId: 'typescript' };
    const edit = expectReplacement(extractEdit(block('const a = 1;\nconst b = 2;', 'const a = 1;\nconst b = 3;'), original));
    assert.equal(edit.code, 'const a = 1;\nconst b = 3;\n');
    assert.match(edit.notes.join('\n'), /trailing whitespace/);
  });

  it('ignores blank lines padding the SEARCH side', () => {
    const edit = expectReplacement(extractEdit(block('\n    sum += item.price;\n', '\n    sum += item.price * item.quantity;\n'), ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
  });

  it('reports a block that matches nowhere and still applies the others', () => {
    const answer = [block('    total += item.cost;', '    total += item.cost * 2;'), block('    sum += item.price;', '    sum += item.price * item.quantity;')].join('\n');
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.match(edit.notes.join('\n'), /block 1 did not match the selection: "total \+= item.cost;"/);
  });

  it('gives no replacement when no block matches', () => {
    const edit = extractEdit(block('    total += item.cost;', '    total += 0;'), ts);
    assert.equal(edit.kind, 'none');
    assert.match(edit.kind === 'none' ? edit.reason : '', /none of the SEARCH\/REPLACE blocks applied.*did not match/);
  });

  it('applies the complete blocks of a truncated answer and notes the open one', () => {
    const answer = `${block('    sum += item.price;', '    sum += item.price * item.quantity;')}\n<<<<<<< SEARCH\n  return sum;\n=======\n  return Math.ro`;
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.match(edit.notes.join('\n'), /1 SEARCH\/REPLACE block\(s\) were not closed/);
  });

  it('keeps CRLF line endings of the selection', () => {
    const crlf = { text: TOTAL_TS.replace(/\n/g, '\r\n'), languageId: 'typescript' };
    const edit = expectReplacement(extractEdit(block('    sum += item.price;', '    sum += item.price * item.quantity;'), crlf));
    assert.equal(edit.code, TOTAL_TS_FIXED.replace(/\n/g, '\r\n'));
  });

  it('parses the search and replace sides line by line', () => {
    const parsed = parseSearchReplaceBlocks(`intro\n${block('a\nb', '')}\n${block('c', 'd\ne')}`);
    assert.deepEqual(parsed, { blocks: [{ search: ['a', 'b'], replace: [''] }, { search: ['c'], replace: ['d', 'e'] }], unterminated: 0 });
  });
});

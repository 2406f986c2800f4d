import assert from 'node:assert/strict';
import { candidateChanges, patchSetForAnswer, staleFiles } from '../../../src/core/edits/patchSetResolve';
import { F, PAGINATION, PAGINATION_TEST, workspace } from './patchSetFixtures';

const FIXED = PAGINATION.replace('pageSize - 1;', 'pageSize;');
const compared = { relPath: 'src/pagination.js', selectionText: '  const end = start + pageSize - 1;\n' };

function kinds(answer: string): Record<string, string> {
  const set = patchSetForAnswer(answer, workspace(), { compared });
  assert.ok(set, 'a patch set');
  assert.equal(set.blocked, undefined, set.problems.join('\n'));
  return Object.fromEntries(set.files.map((f) => [f.relPath, f.kind]));
}

describe('patch sets: each answer shape', () => {
  it('a unified diff over two files, with a/ b/ prefixes and timestamps', () => {
    const answer = [
      'Fix and test:',
      `${F}diff`,
      'diff --git a/src/pagination.js b/src/pagination.js',
      '--- a/src/pagination.js\t2026-12-01 10:00:00',
      '+++ b/src/pagination.js\t2026-12-01 10:00:00',
      '@@ -2,3 +2,3 @@',
      '   const start = (page - 1) * pageSize;',
      '-  const end = start + pageSize - 1;',
      '+  const end = start + pageSize;',
      '   return items.slice(start, end);',
      '--- a/test/pagination.test.js',
      '+++ b/test/pagination.test.js',
      '@@ -3,2 +3,5 @@',
      '   expect(paginate([1, 2, 3], 1, 2)).toEqual([1, 2]);',
      ' });',
      "+test('last page', () => {",
      '+  expect(paginate([1, 2, 3], 2, 2)).toEqual([3]);',
      '+});',
      F,
    ].join('\n');
    const set = patchSetForAnswer(answer, workspace(), { compared });
    assert.ok(set);
    assert.equal(set.blocked, undefined, set.problems.join('\n'));
    assert.deepEqual(set.files.map((f) => [f.relPath, f.kind, f.source, f.added, f.removed]), [
      ['src/pagination.js', 'modify', 'unified-diff', 1, 1],
      ['test/pagination.test.js', 'modify', 'unified-diff', 3, 0],
    ]);
    assert.equal(set.files[0]?.proposed, FIXED);
    assert.match(set.files[1]?.proposed ?? '', /last page[\s\S]*toEqual\(\[3\]\);\n\}\);\n$/);
  });

  it('a diff that creates a file from /dev/null and deletes another to /dev/null', () => {
    const answer = [
      '--- /dev/null',
      '+++ b/src/range.js',
      '@@ -0,0 +1,2 @@',
      '+export const range = (n) => [...Array(n).keys()];',
      '+// end',
      '--- a/src/old.js',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-old',
    ].join('\n');
    const set = patchSetForAnswer(answer, workspace(), { compared });
    assert.ok(set);
    assert.deepEqual(set.files.map((f) => [f.relPath, f.kind]), [['src/range.js', 'create'], ['src/old.js', 'delete']]);
    assert.equal(set.files[0]?.proposed, 'export const range = (n) => [...Array(n).keys()];\n// end\n');
    assert.equal(set.files[1]?.proposed, undefined);
    assert.deepEqual(candidateChanges(set), [
      { relPath: 'src/range.js', content: 'export const range = (n) => [...Array(n).keys()];\n// end\n' },
      { relPath: 'src/old.js', content: '', deleted: true },
    ]);
  });

  it('labelled fences as whole files: `path`:, **path**, File:, ### path, info strings and a first-line path comment', () => {
    const shapes = [
      (p: string, code: string) => `\`${p}\`:\n${F}js\n${code}${F}`,
      (p: string, code: string) => `**${p}**\n\n${F}js\n${code}${F}`,
      (p: string, code: string) => `File: ${p}\n${F}\n${code}${F}`,
      (p: string, code: string) => `### ${p}\n${F}javascript\n${code}${F}`,
      (p: string, code: string) => `${F}js title=${p}\n${code}${F}`,
      (p: string, code: string) => `${F}js:${p}\n${code}${F}`,
      (p: string, code: string) => `${F}js\n// path: ${p}\n${code}${F}`,
    ];
    for (const shape of shapes) {
      const answer = ['Here is the fix.', shape('src/pagination.js', FIXED), '', 'And a test:', shape('test/extra.test.js', "test('x', () => {});\n")].join('\n');
      const set = patchSetForAnswer(answer, workspace(), { compared });
      assert.ok(set, answer);
      assert.equal(set.blocked, undefined, `${answer}\n${set.problems.join('\n')}`);
      assert.deepEqual(set.files.map((f) => [f.relPath, f.kind, f.source]), [['src/pagination.js', 'modify', 'full-file'], ['test/extra.test.js', 'create', 'full-file']], answer);
      assert.equal(set.files[0]?.proposed, FIXED, answer);
      assert.equal(set.files[1]?.proposed, "test('x', () => {});\n", `the path comment is not part of the file: ${answer}`);
    }
  });

  it('SEARCH/REPLACE blocks under file names (Aider style), one file with two blocks', () => {
    const answer = [
      'src/pagination.js',
      `${F}js`,
      '<<<<<<< SEARCH',
      '  const end = start + pageSize - 1;',
      '=======',
      '  const end = start + pageSize;',
      '>>>>>>> REPLACE',
      F,
      '',
      'test/pagination.test.js',
      `${F}js`,
      '<<<<<<< SEARCH',
      "test('first page', () => {",
      '=======',
      "test('first page holds pageSize items', () => {",
      '>>>>>>> REPLACE',
      '<<<<<<< SEARCH',
      '});',
      '=======',
      '});',
      "test('second page', () => {});",
      '>>>>>>> REPLACE',
      F,
    ].join('\n');
    const set = patchSetForAnswer(answer, workspace(), { compared });
    assert.ok(set);
    assert.equal(set.blocked, undefined, set.problems.join('\n'));
    assert.equal(set.files[0]?.proposed, FIXED);
    assert.equal(set.files[1]?.proposed, PAGINATION_TEST.replace("'first page'", "'first page holds pageSize items'").replace('});\n', "});\ntest('second page', () => {});\n"));
    assert.deepEqual(set.files.map((f) => f.source), ['search-replace', 'search-replace']);
  });

  it('mixed shapes in one answer: a diff for the code, a labelled fence for a new test', () => {
    const answer = [
      `${F}diff`,
      '--- a/src/pagination.js',
      '+++ b/src/pagination.js',
      '@@',
      '-  const end = start + pageSize - 1;',
      '+  const end = start + pageSize;',
      F,
      '',
      '`test/end.test.js`:',
      `${F}js`,
      "test('end', () => {});",
      F,
    ].join('\n');
    assert.deepEqual(kinds(answer), { 'src/pagination.js': 'modify', 'test/end.test.js': 'create' });
  });

  it('a labelled snippet of the compared file replaces the selection, not the whole file', () => {
    const answer = ['`src/pagination.js`:', `${F}js`, '  const end = start + pageSize;', F, '`test/end.test.js`:', `${F}js`, "test('end', () => {});", F].join('\n');
    const set = patchSetForAnswer(answer, workspace(), { compared });
    assert.equal(set?.files[0]?.proposed, FIXED);
    assert.match(set?.problems.join('\n') ?? '', /replaces the selection/);
  });

  it('keeps CRLF line endings of the file it edits', () => {
    const reader = workspace();
    const crlf = { ...reader, read: (p: string) => (p === 'src/pagination.js' ? PAGINATION.replace(/\n/g, '\r\n') : reader.read(p)) };
    const answer = ['--- a/src/pagination.js', '+++ b/src/pagination.js', '@@', '-  const end = start + pageSize - 1;', '+  const end = start + pageSize;', '--- /dev/null', '+++ b/a.txt', '@@ -0,0 +1 @@', '+a'].join('\n');
    const set = patchSetForAnswer(answer, crlf, { compared });
    assert.equal(set?.files[0]?.proposed, FIXED.replace(/\n/g, '\r\n'));
  });
});

describe('patch sets: when the single-file flow keeps the answer', () => {
  const reader = workspace();
  it('an answer with one plain fence (today\'s format) is not a patch set', () => {
    assert.equal(patchSetForAnswer(`The fix:\n\n${F}js\n  const end = start + pageSize;\n${F}`, reader, { compared }), undefined);
  });
  it('a diff or a label naming only the compared file stays single-file', () => {
    const diff = ['--- a/src/pagination.js', '+++ b/src/pagination.js', '@@', '-  const end = start + pageSize - 1;', '+  const end = start + pageSize;'].join('\n');
    assert.equal(patchSetForAnswer(diff, reader, { compared }), undefined);
    assert.equal(patchSetForAnswer(`In \`src/pagination.js\`:\n${F}js\n  const end = start + pageSize;\n${F}`, reader, { compared }), undefined);
    assert.equal(patchSetForAnswer(`src/pagination.js\n${F}js\n<<<<<<< SEARCH\n  const end = start + pageSize - 1;\n=======\n  const end = start + pageSize;\n>>>>>>> REPLACE\n${F}`, reader, { compared }), undefined);
  });
  it('prose that mentions code (`Array.prototype.slice`:, `end`:) names no file', () => {
    const answer = `\`Array.prototype.slice\`:\n${F}js\nitems.slice(start, end)\n${F}\n\`end\`:\n${F}js\nconst end = start + pageSize;\n${F}`;
    assert.equal(patchSetForAnswer(answer, reader, { compared }), undefined);
  });
  it('a sentence ending in a file name without a colon does not label the next fence', () => {
    const answer = `The bug is in \`src/other.js\`.\n\n${F}js\n  const end = start + pageSize;\n${F}`;
    assert.equal(patchSetForAnswer(answer, reader, { compared }), undefined);
  });
  it('one other file named makes a patch set, and unlabelled code beside it is reported', () => {
    const set = patchSetForAnswer(`${F}js\n  const end = start + pageSize;\n${F}\n\`test/end.test.js\`:\n${F}js\ntest('end', () => {});\n${F}`, reader, { compared });
    assert.deepEqual(set?.files.map((f) => f.relPath), ['test/end.test.js']);
    assert.match(set?.problems.join('\n') ?? '', /code with no file name/);
  });
});

describe('patch sets: the stale check before Apply', () => {
  const answer = ['--- a/src/pagination.js', '+++ b/src/pagination.js', '@@', '-  const end = start + pageSize - 1;', '+  const end = start + pageSize;', '--- /dev/null', '+++ b/test/end.test.js', '@@ -0,0 +1 @@', "+test('end', () => {});"].join('\n');
  const set = patchSetForAnswer(answer, workspace(), { compared });
  assert.ok(set);
  const files: Record<string, string> = { 'src/pagination.js': PAGINATION, 'test/pagination.test.js': PAGINATION_TEST };

  it('passes while every file holds what the answer was resolved against and new files still do not exist', () => {
    assert.deepEqual(staleFiles(set, (p) => files[p]), []);
  });
  it('names a file edited since, and a file to create that appeared since', () => {
    assert.deepEqual(staleFiles(set, (p) => ({ ...files, 'src/pagination.js': `${PAGINATION}// edited\n` })[p]), ['src/pagination.js']);
    assert.deepEqual(staleFiles(set, (p) => ({ ...files, 'test/end.test.js': 'mine\n' })[p]), ['test/end.test.js']);
  });
});

describe('patch sets: a plain fence for the selection beside a labelled file', () => {
  const withLanguage = { ...compared, languageId: 'javascript' };
  const test = `\`test/end.test.js\`:\n${F}js\ntest('end', () => {});\n${F}`;

  it('the one plain fence in the selection\'s language replaces the selection, as a single-file answer would', () => {
    const set = patchSetForAnswer(`The fix:\n${F}javascript\n  const end = start + pageSize;\n${F}\nAnd a test:\n${test}`, workspace(), { compared: withLanguage });
    assert.ok(set);
    assert.equal(set.blocked, undefined, set.problems.join('\n'));
    assert.deepEqual(set.files.map((f) => [f.relPath, f.kind]), [['src/pagination.js', 'modify'], ['test/end.test.js', 'create']]);
    assert.equal(set.files[0]?.proposed, FIXED);
  });

  it('a shell block, or two candidate blocks, are not guessed at: the set says code was left out', () => {
    for (const plain of [`${F}bash\nnpm test\n${F}`, `${F}js\n  const end = start + pageSize;\n${F}\n${F}js\nconst x = 1;\n${F}`]) {
      const set = patchSetForAnswer(`${plain}\n${test}`, workspace(), { compared: withLanguage });
      assert.deepEqual(set?.files.map((f) => f.relPath), ['test/end.test.js'], plain);
      assert.match(set?.problems.join('\n') ?? '', /code with no file name/, plain);
    }
  });

  it('blocks the set when the selection is no longer in the file exactly once', () => {
    const set = patchSetForAnswer(`${F}js\n  const end = start + pageSize;\n${F}\n${test}`, workspace(), { compared: { ...withLanguage, selectionText: 'not in the file\n' } });
    assert.match(set?.blocked ?? '', /unlabelled code could not be placed/);
  });
});

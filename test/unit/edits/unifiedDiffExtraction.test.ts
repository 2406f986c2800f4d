import assert from 'node:assert/strict';
import { extractEdit, type ExtractedEdit } from '../../../src/core/edits/editExtraction';
import { parseUnifiedDiff } from '../../../src/core/edits/unifiedDiffHunks';
import { fenced, METHOD_PY, METHOD_PY_FIXED, TOTAL_TS, TOTAL_TS_FIXED } from './answerFixtures';

type Replacement = Extract<ExtractedEdit, { kind: 'replacement' }>;

function expectReplacement(edit: ExtractedEdit): Replacement {
  assert.equal(edit.kind, 'replacement', edit.kind === 'none' ? edit.reason : '');
  return edit;
}

const ts = { text: TOTAL_TS, languageId: 'typescript' };
const py = { text: METHOD_PY, languageId: 'python' };

const TOTAL_HUNK_BODY = [
  '   let sum = 0;',
  '   for (const item of items) {',
  '-    sum += item.price;',
  '+    sum += item.price * item.quantity;',
  '   }',
  '   return sum;',
].join('\n');

describe('extractEdit: unified diffs', () => {
  const applying: { name: string; answer: string; original?: { text: string; languageId: string }; code: string }[] = [
    {
      name: 'a ```diff block with correct headers',
      answer: `Here is the patch:\n\n${fenced('diff', `--- a/src/cart.ts\n+++ b/src/cart.ts\n@@ -2,5 +2,5 @@\n${TOTAL_HUNK_BODY}`)}`,
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'a hunk header with wrong line numbers and counts',
      answer: fenced('diff', `@@ -140,9 +140,12 @@ export function total\n${TOTAL_HUNK_BODY}`),
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'Aider-style "@@ ... @@" headers without numbers',
      answer: fenced('diff', `--- src/cart.ts\n+++ src/cart.ts\n@@ ... @@\n${TOTAL_HUNK_BODY}`),
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'a bare diff in the prose, without a fence',
      answer: `Apply this change:\n\n--- a/cart.ts\n+++ b/cart.ts\n@@ -3,2 +3,2 @@\n-    sum += item.price;\n+    sum += item.price * item.quantity;\n\nThat fixes the total.`,
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'an untagged fence whose content is a diff',
      answer: `Patch:\n${fenced('', `@@ -3,1 +3,1 @@\n${TOTAL_HUNK_BODY}`)}`,
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'a diff block without any @@ line',
      answer: fenced('diff', '-    sum += item.price;\n+    sum += item.price * item.quantity;'),
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'blank context lines that lost their leading space',
      original: { text: 'a();\n\nb();\n', languageId: 'javascript' },
      answer: fenced('diff', '@@ -1,3 +1,3 @@\n a();\n\n-b();\n+c();'),
      code: 'a();\n\nc();\n',
    },
    {
      name: 'two hunks in order',
      answer: fenced('diff', '@@ -1 +1 @@\n-export function total(items: Item[]): number {\n+export function total(items: readonly Item[]): number {\n@@ -6 +6 @@\n   }\n-  return sum;\n+  return Math.round(sum);'),
      code: TOTAL_TS.replace('items: Item[]', 'items: readonly Item[]').replace('return sum;', 'return Math.round(sum);'),
    },
  ];
  for (const c of applying) {
    it(`applies ${c.name}`, () => {
      const edit = expectReplacement(extractEdit(c.answer, c.original ?? ts));
      assert.equal(edit.code, c.code);
      assert.equal(edit.source, 'unified-diff');
      assert.equal(edit.followedFormat, false);
    });
  }

  it('applies a hunk whose context lost the selection indentation, re-indenting it', () => {
    const hunk = '@@ -1,4 +1,4 @@\n def area(self):\n-    if self.width < 0:\n-        return 0\n+    if self.width < 0 or self.height < 0:\n+        raise ValueError("negative size")\n     return self.width * self.height';
    const edit = expectReplacement(extractEdit(fenced('diff', hunk), py));
    assert.equal(edit.code, METHOD_PY_FIXED);
    assert.match(edit.notes.join('\n'), /hunk 1 matched ignoring indentation/);
  });

  it('applies a hunk with a misremembered context line through fuzzy matching', () => {
    const hunk = '@@ -1,6 +1,6 @@\n export function total(items: Item[]): number {\n   let sum = 0; // running total\n   for (const item of items) {\n-    sum += item.price;\n+    sum += item.price * item.quantity;\n   }';
    const edit = expectReplacement(extractEdit(fenced('diff', hunk), ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.match(edit.notes.join('\n'), /hunk 1 applied with fuzzy context/);
  });

  it('reports a hunk that does not apply and keeps the ones that do', () => {
    const patch = `@@ -3 +3 @@\n-    sum += item.price;\n+    sum += item.price * item.quantity;\n@@ -9 +9 @@\n-  console.log(sum);\n+  logger.info(sum);`;
    const edit = expectReplacement(extractEdit(fenced('diff', patch), ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.match(edit.notes.join('\n'), /hunk 2 did not apply: "console.log\(sum\);"/);
  });

  it('gives no replacement when no hunk applies', () => {
    const edit = extractEdit(fenced('diff', '@@ -1 +1 @@\n-import x from "y";\n+import x from "z";'), ts);
    assert.equal(edit.kind, 'none');
    assert.match(edit.kind === 'none' ? edit.reason : '', /none of the diff hunks applied/);
  });

  it('keeps CRLF line endings of the selection', () => {
    const crlf = { text: TOTAL_TS.replace(/\n/g, '\r\n'), languageId: 'typescript' };
    const edit = expectReplacement(extractEdit(fenced('diff', `@@ -2,5 +2,5 @@\n${TOTAL_HUNK_BODY}`).replace(/\n/g, '\r\n'), crlf));
    assert.equal(edit.code, TOTAL_TS_FIXED.replace(/\n/g, '\r\n'));
  });

  it('prefers a full code block in the selection language over a diff in the same answer', () => {
    const answer = `${fenced('diff', `@@ -3 +3 @@\n-    sum += item.price;\n+    sum += item.price * 2;`)}\nFull version:\n${fenced('ts', TOTAL_TS_FIXED)}`;
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.source, 'best-fence');
    assert.equal(edit.code, TOTAL_TS_FIXED);
  });

  it('treats a ```diff block as plain code when the selection itself is a diff', () => {
    const selection = '@@ -1 +1 @@\n-a\n+b\n';
    const proposed = '@@ -1 +1 @@\n-a\n+c\n';
    const edit = expectReplacement(extractEdit(fenced('diff', proposed), { text: selection, languageId: 'diff' }));
    assert.equal(edit.source, 'single-fence');
    assert.equal(edit.code, proposed);
  });

  it('parses hunks, ignoring file headers, "\\ No newline" markers and trailing prose', () => {
    const hunks = parseUnifiedDiff('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -4,2 +4,2 @@\n ctx\n-old\n\\ No newline at end of file\n+new\n\nThanks!');
    assert.deepEqual(hunks, [{ oldStart: 4, lines: [' ctx', '-old', '+new'] }]);
  });
});

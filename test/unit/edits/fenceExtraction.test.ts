import assert from 'node:assert/strict';
import { extractEdit, type ExtractedEdit } from '../../../src/core/edits/editExtraction';
import { FENCE, fenced, METHOD_PY, METHOD_PY_FIXED, TOTAL_TS, TOTAL_TS_FIXED } from './answerFixtures';

type Replacement = Extract<ExtractedEdit, { kind: 'replacement' }>;

function expectReplacement(edit: ExtractedEdit): Replacement {
  assert.equal(edit.kind, 'replacement', edit.kind === 'none' ? edit.reason : '');
  return edit;
}

const ts = { text: TOTAL_TS, languageId: 'typescript' };

describe('extractEdit: one fenced block', () => {
  const cases: { name: string; answer: string; original?: { text: string; languageId: string }; code: string }[] = [
    {
      name: 'prose around a ```ts block',
      answer: `The bug is that quantity is ignored.\n\n${fenced('ts', TOTAL_TS_FIXED)}\n\nThis multiplies by quantity.`,
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'a ~~~ fence',
      answer: `Fixed:\n${fenced('typescript', TOTAL_TS_FIXED, '~~~')}\n`,
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'a 4-backtick fence whose code contains a ``` line',
      answer: `Here you go:\n${fenced('ts', `const help = \`\n${FENCE}sh\nnpm test\n${FENCE}\n\`;\n`, '````')}`,
      code: `const help = \`\n${FENCE}sh\nnpm test\n${FENCE}\n\`;\n`,
      original: { text: 'const help = `npm test`;\n', languageId: 'typescript' },
    },
    {
      name: 'extra blank lines inside the fence are dropped to match the selection ending',
      answer: fenced('ts', `${TOTAL_TS_FIXED}\n\n`),
      code: TOTAL_TS_FIXED,
    },
    {
      name: 'a selection without a trailing newline gets code without one',
      answer: fenced('ts', 'return a + b;\n'),
      original: { text: 'return a - b;', languageId: 'typescript' },
      code: 'return a + b;',
    },
    {
      name: 'indentation of a method selected inside a class is kept exactly',
      answer: `Raise on negative sizes:\n\n${fenced('python', METHOD_PY_FIXED)}`,
      original: { text: METHOD_PY, languageId: 'python' },
      code: METHOD_PY_FIXED,
    },
    {
      name: 'a fence inside a numbered list loses only the list indentation',
      answer: `1. Replace the function:\n\n   ${FENCE}ts\n   function f() {\n     return 1;\n   }\n   ${FENCE}\n2. Run the tests.`,
      original: { text: 'function f() {\n  return 0;\n}\n', languageId: 'typescript' },
      code: 'function f() {\n  return 1;\n}\n',
    },
    {
      name: 'a ````markdown wrapper around the real block is unwrapped',
      answer: `${'````'}markdown\nHere is the fix:\n${fenced('ts', TOTAL_TS_FIXED)}\n${'````'}`,
      code: TOTAL_TS_FIXED,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const edit = expectReplacement(extractEdit(c.answer, c.original ?? ts));
      assert.equal(edit.code, c.code);
      assert.equal(edit.source, 'single-fence');
      assert.equal(edit.followedFormat, true);
      assert.deepEqual(edit.notes, []);
    });
  }

  it('keeps CRLF when the selection used CRLF', () => {
    const crlf = TOTAL_TS.replace(/\n/g, '\r\n');
    const edit = expectReplacement(extractEdit(`Fixed:\n${fenced('ts', TOTAL_TS_FIXED)}`, { text: crlf, languageId: 'typescript' }));
    assert.equal(edit.code, TOTAL_TS_FIXED.replace(/\n/g, '\r\n'));
  });

  it('keeps LF when the answer itself arrived with CRLF but the selection is LF', () => {
    const answer = `Fixed:\r\n${fenced('ts', TOTAL_TS_FIXED).replace(/\n/g, '\r\n')}\r\n`;
    assert.equal(expectReplacement(extractEdit(answer, ts)).code, TOTAL_TS_FIXED);
  });

  it('takes an unterminated final fence but notes the truncation', () => {
    const partial = TOTAL_TS_FIXED.split('\n').slice(0, 4).join('\n');
    const edit = expectReplacement(extractEdit(`Sure:\n\n${FENCE}ts\n${partial}`, ts));
    assert.equal(edit.code, `${partial}\n`);
    assert.equal(edit.followedFormat, false);
    assert.match(edit.notes.join('\n'), /truncated/);
  });

  it('notes "no change" when the code equals the selection', () => {
    const edit = expectReplacement(extractEdit(`The code is already correct:\n${fenced('ts', TOTAL_TS)}`, ts));
    assert.equal(edit.code, TOTAL_TS);
    assert.match(edit.notes.join('\n'), /no change/);
  });

  it('flags a single block in a different language as not following the format', () => {
    const edit = expectReplacement(extractEdit(`Install it first:\n${fenced('bash', 'npm i lodash')}`, ts));
    assert.equal(edit.followedFormat, false);
    assert.match(edit.notes.join('\n'), /tagged "bash"/);
  });
});

describe('extractEdit: several fenced blocks', () => {
  it('picks the block in the selection language over a shell block', () => {
    const answer = `Run the tests first:\n${fenced('bash', 'npm test')}\nThen:\n${fenced('ts', TOTAL_TS_FIXED)}`;
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.equal(edit.source, 'best-fence');
    assert.equal(edit.followedFormat, false);
    assert.match(edit.notes.join('\n'), /2 code blocks.*"ts" block.*language/);
  });

  it('picks the py block for a python selection even when a js block comes first', () => {
    const answer = `In JavaScript this would be:\n${fenced('js', 'const area = (w, h) => w * h;')}\nIn Python:\n${fenced('py', METHOD_PY_FIXED)}`;
    const edit = expectReplacement(extractEdit(answer, { text: METHOD_PY, languageId: 'python' }));
    assert.equal(edit.code, METHOD_PY_FIXED);
  });

  it('picks the full revision over a short usage example in the same language', () => {
    const answer = `${fenced('ts', TOTAL_TS_FIXED)}\nUsage:\n${fenced('ts', 'total(cart.items);')}`;
    const edit = expectReplacement(extractEdit(`Updated:\n${answer}`, ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.match(edit.notes.join('\n'), /closest in size/);
  });

  it('breaks a size tie by similarity to the selection', () => {
    const unrelated = TOTAL_TS_FIXED.replace(/sum|item|total|price|quantity/g, 'zz');
    const answer = `Option A:\n${fenced('ts', unrelated)}\nOption B:\n${fenced('ts', TOTAL_TS_FIXED)}`;
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.code, TOTAL_TS_FIXED);
    assert.match(edit.notes.join('\n'), /most similar/);
  });

  it('prefers an untagged block over a block in another language', () => {
    const answer = `${fenced('bash', 'npx tsc --noEmit\nnpm test')}\n${fenced('', TOTAL_TS_FIXED)}`;
    assert.equal(expectReplacement(extractEdit(answer, ts)).code, TOTAL_TS_FIXED);
  });

  it('notes truncation when the chosen block is the unterminated last one', () => {
    const answer = `${fenced('bash', 'npm test')}\n${FENCE}ts\nexport function total(items: Item[]): number {\n  let sum = 0;`;
    const edit = expectReplacement(extractEdit(answer, ts));
    assert.equal(edit.code, 'export function total(items: Item[]): number {\n  let sum = 0;\n');
    assert.match(edit.notes.join('\n'), /truncated/);
  });
});

describe('extractEdit: no usable code', () => {
  it('reports an answer without any code', () => {
    const edit = extractEdit('You should multiply the price by the quantity inside the loop.', ts);
    assert.equal(edit.kind, 'none');
    assert.equal(edit.followedFormat, false);
    assert.match(edit.kind === 'none' ? edit.reason : '', /no code block/);
  });

  it('reports an empty answer', () => {
    assert.equal(extractEdit('', ts).kind, 'none');
  });

  it('does not mistake inline code for a block', () => {
    assert.equal(extractEdit('Change `sum += item.price` to `sum += item.price * item.quantity`.', ts).kind, 'none');
  });
});

describe('extractEdit: malformed answers', () => {
  const odd: [answer: string, kind: ExtractedEdit['kind']][] = [
    ['```', 'none'],
    ['~~~~~~', 'none'],
    ['```ts\n\n```', 'none'],
    ['````\n```', 'replacement'],
    ['<<<<<<< SEARCH', 'none'],
    ['<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE', 'none'],
    ['=======\n>>>>>>> REPLACE', 'none'],
    ['@@', 'none'],
    ['@@\n+', 'none'],
    ['```diff\n@@ -0,0 +0,0 @@\n```', 'none'],
    ['\r\r\n\r', 'none'],
  ];
  for (const [answer, kind] of odd) {
    it(`gives ${kind} without throwing for ${JSON.stringify(answer)}`, () => {
      const edit = extractEdit(answer, ts);
      assert.equal(edit.kind, kind);
      assert.ok(edit.kind === 'none' ? edit.reason.length > 0 : edit.code.length > 0);
    });
  }
});

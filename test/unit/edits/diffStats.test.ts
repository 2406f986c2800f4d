import assert from 'node:assert/strict';
import { applyPatch, diffLines } from 'diff';
import { mulberry32 } from '../../../src/core/prefs/seededRandom';
import { applyReplacement, isStillOriginal, lineDiffStats, unifiedDiff } from '../../../src/core/edits/diffStats';
import { TOTAL_TS, TOTAL_TS_FIXED } from './answerFixtures';

describe('lineDiffStats', () => {
  const cases: { name: string; original: string; proposed: string; added: number; removed: number }[] = [
    { name: 'identical texts', original: TOTAL_TS, proposed: TOTAL_TS, added: 0, removed: 0 },
    { name: 'one changed line', original: TOTAL_TS, proposed: TOTAL_TS_FIXED, added: 1, removed: 1 },
    { name: 'two inserted lines', original: 'a\nb\n', proposed: 'a\nx\ny\nb\n', added: 2, removed: 0 },
    { name: 'three deleted lines', original: 'a\nb\nc\nd\n', proposed: 'a\n', added: 0, removed: 3 },
    { name: 'everything replaced', original: 'a\nb\n', proposed: 'c\n', added: 1, removed: 2 },
    { name: 'from empty', original: '', proposed: 'a\nb\n', added: 2, removed: 0 },
    { name: 'a lost final newline changes the last line', original: 'a\nb\n', proposed: 'a\nb', added: 1, removed: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(lineDiffStats(c.original, c.proposed), { added: c.added, removed: c.removed });
    });
  }
});

describe('unifiedDiff', () => {
  it('labels both sides and shows the changed lines', () => {
    const patch = unifiedDiff(TOTAL_TS, TOTAL_TS_FIXED, { fromLabel: 'cart.ts (selection)', toLabel: 'cart.ts (GPT-4.1)' });
    assert.match(patch, /^--- cart\.ts \(selection\)$/m);
    assert.match(patch, /^\+\+\+ cart\.ts \(GPT-4\.1\)$/m);
    assert.match(patch, /^- {4}sum \+= item\.price;$/m);
    assert.match(patch, /^\+ {4}sum \+= item\.price \* item\.quantity;$/m);
  });

  it('produces a patch that turns the original into the proposal', () => {
    const patch = unifiedDiff(TOTAL_TS, TOTAL_TS_FIXED, { fromLabel: 'a', toLabel: 'b', context: 1 });
    assert.equal(applyPatch(TOTAL_TS, patch), TOTAL_TS_FIXED);
    assert.doesNotMatch(patch, /let sum = 0;/, 'one line of context leaves the second line out');
  });

  it('has no hunks for identical texts', () => {
    assert.doesNotMatch(unifiedDiff('a\n', 'a\n', { fromLabel: 'a', toLabel: 'b' }), /@@/);
  });
});

describe('applyReplacement and isStillOriginal', () => {
  const doc = 'import { Item } from "./item";\n\nfunction f() {\n  return 0;\n}\n';
  const start = doc.indexOf('function');
  const range = { start, end: doc.length };

  it('splices the code into the range', () => {
    assert.equal(applyReplacement(doc, range, 'const f = () => 1;\n'), 'import { Item } from "./item";\n\nconst f = () => 1;\n');
    assert.equal(applyReplacement('abc', { start: 1, end: 1 }, 'X'), 'aXbc');
  });

  it('throws a RangeError for a range outside the document', () => {
    assert.throws(() => applyReplacement('abc', { start: 2, end: 4 }, 'x'), RangeError);
    assert.throws(() => applyReplacement('abc', { start: 2, end: 1 }, 'x'), RangeError);
    assert.throws(() => applyReplacement('abc', { start: -1, end: 1 }, 'x'), RangeError);
  });

  it('knows whether the range still holds the original selection', () => {
    const selection = doc.slice(range.start, range.end);
    assert.equal(isStillOriginal(doc, range, selection), true);
    assert.equal(isStillOriginal(`// edited\n${doc}`, range, selection), false, 'text inserted above shifts the range');
    assert.equal(isStillOriginal(doc.replace('return 0', 'return 2'), range, selection), false);
    assert.equal(isStillOriginal(doc.slice(0, 10), range, selection), false, 'document got shorter');
  });
});

describe('lineDiffStats: exact like jsdiff, and fast on large inputs', function () {
  this.timeout(60_000);
  const jsdiffCounts = (a: string, b: string): { added: number; removed: number } => {
    let added = 0;
    let removed = 0;
    for (const c of diffLines(a, b)) {
      if (c.added) added += c.count;
      if (c.removed) removed += c.count;
    }
    return { added, removed };
  };

  it('gives the same counts as jsdiff diffLines on 3,000 random small pairs (CRLF, blank lines, missing final newline)', () => {
    const random = mulberry32(10);
    const alphabet = ['a\n', 'b\n', 'c\n', '\n', 'a\r\n', 'd', 'b'];
    const text = (): string => {
      let s = '';
      const n = Math.floor(random() * 12);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      return s;
    };
    for (let i = 0; i < 3_000; i++) {
      const a = text();
      const b = random() < 0.3 ? a.slice(0, Math.floor(random() * a.length)) + text() : text();
      assert.deepEqual(lineDiffStats(a, b), jsdiffCounts(a, b), `${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
    }
  });

  // The 50 ms default bound is wall-clock: on a loaded machine it could give up, so these exactness checks lift it.
  const unhurried = { timeoutMs: 30_000 };

  it('two 10k-line files with every 20th line changed: exactly 500 added and 500 removed, not approximate', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `  const value${i} = compute(${i}, items[${i % 97}]); // line ${i}\n`);
    const changed = lines.map((line, i) => (i % 20 === 7 ? line.replace('\n', ' // changed\n') : line));
    assert.deepEqual(lineDiffStats(lines.join(''), changed.join(''), unhurried), { added: 500, removed: 500 });
  });

  it('with the default bounds (work, not wall-clock) the same 10k-line pair is exact; a tiny work budget gives up', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `row ${i}\n`);
    const changed = lines.map((line, i) => (i % 20 === 7 ? `row ${i} changed\n` : line));
    assert.deepEqual(lineDiffStats(lines.join(''), changed.join('')), { added: 500, removed: 500 });
    assert.deepEqual(lineDiffStats(lines.join(''), changed.join(''), { maxEffort: 1_000 }), { added: 9_981, removed: 9_981, approximate: true });
  });

  it('10k lines with 300 deleted and 200 new lines inserted elsewhere: exactly those counts', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i} ${(i * 7919) % 104729}\n`);
    const edited: string[] = [];
    lines.forEach((line, i) => {
      if (i % 50 === 20) edited.push(`inserted before ${i}\n`); // 200 inserted
      if (i % 33 !== 5 || i >= 9_900) edited.push(line); // 300 deleted
    });
    assert.deepEqual(lineDiffStats(lines.join(''), edited.join(''), unhurried), { added: 200, removed: 300 });
  });
});

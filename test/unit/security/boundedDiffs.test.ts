/**
 * Diffs are bounded: 16k proposed lines that share nothing with the original must not block the extension host
 * for seconds. jsdiff gives up at maxEditLength / a timeout, and the result says it is approximate.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { applyPatch } from 'diff';
import { lineDiffStats, unifiedDiff } from '../../../src/core/edits/diffStats';

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} line ${i} ${(i * 7919) % 104729}\n`).join('');

describe('security: bounded diffs (diff size cap)', function () {
  this.timeout(20_000);

  it('diff size cap: 16k proposed lines against 16k different lines return fast, marked approximate', () => {
    const original = lines(16_000, 'old');
    const proposed = lines(16_000, 'new');
    const start = performance.now();
    const stats = lineDiffStats(original, proposed);
    const ms = performance.now() - start;
    assert.ok(ms < 500, `took ${ms.toFixed(0)} ms`);
    assert.deepEqual(stats, { added: 16_000, removed: 16_000, approximate: true });
  });

  it('diff size cap: the approximate count still skips common first and last lines', () => {
    const head = lines(10, 'same-head');
    const tail = lines(10, 'same-tail');
    const stats = lineDiffStats(head + lines(5_000, 'a') + tail, head + lines(3_000, 'b') + tail, { maxEditLength: 10 });
    assert.deepEqual(stats, { added: 3_000, removed: 5_000, approximate: true });
  });

  it('diff size cap: small diffs stay exact (no approximate flag)', () => {
    assert.deepEqual(lineDiffStats('a\nb\nc\n', 'a\nB\nc\n'), { added: 1, removed: 1 });
  });

  it('diff size cap: the unified diff of 16k different lines is fast and still applies', () => {
    const original = lines(16_000, 'old');
    const proposed = lines(16_000, 'new');
    const start = performance.now();
    const patch = unifiedDiff(original, proposed, { fromLabel: 'a', toLabel: 'b' });
    const ms = performance.now() - start;
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
    assert.equal(applyPatch(original, patch), proposed);
  });

  it('diff size cap: the fallback patch handles context, missing final newlines and empty sides', () => {
    const bounds = { maxEditLength: 0 };
    const cases: Array<[string, string]> = [
      ['a\nb\nc\nd\ne\nf\n', 'a\nb\nX\nY\ne\nf\n'],
      ['a\nb', 'a\nc'],
      ['', 'x\ny\n'],
      ['x\ny\n', ''],
      ['same\n', 'same\nplus'],
    ];
    for (const [from, to] of cases) {
      const patch = unifiedDiff(from, to, { fromLabel: 'a', toLabel: 'b', context: 1 }, bounds);
      assert.equal(applyPatch(from, patch), to, `${JSON.stringify(from)} -> ${JSON.stringify(to)}\n${patch}`);
    }
  });
});

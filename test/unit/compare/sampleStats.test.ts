import assert from 'node:assert/strict';
import { agreement, answerSimilarity, normaliseAnswer, percentile, sampleStats } from '../../../src/core/compare/sampleStats';

describe('repeat: sample statistics', () => {
  it('percentiles interpolate between ranks', () => {
    assert.equal(percentile([], 50), undefined);
    assert.equal(percentile([300, 100, 200], 50), 200);
    assert.equal(percentile([100, 200, 300, 400], 50), 250);
    assert.equal(percentile([100, 200, 300], 90), 280);
    assert.equal(percentile([5], 90), 5);
  });

  it('answers that differ only in whitespace and comments are one distinct answer', () => {
    const a = 'function f(x) {\n  return x + 1;\n}';
    const b = '// add one\nfunction f(x)   {\n\n  return x + 1; /* done */\n}\n';
    assert.equal(normaliseAnswer(a), normaliseAnswer(b));
    assert.equal(agreement([a, b, 'function f(x) { return x - 1; }']).distinct, 2);
    assert.equal(normaliseAnswer('const url = "http://x";'), 'const url = "http://x";', 'a URL is not a comment');
  });

  it('similarity is 1 for equal answers, lower for different ones, and symmetric', () => {
    assert.equal(answerSimilarity('a b c', 'a  b c // same'), 1);
    const s = answerSimilarity('return items.slice(start, end);', 'return items.slice(start, end + 1);');
    assert.ok(s > 0.5 && s < 1, String(s));
    assert.equal(s, answerSimilarity('return items.slice(start, end + 1);', 'return items.slice(start, end);'));
    assert.equal(answerSimilarity('alpha beta', 'gamma delta'), 0);
  });

  it('stats over three samples: medians, p90, summed cost, pass rate and agreement', () => {
    const stats = sampleStats([
      { state: 'done', ttftMs: 100, totalMs: 1000, costUsd: 0.01, code: 'x = 1', text: '', passed: true },
      { state: 'done', ttftMs: 300, totalMs: 3000, costUsd: 0.02, code: 'x  =  1 // same', text: '', passed: false },
      { state: 'done', ttftMs: 200, totalMs: 2000, code: 'x = 2', text: '' },
    ]);
    assert.equal(stats.count, 3);
    assert.equal(stats.settled, 3);
    assert.deepEqual(stats.ttft, { median: 200, p90: 280 });
    assert.deepEqual(stats.total, { median: 2000, p90: 2800 });
    assert.ok(Math.abs((stats.costUsd ?? 0) - 0.03) < 1e-12);
    assert.equal(stats.costUnknown, 1);
    assert.deepEqual(stats.pass, { passed: 1, verified: 2 });
    assert.equal(stats.distinct, 2);
    assert.equal(stats.compared, 3);
    assert.ok(stats.similarity !== undefined && stats.similarity > 0 && stats.similarity < 1);
  });

  it('samples still running or failed are not compared, and nothing verified means no pass rate', () => {
    const stats = sampleStats([
      { state: 'streaming', text: 'par' },
      { state: 'error', text: '' },
      { state: 'done', ttftMs: 50, totalMs: 80, text: 'answer' },
    ]);
    assert.equal(stats.settled, 2);
    assert.equal(stats.pass, undefined);
    assert.equal(stats.distinct, 1);
    assert.equal(stats.similarity, undefined);
    assert.equal(stats.compared, 1);
  });
});

import assert from 'node:assert/strict';
import type { ColumnStateView } from '../../../src/shared/protocol';
import { summarizeRun } from '../../../src/webview/results/runSummary';

function column(columnId: string, partial: Partial<ColumnStateView>): ColumnStateView {
  return { columnId, state: 'done', text: '', reasoning: '', ...partial };
}

describe('webview summarizeRun', () => {
  it('finds the fastest first token, fastest total and cheapest answer, and usable code', () => {
    const states = [
      column('c0', { metrics: { startedAt: 0, ttftMs: 500, totalMs: 3000, costUsd: 0.01, tokensEstimated: false }, edit: { hasCode: true, followedFormat: true, added: 1, removed: 1 } }),
      column('c1', { metrics: { startedAt: 0, ttftMs: 200, totalMs: 4000, costUsd: 0.002, tokensEstimated: false }, edit: { hasCode: false, followedFormat: false, added: 0, removed: 0 } }),
      column('c2', { metrics: { startedAt: 0, firstTokenAt: 900, endedAt: 1500, tokensEstimated: true }, edit: { hasCode: true, followedFormat: false, added: 3, removed: 0 } }),
    ];
    const summary = summarizeRun(states);
    assert.deepEqual(summary.fastestFirstToken, { columnId: 'c1', ms: 200 });
    assert.deepEqual(summary.fastestTotal, { columnId: 'c2', ms: 1500 });
    assert.deepEqual(summary.cheapest, { columnId: 'c1', usd: 0.002 });
    assert.deepEqual(summary.usableCode, ['c0', 'c2']);
    assert.equal(summary.finished, 3);
  });

  it('does not let failed or running columns win total or cost', () => {
    const states = [
      column('c0', { state: 'error', metrics: { startedAt: 0, ttftMs: 50, totalMs: 100, costUsd: 0, tokensEstimated: false } }),
      column('c1', { state: 'streaming', metrics: { startedAt: 0, ttftMs: 80, tokensEstimated: false } }),
      column('c2', { metrics: { startedAt: 0, ttftMs: 300, totalMs: 900, tokensEstimated: false } }),
    ];
    const summary = summarizeRun(states);
    assert.deepEqual(summary.fastestFirstToken, { columnId: 'c0', ms: 50 });
    assert.deepEqual(summary.fastestTotal, { columnId: 'c2', ms: 900 });
    assert.equal(summary.cheapest, undefined, 'no completed column has a known cost');
    assert.deepEqual(summary.usableCode, []);
    assert.equal(summary.finished, 2);
    assert.equal(summary.total, 3);
  });
});

import assert from 'node:assert/strict';
import {
  assignColumns,
  blindLabel,
  columnView,
  metricsView,
  modelDisplayLabel,
  paramsSummary,
  shuffled,
} from '../../../src/host/results/blindColumns';
import type { ModelSpec } from '../../../src/core/compare/runTypes';

/** mulberry32: a tiny seeded PRNG so shuffles are reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const spec: ModelSpec = { id: 'claude', label: 'Claude Sonnet', provider: 'anthropic', model: 'claude-sonnet-4-5', reasoning: 'high', temperature: 0.2 };

describe('blind columns', () => {
  it('assigns c0… in configured order when not blind', () => {
    assert.deepEqual(assignColumns(['a', 'b', 'c'], false), [
      { columnId: 'c0', modelId: 'a' },
      { columnId: 'c1', modelId: 'b' },
      { columnId: 'c2', modelId: 'c' },
    ]);
  });

  it('shuffles when blind: a permutation, reproducible with a seed, and not always the identity', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const first = assignColumns(ids, true, seeded(7));
    assert.deepEqual(first, assignColumns(ids, true, seeded(7)));
    assert.deepEqual([...first.map((c) => c.modelId)].sort(), ids);
    assert.deepEqual(first.map((c) => c.columnId), ['c0', 'c1', 'c2', 'c3', 'c4']);
    const orders = new Set(Array.from({ length: 20 }, (_, s) => assignColumns(ids, true, seeded(s)).map((c) => c.modelId).join('')));
    assert.ok(orders.size > 5, `20 seeds gave only ${orders.size} orders`);
  });

  it('shuffled() reaches every position for every item (Fisher–Yates, not a biased sort)', () => {
    const random = seeded(42);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) shuffled(['x', 'y', 'z'], random).forEach((v, pos) => seen.add(`${v}${pos}`));
    assert.equal(seen.size, 9);
  });

  it('names blind columns Model A, B, …', () => {
    assert.equal(blindLabel(0), 'Model A');
    assert.equal(blindLabel(2), 'Model C');
    assert.equal(blindLabel(25), 'Model Z');
    assert.equal(blindLabel(26), 'Model 27');
  });

  it('masks identity, params and cost; reveals them otherwise', () => {
    assert.deepEqual(columnView('c1', 1, spec, true), { columnId: 'c1', displayLabel: 'Model B' });
    assert.deepEqual(columnView('c1', 1, spec, false), {
      columnId: 'c1',
      displayLabel: 'Claude Sonnet',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      params: 'reasoning: high, temp 0.2',
    });
    const metrics = { startedAt: 1, tokensEstimated: false, costUsd: 0.01, ttftMs: 5 };
    assert.deepEqual(metricsView(metrics, true), { startedAt: 1, tokensEstimated: false, ttftMs: 5 });
    assert.deepEqual(metricsView(metrics, false), metrics);
  });

  it('formats labels and params', () => {
    assert.equal(modelDisplayLabel({ label: 'Demo GPT', model: 'gpt', demo: true }), 'Demo GPT (demo)');
    assert.equal(modelDisplayLabel({ label: 'Demo GPT (demo)', model: 'gpt', demo: true }), 'Demo GPT (demo)');
    assert.equal(modelDisplayLabel({ label: ' ', model: 'gpt-4.1' }), 'gpt-4.1');
    assert.equal(paramsSummary({ reasoning: 'off' }), undefined);
    assert.equal(paramsSummary({ maxTokens: 4096, temperature: 0 }), 'temp 0, max 4096 tokens');
  });
});

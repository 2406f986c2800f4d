import assert from 'node:assert/strict';
import { formatCost, formatDuration, formatTokens, formatTokensPerSecond, metricTexts } from '../../../src/webview/common/metricFormat';

describe('webview metric formatting', () => {
  it('formats durations as ms below a second and as seconds above', () => {
    assert.equal(formatDuration(412.4), '412 ms');
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(1234), '1.2 s');
    assert.equal(formatDuration(59_960), '60.0 s');
    assert.equal(formatDuration(125_000), '125 s');
    assert.equal(formatDuration(undefined), '—');
    assert.equal(formatDuration(-5), '—');
  });

  it('shows "—" for an unknown cost and "~" for an estimated one', () => {
    assert.equal(formatCost(undefined), '—');
    assert.equal(formatCost(0.00412), '$0.0041');
    assert.equal(formatCost(0.00412, true), '~$0.0041');
    assert.equal(formatCost(0.25), '$0.250');
    assert.equal(formatCost(3.456), '$3.46');
    assert.equal(formatCost(0), '$0');
    assert.equal(formatCost(0.00001), '<$0.0001');
  });

  it('formats tokens per second and token counts, "~" when estimated', () => {
    assert.equal(formatTokensPerSecond(45.26), '45 tok/s');
    assert.equal(formatTokensPerSecond(4.26, true), '~4.3 tok/s');
    assert.equal(formatTokensPerSecond(undefined), '—');
    assert.equal(formatTokens(1234, 56), '1,234 in · 56 out');
    assert.equal(formatTokens(1234, undefined, true), '~1,234 in · — out');
    assert.equal(formatTokens(undefined, undefined), '—');
  });

  it('ticks the total from startedAt while running and uses the final total after', () => {
    const metrics = { startedAt: 10_000, firstTokenAt: 10_300, tokensEstimated: false };
    const live = metricTexts(metrics, true, 11_500);
    assert.equal(live.ttft, '300 ms');
    assert.equal(live.total, '1.5 s');
    assert.equal(metricTexts(metrics, true, 12_500).total, '2.5 s');
    const done = metricTexts({ ...metrics, endedAt: 12_000, totalMs: 2000, ttftMs: 301, costUsd: 0.002, tokensPerSecond: 80, inputTokens: 10, outputTokens: 160 }, false, 99_999);
    assert.deepEqual(done, { ttft: '301 ms', total: '2.0 s', tps: '80 tok/s', tokens: '10 in · 160 out', cost: '$0.0020' });
  });

  it('marks everything token-derived as estimated when the tokens are', () => {
    const texts = metricTexts({ startedAt: 0, totalMs: 1000, tokensEstimated: true, inputTokens: 10, outputTokens: 20, tokensPerSecond: 20, costUsd: 0.01 }, false, 0);
    assert.equal(texts.tokens, '~10 in · ~20 out');
    assert.equal(texts.tps, '~20 tok/s');
    assert.equal(texts.cost, '~$0.010');
  });

  it('shows "—" everywhere without metrics', () => {
    assert.deepEqual(metricTexts(undefined, true, 0), { ttft: '—', total: '—', tps: '—', tokens: '—', cost: '—' });
  });
});

import assert from 'node:assert/strict';
import {
  formatCost,
  formatDuration,
  formatInterval,
  formatPercent,
  formatRating,
  formatTokensPerSecond,
  formatWins,
  notMeaningfulMessage,
  UNKNOWN,
  winRateBucket,
} from '../../../src/webview/leaderboard/leaderboardFormat';

describe('leaderboard number formatting', () => {
  it('rounds ratings and intervals to whole points', () => {
    assert.equal(formatRating(1034.6), '1035');
    assert.equal(formatRating(987.2), '987');
    assert.equal(formatInterval(1001.5, 1066.4), '1002–1066');
  });

  it('shows milliseconds under a second and seconds from one second', () => {
    assert.equal(formatDuration(412.4), '412 ms');
    assert.equal(formatDuration(999), '999 ms');
    assert.equal(formatDuration(1000), '1.0 s');
    assert.equal(formatDuration(1234), '1.2 s');
    assert.equal(formatDuration(65_400), '65 s');
    assert.equal(formatDuration(undefined), UNKNOWN);
    assert.equal(formatDuration(Number.NaN), UNKNOWN);
  });

  it('formats speed, cost and rates, with unknown never shown as zero', () => {
    assert.equal(formatTokensPerSecond(54.26), '54.3 tok/s');
    assert.equal(formatTokensPerSecond(undefined), UNKNOWN);
    assert.equal(formatCost(1.234), '$1.23');
    assert.equal(formatCost(0.0042), '$0.0042');
    assert.equal(formatCost(0), '$0.00');
    assert.equal(formatCost(undefined), UNKNOWN);
    assert.equal(formatPercent(2 / 3), '67%');
    assert.equal(formatPercent(0), '0%');
    assert.equal(formatPercent(undefined), UNKNOWN);
  });

  it('shows fractional wins with one decimal', () => {
    assert.equal(formatWins(3, 4), '3 / 4');
    assert.equal(formatWins(2.5, 4), '2.5 / 4');
  });

  it('puts win rates in shading buckets, with never-met apart', () => {
    assert.equal(winRateBucket(null), 'none');
    assert.equal(winRateBucket(undefined), 'none');
    assert.equal(winRateBucket(0), 'low');
    assert.equal(winRateBucket(0.25), 'below');
    assert.equal(winRateBucket(0.5), 'even');
    assert.equal(winRateBucket(0.6), 'even');
    assert.equal(winRateBucket(0.75), 'above');
    assert.equal(winRateBucket(1), 'high');
  });

  it('words the not-yet-meaningful notice as specified', () => {
    assert.equal(notMeaningfulMessage(4), 'Ratings are not yet meaningful: 4 votes so far (about 10 needed)');
    assert.equal(notMeaningfulMessage(1), 'Ratings are not yet meaningful: 1 vote so far (about 10 needed)');
  });
});

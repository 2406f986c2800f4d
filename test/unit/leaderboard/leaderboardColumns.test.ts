import assert from 'node:assert/strict';
import type { LeaderboardRowView } from '../../../src/shared/leaderboardProtocol';
import { DEFAULT_SORT, LEADERBOARD_COLUMNS, nextSort, sortRows } from '../../../src/webview/leaderboard/leaderboardColumns';

function row(key: string, fields: Partial<LeaderboardRowView>): LeaderboardRowView {
  return { key, label: key, model: `${key}-model`, provider: 'openai', rating: 1000, ciLow: 950, ciHigh: 1050, rank: 1, wins: 0, votes: 1, ...fields };
}

const rows = [
  row('b', { rank: 2, rating: 990, medianTtftMs: 300, totalCostUsd: undefined, wins: 1, votes: 4 }),
  row('a', { rank: 1, rating: 1040, medianTtftMs: undefined, totalCostUsd: 0.5, wins: 3, votes: 4 }),
  row('c', { rank: 2, rating: 970, medianTtftMs: 100, totalCostUsd: 0.1, wins: 2, votes: 4 }),
];
const keys = (list: LeaderboardRowView[]): string[] => list.map((r) => r.key);

describe('leaderboard columns and sorting', () => {
  it('sorts by rank by default, a shared rank by rating, then by key', () => {
    assert.deepEqual(keys(sortRows(rows, DEFAULT_SORT)), ['a', 'b', 'c']);
    const shared = [row('z', { rank: 1, rating: 900 }), row('y', { rank: 1, rating: 1100 }), row('x', { rank: 1, rating: 900 })];
    assert.deepEqual(keys(sortRows(shared, DEFAULT_SORT)), ['y', 'x', 'z']);
  });

  it('sorts numbers both ways and keeps unknown values last either way', () => {
    assert.deepEqual(keys(sortRows(rows, { column: 'ttft', direction: 'ascending' })), ['c', 'b', 'a']);
    assert.deepEqual(keys(sortRows(rows, { column: 'ttft', direction: 'descending' })), ['b', 'c', 'a']);
    assert.deepEqual(keys(sortRows(rows, { column: 'cost', direction: 'descending' })), ['a', 'c', 'b']);
  });

  it('sorts wins by win rate and models by label', () => {
    assert.deepEqual(keys(sortRows(rows, { column: 'wins', direction: 'descending' })), ['a', 'c', 'b']);
    assert.deepEqual(keys(sortRows(rows, { column: 'model', direction: 'descending' })), ['c', 'b', 'a']);
  });

  it('does not reorder the input', () => {
    sortRows(rows, { column: 'rating', direction: 'descending' });
    assert.deepEqual(keys(rows), ['b', 'a', 'c']);
  });

  it('flips the direction on a second click and sorts a new column best first', () => {
    assert.deepEqual(nextSort(DEFAULT_SORT, 'rank'), { column: 'rank', direction: 'descending' });
    assert.deepEqual(nextSort(DEFAULT_SORT, 'rating'), { column: 'rating', direction: 'descending' });
    assert.deepEqual(nextSort({ column: 'rating', direction: 'descending' }, 'ttft'), { column: 'ttft', direction: 'ascending' });
  });

  it('renders each cell as text', () => {
    const r = row('x', { label: 'Claude', model: 'claude-x', rating: 1034.4, ciLow: 1001.6, ciHigh: 1066, wins: 2.5, votes: 4, medianTotalMs: 1234 });
    const text = Object.fromEntries(LEADERBOARD_COLUMNS.map((c) => [c.id, c.text(r)]));
    assert.equal(text.model, 'Claude (claude-x)');
    assert.equal(text.rating, '1034 (1002–1066)');
    assert.equal(text.wins, '2.5 / 4');
    assert.equal(text.total, '1.2 s');
    assert.equal(text.cost, '—');
  });
});

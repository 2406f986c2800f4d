import assert from 'node:assert/strict';
import { buildLeaderboard } from '../../../src/core/prefs/leaderboard';
import type { RunRecord } from '../../../src/core/prefs/preferenceRecord';
import { folded, type SampleRunOptions, sampleRun as legacyRun, tieVote, winnerVote } from './sampleRuns';

const sampleRun = (options?: SampleRunOptions): RunRecord => folded(legacyRun(options));

const KEY = { a: 'openai:model-a:a', b: 'openai:model-b:b', c: 'openai:model-c:c', d: 'openai:model-d:d' };

/** 12 voted fix/typescript runs: A wins 6, B wins 3, C wins 1, a tie and an all-bad; plus unvoted and off-filter runs. */
function dataset(): RunRecord[] {
  const winners = ['a', 'a', 'b', 'a', 'c', 'a', 'b', 'a', 'b', 'a'];
  const voted = winners.map((w, i) =>
    sampleRun({
      id: `v${i}`,
      createdAt: `2025-06-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
      vote: winnerVote(w),
      outputs: {
        a: { metrics: { ttftMs: 100 + i, totalMs: 1000, tokensEstimated: false, tokensPerSecond: 40, costUsd: 0.01 }, followedFormat: true },
        b: { metrics: { ttftMs: 300, totalMs: 2000 + i * 100, tokensEstimated: true }, followedFormat: i % 2 === 0 },
        c: { state: 'error', text: '', error: 'boom', metrics: { ttftMs: 5, tokensEstimated: false } },
      },
    }),
  );
  const ties = [tieVote('tie'), tieVote('all-bad')].map((vote, i) => sampleRun({ id: `t${i}`, createdAt: '2025-06-20T10:00:00.000Z', vote }));
  return [
    ...voted,
    ...ties,
    sampleRun({ id: 'unvoted', models: ['a', 'd'], createdAt: '2025-06-21T10:00:00.000Z' }),
    sampleRun({ id: 'py', languageId: 'python', vote: winnerVote('c'), createdAt: '2025-06-22T10:00:00.000Z' }),
    sampleRun({ id: 'explain', template: 'explain', vote: winnerVote('b'), createdAt: '2025-07-01T10:00:00.000Z' }),
  ];
}

describe('buildLeaderboard', () => {
  const query = { template: 'fix', languageId: 'typescript' } as const;

  it('ranks models from the filtered votes and counts wins (half for each tie) and votes', () => {
    const board = buildLeaderboard(dataset(), query);
    assert.equal(board.totalVotes, 12);
    assert.equal(board.meaningful, true);
    assert.deepEqual(board.rows.map((r) => r.key), [KEY.a, KEY.b, KEY.c, KEY.d]);
    const [a, b, c, d] = board.rows;
    assert.ok(a && b && c && d);
    // The tie adds half a win to each of A, B and C; all-bad adds nothing.
    assert.deepEqual([a.wins, a.votes, a.winRate, a.runs], [6.5, 12, 6.5 / 12, 13]);
    assert.deepEqual([b.wins, b.votes, b.winRate], [3.5, 12, 3.5 / 12]);
    assert.deepEqual([c.wins, c.votes], [1.5, 12]);
    assert.ok((a.rating ?? 0) > (b.rating ?? 0) && (b.rating ?? 0) > (c.rating ?? 0));
    assert.equal(a.rank, 1);
    for (const row of [a, b, c]) assert.ok((row.ciLow ?? NaN) <= (row.rating ?? NaN) && (row.rating ?? NaN) <= (row.ciHigh ?? NaN));
    // D was only in an unvoted run: listed, but not rated.
    assert.deepEqual([d.rating, d.rank, d.votes, d.winRate, d.runs], [undefined, undefined, 0, undefined, 1]);
    assert.equal(d.label, 'D');
    assert.equal(d.model, 'model-d');
    assert.equal(d.provider, 'openai');
  });

  it('computes medians over finished answers, total cost and the format-followed rate', () => {
    const [a, b, c] = buildLeaderboard(dataset(), query).rows;
    assert.ok(a && b && c);
    // A: ttft 100..109 over 10 runs plus 100 (default) in 2 tie runs and 1 unvoted run.
    assert.equal(a.medianTtftMs, 103);
    assert.equal(a.medianTotalMs, 1000);
    assert.equal(a.medianTokensPerSecond, 40, '10 runs at 40 tok/s, 3 at 55');
    assert.ok(Math.abs((a.totalCostUsd ?? NaN) - 0.1) < 1e-12);
    assert.equal(a.formatFollowedRate, 1);
    assert.equal(b.totalCostUsd, undefined, 'unknown cost is undefined, not 0');
    assert.equal(b.formatFollowedRate, 0.5);
    // B totals: 2000..2900 (10 runs) and 1000 ×2 → median of 12 values.
    assert.equal(b.medianTotalMs, (2300 + 2400) / 2);
    // C errored in the 10 winner runs: only the 2 tie runs count for its medians.
    assert.equal(c.medianTtftMs, 100);
  });

  it('has a pairwise win-rate matrix over the rated models', () => {
    const { matrix } = buildLeaderboard(dataset(), query);
    assert.deepEqual(matrix.keys, [KEY.a, KEY.b, KEY.c]);
    // A vs B: A won 6 runs (beats B), B won 3, C's win gives no A–B result, 2 ties → 6 + 1 of 11.
    assert.deepEqual(matrix.cells[0]?.[1], { wins: 7, games: 11, rate: 7 / 11 });
    assert.deepEqual(matrix.cells[1]?.[0], { wins: 4, games: 11, rate: 4 / 11 });
  });

  it('filters by template, language and date, and is not meaningful with few votes', () => {
    const runs = dataset();
    const explain = buildLeaderboard(runs, { template: 'explain' });
    assert.equal(explain.totalVotes, 1);
    assert.equal(explain.meaningful, false);
    assert.equal(explain.rows[0]?.key, KEY.b);

    assert.equal(buildLeaderboard(runs, { languageId: 'python' }).totalVotes, 1);
    const june = buildLeaderboard(runs, { from: '2025-06-03T00:00:00Z', to: new Date('2025-06-05T23:59:59Z') });
    assert.equal(june.totalVotes, 3);
    assert.equal(buildLeaderboard(runs).totalVotes, 14);
  });

  it('is deterministic for a seed', () => {
    assert.deepEqual(buildLeaderboard(dataset(), { ...query, seed: 9 }), buildLeaderboard(dataset(), { ...query, seed: 9 }));
  });
  it('counts half a win for each tie and none for all-bad', () => {
    const runs = [
      sampleRun({ id: 't1', models: ['a', 'b'], vote: tieVote('tie') }),
      sampleRun({ id: 't2', models: ['a', 'b'], vote: tieVote('tie') }),
      sampleRun({ id: 't3', models: ['a', 'b'], vote: tieVote('all-bad') }),
      sampleRun({ id: 'w', models: ['a', 'b'], vote: winnerVote('a') }),
    ];
    const byKey = new Map(buildLeaderboard(runs).rows.map((r) => [r.key, r]));
    assert.deepEqual([byKey.get(KEY.a)?.wins, byKey.get(KEY.a)?.votes, byKey.get(KEY.a)?.winRate], [2, 4, 0.5]);
    assert.deepEqual([byKey.get(KEY.b)?.wins, byKey.get(KEY.b)?.votes, byKey.get(KEY.b)?.winRate], [1, 4, 0.25]);
  });

  it('keeps one row for a model whose label was renamed, showing the latest label', () => {
    const runs = [
      sampleRun({ id: 'old', models: ['a', 'b'], vote: winnerVote('a'), createdAt: '2025-06-01T10:00:00.000Z' }),
      sampleRun({ id: 'new', models: ['a', 'b'], vote: winnerVote('a'), createdAt: '2025-06-02T10:00:00.000Z' }),
    ];
    runs[1]!.models[0] = { ...runs[1]!.models[0]!, label: 'Alpha (renamed)' };
    const board = buildLeaderboard(runs);
    assert.deepEqual(board.rows.map((r) => r.key).sort(), [KEY.a, KEY.b]);
    const a = board.rows.find((r) => r.key === KEY.a);
    assert.deepEqual([a?.label, a?.wins, a?.votes, a?.runs], ['Alpha (renamed)', 2, 2, 2]);
    // A different model behind the same entry id is a different row.
    runs[1]!.models[0] = { ...runs[1]!.models[0], model: 'model-a-2' };
    assert.equal(buildLeaderboard(runs).rows.length, 3);
  });
});

import assert from 'node:assert/strict';
import { dateBound, filterChoices, leaderboardQuery, toLeaderboardView } from '../../../src/host/prefs/leaderboardView';
import { leaderboardViewSchema } from '../../../src/shared/leaderboardProtocol';
import { ALPHA, BETA, GAMMA, makeRun, wins } from './runFixtures';

const FAST = { samples: 40, seed: 7 };

describe('leaderboard view mapping', () => {
  it('maps rated models to protocol rows in rank order, with stats and a matching matrix', () => {
    const runs = [
      ...wins(6, [ALPHA, BETA], ALPHA),
      ...wins(2, [ALPHA, BETA], BETA),
      makeRun({ models: [ALPHA, BETA], vote: { kind: 'tie' } }),
    ];
    const view = toLeaderboardView({ runs, problems: [] }, {}, FAST);
    assert.ok(leaderboardViewSchema.safeParse(view).success, 'the view passes the protocol schema');
    assert.deepEqual(view.rows.map((r) => r.model), ['alpha-1', 'beta-2']);
    const [alpha, beta] = view.rows;
    assert.ok(alpha && beta);
    assert.equal(alpha.label, 'Alpha');
    assert.equal(alpha.provider, 'openai');
    assert.ok(alpha.rating > beta.rating);
    assert.ok(alpha.ciLow <= alpha.rating && alpha.rating <= alpha.ciHigh);
    assert.equal(alpha.wins, 6.5, '6 wins and half of the tie');
    assert.equal(beta.wins, 2.5);
    assert.equal(alpha.votes, 9);
    assert.equal(alpha.medianTtftMs, 300);
    assert.equal(alpha.medianTokensPerSecond, 50);
    assert.ok(Math.abs((alpha.totalCostUsd ?? 0) - 0.09) < 1e-9);
    assert.equal(alpha.formatFollowedRate, 1);
    assert.equal(beta.formatFollowedRate, 0);
    // 6 wins + half of one tie out of 9 games.
    assert.deepEqual(view.matrix, [
      [null, 6.5 / 9],
      [2.5 / 9, null],
    ]);
    assert.equal(view.totalVotes, 9);
    assert.equal(view.meaningful, false);
  });

  it('is meaningful from 10 votes', () => {
    const view = toLeaderboardView({ runs: wins(10, [ALPHA, BETA], ALPHA), problems: [] }, {}, FAST);
    assert.equal(view.meaningful, true);
    assert.equal(view.totalVotes, 10);
  });

  it('leaves out models never in a voted run, and the matrix follows the rows', () => {
    const runs = [...wins(3, [ALPHA, GAMMA], GAMMA), makeRun({ models: [ALPHA, BETA] })];
    const view = toLeaderboardView({ runs, problems: [] }, {}, FAST);
    assert.deepEqual(view.rows.map((r) => r.label), ['Gamma', 'Alpha']);
    assert.deepEqual(view.matrix, [
      [null, 1],
      [0, null],
    ]);
  });

  it('marks pairs that never met as null', () => {
    const runs = [...wins(2, [ALPHA, BETA], ALPHA), ...wins(2, [BETA, GAMMA], BETA)];
    const view = toLeaderboardView({ runs, problems: [] }, {}, FAST);
    const index = new Map(view.rows.map((r, i) => [r.label, i]));
    const a = index.get('Alpha') as number;
    const c = index.get('Gamma') as number;
    assert.equal(view.matrix[a]?.[c], null);
    assert.equal(view.matrix[c]?.[a], null);
  });

  it('applies the template and language filter but offers every choice in the log', () => {
    const runs = [
      ...wins(2, [ALPHA, BETA], ALPHA, { template: 'fix', languageId: 'typescript' }),
      ...wins(3, [ALPHA, BETA], BETA, { template: 'refactor', languageId: 'python' }),
    ];
    const view = toLeaderboardView({ runs, problems: [] }, { template: 'refactor' }, FAST);
    assert.equal(view.totalVotes, 3);
    assert.equal(view.rows[0]?.label, 'Beta');
    assert.deepEqual(view.templates, ['fix', 'refactor']);
    assert.deepEqual(view.languages, ['python', 'typescript']);
    assert.deepEqual(view.filter, { template: 'refactor' });
    assert.equal(toLeaderboardView({ runs, problems: [] }, { languageId: 'typescript' }, FAST).totalVotes, 2);
  });

  it('treats a date-only range as whole local days, both ends inclusive', () => {
    const at = (day: number, hour: number): string => new Date(2025, 2, day, hour, 30).toISOString();
    const runs = [
      ...wins(1, [ALPHA, BETA], ALPHA, { createdAt: at(1, 0) }),
      ...wins(1, [ALPHA, BETA], ALPHA, { createdAt: at(2, 23) }),
      ...wins(1, [ALPHA, BETA], ALPHA, { createdAt: at(3, 0) }),
    ];
    const contents = { runs, problems: [] };
    assert.equal(toLeaderboardView(contents, { from: '2025-03-02', to: '2025-03-02' }, FAST).totalVotes, 1);
    assert.equal(toLeaderboardView(contents, { from: '2025-03-01' }, FAST).totalVotes, 3);
    assert.equal(toLeaderboardView(contents, { to: '2025-03-02' }, FAST).totalVotes, 2);
  });

  it('computes date bounds: local midnight to the last millisecond of the day', () => {
    assert.equal((dateBound('2025-03-02', 'from') as Date).getTime(), new Date(2025, 2, 2).getTime());
    assert.equal((dateBound('2025-03-02', 'to') as Date).getTime(), new Date(2025, 2, 3).getTime() - 1);
    assert.equal(dateBound('2025-03-02T10:00:00Z', 'to'), '2025-03-02T10:00:00Z');
    assert.equal(dateBound(undefined, 'from'), undefined);
    assert.equal(dateBound('', 'from'), undefined);
  });

  it('builds a core query without empty fields', () => {
    assert.deepEqual(leaderboardQuery({ languageId: '' }), {});
    assert.deepEqual(leaderboardQuery({ template: 'tests', languageId: 'go' }, { seed: 3 }), { template: 'tests', languageId: 'go', seed: 3 });
  });

  it('reports the lines the log reader skipped', () => {
    const view = toLeaderboardView(
      { runs: [], problems: [{ line: 3, error: 'bad json' }, { line: 9, error: 'torn' }] },
      {},
      FAST,
    );
    assert.equal(view.skippedLines, 2);
    assert.deepEqual(view.rows, []);
    assert.equal(view.totalVotes, 0);
    assert.ok(leaderboardViewSchema.safeParse(view).success);
  });

  it('drops empty and over-long language ids from the choices', () => {
    const runs = [makeRun({ models: [ALPHA], languageId: '' }), makeRun({ models: [ALPHA], languageId: 'x'.repeat(101) }), makeRun({ models: [ALPHA], languageId: 'rust' })];
    assert.deepEqual(filterChoices(runs).languages, ['rust']);
  });

  it('is deterministic for a fixed seed', () => {
    const runs = [...wins(4, [ALPHA, BETA, GAMMA], ALPHA), ...wins(2, [ALPHA, BETA, GAMMA], GAMMA)];
    assert.deepEqual(toLeaderboardView({ runs, problems: [] }, {}, FAST), toLeaderboardView({ runs, problems: [] }, {}, FAST));
  });
});

import assert from 'node:assert/strict';
import { parseLog } from '../../../src/core/prefs/logFold';
import type { TeamLogs } from '../../../src/core/prefs/teamLogs';
import { boardSource, toLeaderboardView } from '../../../src/host/prefs/leaderboardView';
import { leaderboardViewSchema } from '../../../src/shared/leaderboardProtocol';
import { asEvents, logText, sampleRun, winnerVote } from '../prefs/sampleRuns';

const runsOf = (...entries: ReturnType<typeof sampleRun>[]) => parseLog(logText(entries.flatMap(asEvents))).runs;
const FAST = { samples: 20, seed: 3 };

describe('team board: the leaderboard view', () => {
  const mine = runsOf(sampleRun({ id: 'm1', models: ['a', 'b'], vote: winnerVote('a') }));
  const team: TeamLogs = {
    folder: '/team',
    files: [
      { file: 'ana.jsonl', person: 'ana', runs: runsOf(sampleRun({ id: 'm1', models: ['a', 'b'], vote: winnerVote('b') }), sampleRun({ id: 'a1', models: ['a', 'b'], vote: winnerVote('b') })), problems: [] },
      { file: 'bob.jsonl', person: 'bob', runs: runsOf(sampleRun({ id: 'b1', models: ['a', 'b'], vote: winnerVote('b') })), problems: [{ line: 3, error: 'not valid JSON' }] },
    ],
  };

  it('team board view switches Mine / Team / person, de-duplicated, and names each corrupt file', () => {
    const votesOf = (source: string | undefined) => {
      const view = toLeaderboardView({ runs: mine, problems: [] }, source === undefined ? {} : { source }, FAST, team);
      assert.ok(leaderboardViewSchema.safeParse(view).success);
      return { total: view.totalVotes, winsOfB: view.rows.find((r) => r.model === 'model-b')?.wins, view };
    };
    assert.deepEqual([votesOf(undefined).total, votesOf(undefined).winsOfB], [1, 0]);
    assert.deepEqual([votesOf('team').total, votesOf('team').winsOfB], [3, 2], 'my copy of m1 wins over ana’s');
    assert.deepEqual([votesOf('person:ana').total, votesOf('person:ana').winsOfB], [2, 2]);
    assert.deepEqual([votesOf('person:bob').total, votesOf('person:bob').winsOfB], [1, 1]);
    const { view } = votesOf('team');
    assert.deepEqual(view.team?.people, ['ana', 'bob']);
    assert.deepEqual(view.team?.problems, [{ file: 'bob.jsonl', lines: 1 }]);
  });

  it('without a team folder every source is my own board, and no team part is sent', () => {
    assert.deepEqual(boardSource('team', undefined), { kind: 'mine' });
    const view = toLeaderboardView({ runs: mine, problems: [] }, { source: 'team' }, FAST);
    assert.equal(view.totalVotes, 1);
    assert.equal(view.team, undefined);
  });
});

import assert from 'node:assert/strict';
import { logEntrySchema, runNotes, runRecordSchema, voteSchema } from '../../../src/core/prefs/preferenceRecord';
import { sampleRun, tieVote, winnerVote } from './sampleRuns';

describe('preference record schema', () => {
  it('accepts a run with and without a vote, and the vote and note events', () => {
    assert.ok(runRecordSchema.safeParse(sampleRun()).success);
    assert.ok(runRecordSchema.safeParse(sampleRun({ vote: winnerVote('a', ['a', 'c']), note: 'n' })).success);
    const at = '2025-06-01T12:00:00+02:00';
    assert.ok(logEntrySchema.safeParse({ schemaVersion: 1, type: 'vote', runId: 'r', vote: tieVote('all-bad'), at }).success);
    assert.ok(logEntrySchema.safeParse({ schemaVersion: 1, type: 'note', runId: 'r', note: 'later', at }).success);
  });

  it('discriminates on type and reports the failing field', () => {
    const result = logEntrySchema.safeParse({ schemaVersion: 1, type: 'rating', runId: 'r' });
    assert.equal(result.success, false);
    assert.deepEqual(result.error?.issues[0]?.path, ['type']);
    const wrongVersion = logEntrySchema.safeParse({ ...sampleRun(), schemaVersion: 2 });
    assert.deepEqual(wrongVersion.error?.issues[0]?.path, ['schemaVersion']);
  });

  it('keeps votes consistent', () => {
    const votedAt = '2025-06-01T10:05:00.000Z';
    assert.equal(voteSchema.safeParse({ kind: 'winner', tags: [], votedAt }).success, false, 'winner needs a winner');
    assert.equal(voteSchema.safeParse({ kind: 'tie', winner: 'a', tags: [], votedAt }).success, false, 'a tie has none');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a', ['b', 'a']) }).success, false, 'ranking starts with the winner');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a', ['a', 'b', 'a']) }).success, false, 'no duplicates');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a'), votedAt: 'yesterday' }).success, false, 'ISO timestamps');
  });

  it('rejects runs whose vote, outputs or shown order name unknown models', () => {
    const paths = (value: unknown): string[] =>
      runRecordSchema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];
    assert.deepEqual(paths(sampleRun({ vote: winnerVote('x') })), ['vote']);
    assert.deepEqual(paths({ ...sampleRun(), shownOrder: ['a', 'x'] }), ['shownOrder.1']);
    const run = sampleRun();
    run.outputs[1] = { ...run.outputs[1]!, modelId: 'x' };
    assert.deepEqual(paths(run), ['outputs.1.modelId']);
  });

  it('lists the vote note and the standalone note', () => {
    assert.deepEqual(runNotes(sampleRun({ vote: { ...winnerVote('a'), note: 'from vote' }, note: 'later' })), ['from vote', 'later']);
    assert.deepEqual(runNotes(sampleRun()), []);
  });
});

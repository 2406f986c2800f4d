import assert from 'node:assert/strict';
import { eventV2Schema, legacyRunEntrySchema, logEntrySchema, runStartEventSchema } from '../../../src/core/prefs/logEvents';
import { parseEntry } from '../../../src/core/prefs/logFold';
import { runNotes, voteSchema, votedOutput } from '../../../src/core/prefs/preferenceRecord';
import { folded, sampleRun, tieVote, winnerVote } from './sampleRuns';

const at = '2025-06-01T12:00:00+02:00';

describe('preference record schema', () => {
  it('accepts a schema-1 run with and without a vote, and the schema-1 vote and note events', () => {
    assert.ok(legacyRunEntrySchema.safeParse(sampleRun()).success);
    assert.ok(legacyRunEntrySchema.safeParse(sampleRun({ vote: winnerVote('a', ['a', 'c']), note: 'n' })).success);
    assert.ok(logEntrySchema.safeParse(sampleRun()).success);
    assert.ok(logEntrySchema.safeParse({ schemaVersion: 1, type: 'vote', runId: 'r', vote: tieVote('all-bad'), at }).success);
    assert.ok(logEntrySchema.safeParse({ schemaVersion: 1, type: 'note', runId: 'r', note: 'later', at }).success);
  });

  it('accepts the schema-2 events', () => {
    const { id, createdAt, outputs, vote: _vote, note: _note, schemaVersion: _v, type: _t, ...shape } = sampleRun();
    const events = [
      { schemaVersion: 2, type: 'run-start', runId: id, at: createdAt, ...shape },
      { schemaVersion: 2, type: 'attempt', runId: id, attempt: 1, at, output: outputs[0] },
      { schemaVersion: 2, type: 'vote', runId: id, vote: { ...winnerVote('a'), blind: true, attempts: { a: 1 } }, at },
      { schemaVersion: 2, type: 'note', runId: id, note: 'n', at },
      { schemaVersion: 2, type: 'reveal', runId: id, at },
      { schemaVersion: 2, type: 'apply', runId: id, modelId: 'a', attempt: 1, at },
      { schemaVersion: 2, type: 'cancel', runId: id, reason: 'user', at },
      { schemaVersion: 2, type: 'cancel', runId: id, reason: 'replaced', modelIds: ['b'], at },
    ];
    for (const e of events) assert.ok(eventV2Schema.safeParse(e).success, `${e.type}: ${eventV2Schema.safeParse(e).error?.message}`);
    assert.equal(eventV2Schema.safeParse({ ...events[1], attempt: 0 }).success, false, 'attempts count from 1');
    assert.equal(eventV2Schema.safeParse({ ...events[6], reason: 'bored' }).success, false);
  });

  it('discriminates on type and reports the failing field', () => {
    const result = parseEntry({ schemaVersion: 1, type: 'rating', runId: 'r' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /type/);
    const wrongVersion = parseEntry({ ...sampleRun(), schemaVersion: 2 });
    assert.equal(wrongVersion.ok, false, 'a schema-1 run line labelled schema 2 is not a schema-2 event');
    const unknownVersion = parseEntry({ ...sampleRun(), schemaVersion: 3 });
    assert.match(unknownVersion.ok ? '' : unknownVersion.error, /schemaVersion 3/);
  });

  it('keeps votes consistent', () => {
    const votedAt = '2025-06-01T10:05:00.000Z';
    assert.equal(voteSchema.safeParse({ kind: 'winner', tags: [], votedAt }).success, false, 'winner needs a winner');
    assert.equal(voteSchema.safeParse({ kind: 'tie', winner: 'a', tags: [], votedAt }).success, false, 'a tie has none');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a', ['b', 'a']) }).success, false, 'ranking starts with the winner');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a', ['a', 'b', 'a']) }).success, false, 'no duplicates');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a'), votedAt: 'yesterday' }).success, false, 'ISO timestamps');
    assert.equal(voteSchema.safeParse({ ...winnerVote('a'), attempts: { a: 0 } }).success, false, 'attempt numbers are positive');
  });

  it('rejects schema-1 runs whose vote, outputs or shown order name unknown models', () => {
    const paths = (value: unknown): string[] =>
      legacyRunEntrySchema.safeParse(value).error?.issues.map((i) => i.path.join('.')) ?? [];
    assert.deepEqual(paths(sampleRun({ vote: winnerVote('x') })), ['vote']);
    assert.deepEqual(paths({ ...sampleRun(), shownOrder: ['a', 'x'] }), ['shownOrder.1']);
    const run = sampleRun();
    run.outputs[1] = { ...run.outputs[1]!, modelId: 'x' };
    assert.deepEqual(paths(run), ['outputs.1.modelId']);
  });

  it('rejects a run-start whose shown order names an unknown model, or repeats a model id', () => {
    const { id, createdAt, outputs: _o, schemaVersion: _v, type: _t, ...shape } = sampleRun();
    const start = { schemaVersion: 2, type: 'run-start', runId: id, at: createdAt, ...shape };
    assert.ok(runStartEventSchema.safeParse(start).success);
    assert.deepEqual(runStartEventSchema.safeParse({ ...start, shownOrder: ['a', 'x'] }).error?.issues.map((i) => i.path.join('.')), ['shownOrder.1']);
    assert.deepEqual(runStartEventSchema.safeParse({ ...start, models: [shape.models[0], shape.models[0]], shownOrder: ['a'] }).error?.issues.map((i) => i.path.join('.')), ['models']);
  });

  it('lists the vote note and the standalone note', () => {
    assert.deepEqual(runNotes(folded(sampleRun({ vote: { ...winnerVote('a'), note: 'from vote' }, note: 'later' }))), ['from vote', 'later']);
    assert.deepEqual(runNotes(folded(sampleRun())), []);
  });

  it('gives the latest answer as the voted one when the vote does not say which attempt', () => {
    const run = folded(sampleRun({ vote: winnerVote('a') }));
    assert.equal(votedOutput(run, 'a')?.text, 'answer from a');
    assert.equal(votedOutput(run, 'zz'), undefined);
  });
});

import assert from 'node:assert/strict';
import { dpoPairsFromRun, runsToCsv } from '../../../src/core/prefs/exports';
import { buildLeaderboard } from '../../../src/core/prefs/leaderboard';
import { renderLogExport } from '../../../src/host/prefs/leaderboardExports';
import { parseLog } from '../../../src/core/prefs/logFold';
import type { VerificationEvent } from '../../../src/core/prefs/verificationEvent';
import { ALPHA, BETA, GAMMA, makeRun } from '../leaderboard/runFixtures';
import { asEvents, logText, sampleRun } from './sampleRuns';

function verification(runId: string, modelId: string, state: VerificationEvent['state'], extra: Partial<VerificationEvent> = {}): VerificationEvent {
  return {
    schemaVersion: 2, type: 'verification', runId, modelId, attempt: 1, at: '2025-06-01T10:05:00.000Z', command: 'npm test', state,
    exitCode: state === 'passed' ? 0 : 1, durationMs: 900, failing: state === 'passed' ? [] : ['full page'], broke: [], baselineFailed: true, ...extra,
  };
}

describe('the verification event in the record', () => {
  it('folds into the run’s verifications in order; an unknown model is a problem, and the vote is untouched', () => {
    const entry = sampleRun();
    const events = asEvents(entry);
    const [first, second] = entry.models;
    assert.ok(first && second);
    const text = logText([
      ...events,
      verification(entry.id, first.id, 'failing'),
      verification(entry.id, first.id, 'passed', { attempt: 2 }),
      verification(entry.id, second.id, 'broke', { broke: ['empty page'] }),
      verification(entry.id, 'nobody', 'passed'),
    ]);
    const { runs, problems } = parseLog(text);
    const run = runs[0];
    assert.ok(run);
    assert.deepEqual(run.verifications?.map((v) => [v.modelId, v.state, v.attempt]), [[first.id, 'failing', 1], [first.id, 'passed', 2], [second.id, 'broke', 1]]);
    assert.deepEqual(run.verifications?.[2]?.broke, ['empty page']);
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.error ?? '', /unknown model 'nobody'/);
    assert.deepEqual(run.vote, parseLog(logText(events)).runs[0]?.vote, 'a verification is never a vote');
  });

  it('a malformed verification line is reported, not folded', () => {
    const entry = sampleRun();
    const bad = { ...verification(entry.id, entry.models[0]?.id ?? '', 'passed'), state: 'great' };
    const { runs, problems } = parseLog(logText([...asEvents(entry), bad]));
    assert.equal(runs[0]?.verifications, undefined);
    assert.match(problems[0]?.error ?? '', /state/);
  });

  it('the leaderboard’s verified pass rate counts the latest finished check per model per run; cancelled ones do not count', () => {
    const r1 = makeRun({ models: [ALPHA, BETA], vote: { kind: 'winner', winner: 'b' } });
    r1.verifications = [verification(r1.id, 'a', 'failing'), verification(r1.id, 'a', 'passed'), verification(r1.id, 'b', 'broke')];
    const r2 = makeRun({ models: [ALPHA, BETA, GAMMA] });
    r2.verifications = [verification(r2.id, 'a', 'error'), verification(r2.id, 'b', 'passed'), verification(r2.id, 'b', 'cancelled')];
    const board = buildLeaderboard([r1, r2]);
    const row = (id: string) => board.rows.find((r) => r.key.endsWith(`:${id}`));
    assert.deepEqual([row('a')?.verifiedPassRate, row('a')?.verifiedRuns], [0.5, 2]);
    assert.deepEqual([row('b')?.verifiedPassRate, row('b')?.verifiedRuns], [0.5, 2]);
    assert.equal(row('c')?.verifiedPassRate, undefined);
    assert.equal(row('b')?.rank, 1, 'ratings still come from votes only');
  });

  it('exports carry it: CSV columns, and DPO pairs passed ↔ failed on request', () => {
    const run = makeRun({ models: [ALPHA, BETA, GAMMA] });
    run.verifications = [verification(run.id, 'a', 'passed'), verification(run.id, 'b', 'broke', { broke: ['empty page'], failing: ['empty page'] }), verification(run.id, 'c', 'error')];
    const csv = runsToCsv([run]).split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    const at = header.indexOf('verification');
    assert.ok(at > 0);
    assert.equal(csv[1]?.split(',')[at], 'passed');
    assert.match(csv[2] ?? '', /,broke,empty page/);
    assert.deepEqual(dpoPairsFromRun(run), [], 'no vote, no pairs by default');
    const pairs = dpoPairsFromRun(run, { verified: true });
    assert.deepEqual(pairs.map((p) => [p.meta.chosenModel.split(':').pop(), p.meta.rejectedModel.split(':').pop(), p.meta.source]), [['a', 'b', 'verified']], 'an error is not a failure');
    const voted = makeRun({ models: [ALPHA, BETA], vote: { kind: 'winner', winner: 'a' } });
    voted.verifications = [verification(voted.id, 'a', 'passed'), verification(voted.id, 'b', 'failing')];
    assert.deepEqual(dpoPairsFromRun(voted, { verified: true }).map((p) => p.meta.source), ['winner'], 'a pair the vote gave is not repeated');
  });
});

describe('the verified DPO export', () => {
  it('counts the pairs from checks, which the plain DPO export leaves out', () => {
    const run = makeRun({ models: [ALPHA, BETA] });
    run.verifications = [verification(run.id, 'a', 'passed'), verification(run.id, 'b', 'failing')];
    assert.equal(renderLogExport([run], 'dpo').empty, true);
    const verified = renderLogExport([run], 'dpo-verified');
    assert.equal(verified.summary, '1 DPO pair');
    assert.equal((JSON.parse(verified.content.trim()) as { meta: { source: string } }).meta.source, 'verified');
  });
});

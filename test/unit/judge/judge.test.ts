import assert from 'node:assert/strict';
import { buildLeaderboard } from '../../../src/core/prefs/leaderboard';
import { judgeAgreement } from '../../../src/core/prefs/judgeAgreement';
import type { JudgeEvent } from '../../../src/core/prefs/judgeEvent';
import { maskModelNames, parsePick } from '../../../src/core/prefs/judgeVerdict';
import { parseLog } from '../../../src/core/prefs/logFold';
import { buildJudgePrompt } from '../../../src/core/prompts/judgePrompt';
import { asEvents, logText, sampleRun, tieVote, winnerVote } from '../prefs/sampleRuns';

const JUDGE = { id: 'judge', label: 'Wise Judge', provider: 'openai' as const, model: 'judge-model-1', params: {} };

function judgeEvent(runId: string, pick: JudgeEvent['pick'], extra: Partial<JudgeEvent> = {}): JudgeEvent {
  return {
    schemaVersion: 2, type: 'judge', runId, at: '2025-06-01T10:04:00.000Z', judge: JUDGE, blind: true,
    candidates: [{ modelId: 'a', label: 'Model A', attempt: 1 }, { modelId: 'b', label: 'Model B', attempt: 1 }, { modelId: 'c', label: 'Model C', attempt: 1 }],
    state: 'done', ...(pick ? { pick } : {}), text: 'B is best.\nPICK: B', ...extra,
  };
}

describe('judge: the prompt', () => {
  it('judge prompt names the candidates by blind label only, with the task and the original code', () => {
    const prompt = buildJudgePrompt(
      { title: 'Fix', instruction: 'off by one', filePath: 'src/p.js', languageId: 'javascript', originalCode: 'const end = start + size - 1;' },
      [{ label: 'Model A', text: 'Use `start + size`.' }, { label: 'Model B', text: 'Clamp it.', unfinished: 'timed-out' }],
    );
    assert.match(prompt.user, /Task: Fix — off by one/);
    assert.match(prompt.user, /const end = start \+ size - 1;/);
    assert.match(prompt.user, /## Model A\n\nUse `start \+ size`\./);
    assert.match(prompt.user, /## Model B \(this answer did not finish: timed-out\)/);
    assert.match(prompt.user, /PICK: A` \(one of A, B\)/);
    assert.deepEqual(prompt.messages, [{ role: 'user', content: prompt.user }]);
    assert.match(prompt.system, /never name one/);
  });
});

describe('judge: reading the PICK line', () => {
  const letters = ['A', 'B', 'C'];
  it('parses plain, emphasised, labelled and lower-case PICK lines; the last one wins', () => {
    assert.deepEqual(parsePick('blah\nPICK: B', letters), { kind: 'pick', index: 1 });
    assert.deepEqual(parsePick('**PICK: Model C**', letters), { kind: 'pick', index: 2 });
    assert.deepEqual(parsePick('pick = candidate a.\n', letters), { kind: 'pick', index: 0 });
    assert.deepEqual(parsePick('Answer with `PICK: A`.\n\nFinal pick: `B`', letters), { kind: 'pick', index: 1 });
    assert.deepEqual(parsePick('PICK: none', letters), { kind: 'none' });
  });
  it('has no pick without a readable line, or for a letter no candidate has', () => {
    assert.equal(parsePick('I like B the most.', letters), undefined);
    assert.equal(parsePick('PICK: D', letters), undefined);
    assert.equal(parsePick('PICK: B and C', letters), undefined);
  });
});

describe('judge: masking model names', () => {
  it('masking replaces ids, labels and model names (longest first, whole words only) by the blind label', () => {
    const names = [
      { name: 'Fake GPT', replacement: 'Model A' },
      { name: 'fake-gpt-1', replacement: 'Model A' },
      { name: 'gpt-4.1', replacement: 'Model B' },
      { name: 'gpt-4.1-mini', replacement: 'another model' },
    ];
    const text = 'Model A (fake GPT, i.e. FAKE-GPT-1) beats gpt-4.1; gpt-4.1-mini agrees. gpt-4.10 and fake-gpt-12 are other words.';
    assert.equal(maskModelNames(text, names), 'Model A (Model A, i.e. Model A) beats Model B; another model agrees. gpt-4.10 and fake-gpt-12 are other words.');
  });
  it('leaves names too short to mask safely alone', () => {
    assert.equal(maskModelNames('go to b', [{ name: 'b', replacement: 'Model A' }, { name: 'go', replacement: 'Model B' }]), 'go to b');
  });
});

describe('judge: the event in the record', () => {
  it('judge event folds into the run’s judgements and is never a vote', () => {
    const entry = sampleRun({ vote: winnerVote('a') });
    const events = asEvents(entry);
    const { runs, problems } = parseLog(logText([...events, judgeEvent(entry.id, { kind: 'model', modelId: 'b', label: 'Model B' })]));
    assert.deepEqual(problems, []);
    const run = runs[0];
    assert.equal(run?.judgements?.length, 1);
    assert.deepEqual(run?.judgements?.[0]?.pick, { kind: 'model', modelId: 'b', label: 'Model B' });
    assert.deepEqual(run?.vote, parseLog(logText(events)).runs[0]?.vote, 'the vote is the user’s');
    // The leaderboard's wins and ratings are the same with or without the judge.
    const withJudge = buildLeaderboard(runs, { seed: 1, samples: 20 });
    const without = buildLeaderboard(parseLog(logText(events)).runs, { seed: 1, samples: 20 });
    assert.deepEqual(withJudge.rows, without.rows);
    assert.equal(withJudge.totalVotes, 1);
  });

  it('a judge alone (before any vote) makes no vote, and a pick of a stranger is a problem', () => {
    const entry = sampleRun();
    const { runs, problems } = parseLog(logText([...asEvents(entry), judgeEvent(entry.id, { kind: 'model', modelId: 'zed', label: 'Model B' })]));
    assert.equal(runs[0]?.vote, undefined);
    assert.equal(runs[0]?.judgements, undefined);
    assert.match(problems[0]?.error ?? '', /pick 'zed' is not a model of the run/);
    assert.equal(buildLeaderboard(runs).totalVotes, 0);
  });
});

describe('judge: agreement with the user', () => {
  it('agreement counts runs with both a judge pick and a user winner, the judge’s latest pick per run', () => {
    const agree = sampleRun({ id: 'r1', vote: winnerVote('b') });
    const disagree = sampleRun({ id: 'r2', vote: winnerVote('a') });
    const tie = sampleRun({ id: 'r3', vote: tieVote() });
    const unvoted = sampleRun({ id: 'r4' });
    const changed = sampleRun({ id: 'r5', vote: winnerVote('c') });
    const text = logText([
      ...[agree, disagree, tie, unvoted, changed].flatMap(asEvents),
      judgeEvent('r1', { kind: 'model', modelId: 'b', label: 'Model B' }),
      judgeEvent('r2', { kind: 'model', modelId: 'b', label: 'Model B' }),
      judgeEvent('r3', { kind: 'model', modelId: 'b', label: 'Model B' }),
      judgeEvent('r4', { kind: 'model', modelId: 'b', label: 'Model B' }),
      judgeEvent('r5', { kind: 'model', modelId: 'a', label: 'Model A' }),
      judgeEvent('r5', { kind: 'model', modelId: 'c', label: 'Model C' }),
      judgeEvent('r5', undefined, { state: 'error', error: 'boom' }),
    ]);
    const { runs, problems } = parseLog(text);
    assert.deepEqual(problems, []);
    const agreement = judgeAgreement(runs);
    assert.equal(agreement.runs, 3);
    assert.equal(agreement.agreed, 2);
    assert.deepEqual(agreement.judges.map((j) => [j.label, j.runs, j.agreed]), [['Wise Judge', 3, 2]]);
    assert.deepEqual(buildLeaderboard(runs).judgeAgreement, agreement);
  });

  it('a "none" pick never agrees, and no judgements means nothing to report', () => {
    const run = sampleRun({ id: 'r1', vote: winnerVote('a') });
    const { runs } = parseLog(logText([...asEvents(run), judgeEvent('r1', { kind: 'none' })]));
    assert.deepEqual(judgeAgreement(runs), { runs: 1, agreed: 0, judges: [{ key: 'openai:judge-model-1:judge', label: 'Wise Judge', model: 'judge-model-1', runs: 1, agreed: 0 }] });
    assert.deepEqual(judgeAgreement(parseLog(logText(asEvents(run))).runs), { runs: 0, agreed: 0, judges: [] });
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { LogEntry, RunStartEvent } from '../../src/core/prefs/logEvents';
import { E2E_FAKE_KEY_ENV, FAKE_CLAUDE, FAKE_GPT, e2eModels } from './harness/e2eModels';
import { restoreDefaultModels, useModels } from './harness/loopModels';
import { updateSettings } from './harness/editorProbes';
import { compareFixes, frameTextAndAttributes, prefsDir, restorePrefsSettings, resultsFrameWhenDone, useLogPath, waitForLog } from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const JUDGE = { id: 'fake-judge', label: 'Fake Judge', model: 'fake-judge-1' } as const;
/** Words that would tell which candidate is which model. */
const IDENTIFYING = [FAKE_GPT.label, FAKE_CLAUDE.label, FAKE_GPT.id, FAKE_CLAUDE.id, FAKE_GPT.model, FAKE_CLAUDE.model];
const VERDICT_PHRASE = 'both drop the minus one';
/** The fake judge names a model (Fake GPT), which must be masked, and picks the second column. */
const JUDGE_ANSWER = [
  `Model A and Model B ${VERDICT_PHRASE}; Model B keeps the original line layout, and it reads like Fake GPT wrote it.`,
  '',
  'I would pick Model B for the smaller change.',
  '',
  'PICK: B',
].join('\n');

describe('judge: a second opinion in blind mode', function () {
  this.timeout(180_000);
  after(async () => {
    const session = e2e();
    await updateSettings(session, { 'parallax.judge.model': null });
    await restoreDefaultModels(session);
    restorePrefsSettings(session);
  });

  it('judge: asked before the vote, its opinion is held back, shown after the vote, masked, logged, and never the vote', async () => {
    const session = e2e();
    const { workbench, fakes } = session;
    const logPath = join(prefsDir(session, 'judge'), 'preferences.jsonl');
    await useLogPath(session, logPath, { 'parallax.blindMode': true });
    fakes.setScript(JUDGE.model, { delayMs: 100, tokensPerSecond: 400, text: JUDGE_ANSWER });
    // The judge is a configured model kept out of comparisons (enabled: false).
    await useModels(session, [...e2eModels(fakes), { ...JUDGE, provider: 'openai-compatible', baseUrl: fakes.openaiBaseUrl, apiKeyEnv: E2E_FAKE_KEY_ENV, enabled: false }]);
    await updateSettings(session, { 'parallax.judge.model': JUDGE.id, 'parallax.blindMode': true });

    const run = await compareFixes(session);
    const panel = await resultsFrameWhenDone(workbench);
    const [start] = (await waitForLog(logPath, (e) => e.some((x) => x.type === 'run-start' && x.runId === run.runId), 'the run record')).filter(
      (e): e is RunStartEvent => e.type === 'run-start' && e.runId === run.runId,
    );
    assert.ok(start?.blind, 'the run is blind');
    const [first, second] = start.shownOrder;
    assert.ok(first && second);

    // Ask before voting: the judge runs, but its opinion stays in the host.
    const requestsBefore = fakes.requests.length;
    await panel.click('[data-testid="ask-judge"]');
    const entries = await waitForLog(logPath, (e) => e.some((x) => x.type === 'judge' && x.runId === run.runId), 'the judge event', 60_000);
    await waitFor(async () => ((await panel.textContent('[data-testid="judge-status"]')) ?? '').includes('shown after you vote'), { what: 'the judge to be held until the vote', timeoutMs: 30_000 });
    assert.equal(await panel.$('[data-testid="judge-opinion"]'), null, 'no judge section before the vote');
    const beforeVote = await frameTextAndAttributes(panel);
    assert.ok(!beforeVote.includes(VERDICT_PHRASE), 'the judge’s text is not in the panel before the vote');
    assert.ok(!beforeVote.includes('would pick'), 'nor its pick');

    // The judge saw the candidates under blind labels only.
    const judgeRequest = fakes.requests.slice(requestsBefore).find((r) => (r.body as { model?: string } | undefined)?.model === JUDGE.model);
    assert.ok(judgeRequest, 'the judge model was asked');
    const sent = JSON.stringify(judgeRequest.body);
    assert.match(sent, /## Model A/);
    assert.match(sent, /## Model B/);
    for (const word of IDENTIFYING) assert.ok(!sent.toLowerCase().includes(word.toLowerCase()), `the judge prompt names "${word}"`);

    // The event: the judge's pick (column B's model), blind, masked text; no vote yet.
    const judged = entries.filter((e): e is Extract<LogEntry, { type: 'judge' }> => e.type === 'judge');
    assert.equal(judged.length, 1);
    assert.equal(judged[0]?.judge.id, JUDGE.id);
    assert.deepEqual(judged[0]?.pick, { kind: 'model', modelId: second, label: 'Model B' });
    assert.equal(judged[0]?.blind, true);
    assert.ok(!judged[0]?.text.includes(FAKE_GPT.label), 'the recorded text is masked');
    assert.ok(!entries.some((e) => e.type === 'vote'), 'the judge did not vote');

    // The user votes for column A (the judge picked B).
    await panel.click('[data-testid="vote-c0"]');
    await panel.click('[data-testid="vote-submit"]');
    await panel.waitForSelector('[data-testid="revealed"]', { timeout: 15_000 });
    await panel.waitForSelector('[data-testid="judge-opinion"]', { timeout: 15_000 });
    const heading = (await panel.textContent('[data-testid="judge-opinion"] h3')) ?? '';
    assert.match(heading, /Judge’s opinion — not your vote/);
    const opinion = (await panel.textContent('[data-testid="judge-text"]')) ?? '';
    assert.ok(opinion.includes(VERDICT_PHRASE));
    assert.ok(!opinion.includes(FAKE_GPT.label), 'the model name the judge wrote is masked');
    const gptLabel = start.shownOrder.indexOf(FAKE_GPT.id) === 0 ? 'Model A' : 'Model B';
    assert.ok(opinion.includes(`reads like ${gptLabel} wrote it`), `the name became ${gptLabel}: ${opinion}`);
    assert.match((await panel.textContent('[data-testid="judge-status"]')) ?? '', /would pick Model B/);
    const labelOf = (id: string) => [FAKE_GPT, FAKE_CLAUDE].find((m) => m.id === id)?.label ?? id;
    assert.match((await panel.textContent('[data-testid="judge-legend"]')) ?? '', new RegExp(`Model A = ${labelOf(first)}.*Model B = ${labelOf(second)}`));

    // The vote on disk is the user's: column A's model, not the judge's pick.
    const after = await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === run.runId), 'the vote event');
    const votes = after.filter((e): e is Extract<LogEntry, { type: 'vote' }> => e.type === 'vote');
    assert.equal(votes.length, 1);
    assert.equal(votes[0]?.vote.winner, first);
    assert.notEqual(votes[0]?.vote.winner, judged[0]?.pick?.kind === 'model' ? judged[0].pick.modelId : undefined);

    await panel.locator('[data-testid="judge-opinion"]').scrollIntoViewIfNeeded();
    await workbench.screenshot('judge-after-vote');
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { LogEntry, RunStartEvent } from '../../src/core/prefs/logEvents';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import {
  compareFixes,
  focusPanel,
  frameTextAndAttributes,
  headerLabels,
  leaderboardCell,
  leaderboardFrame,
  prefsDir,
  restorePrefsSettings,
  resultsFrameWhenDone,
  useLogPath,
  waitForLog,
} from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const MODELS = [FAKE_GPT, FAKE_CLAUDE];
/** Anything that would tell which model wrote which answer. */
const IDENTIFYING = [FAKE_GPT.label, FAKE_CLAUDE.label, FAKE_GPT.id, FAKE_CLAUDE.id, FAKE_GPT.model, FAKE_CLAUDE.model, 'openai', 'anthropic'];

describe('preferences: a blind vote, end to end', function () {
  // Each test drives several real runs and dialogs on a shared, slow machine.
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  it('hides the models until a key vote, then reveals them, logs the vote and counts it on the leaderboard', async () => {
    const session = e2e();
    const { workbench } = session;
    const logPath = join(prefsDir(session, 'blind'), 'preferences.jsonl');
    await useLogPath(session, logPath, { 'parallax.blindMode': true });

    const run = await compareFixes(session);
    const panel = await resultsFrameWhenDone(workbench);

    // Blind: "Model A/B", and nothing in the panel names a model, its provider or its cost.
    assert.deepEqual(await headerLabels(panel), ['Model A', 'Model B']);
    const blindText = await frameTextAndAttributes(panel);
    for (const word of IDENTIFYING) assert.ok(!blindText.toLowerCase().includes(word.toLowerCase()), `the blind panel mentions "${word}"`);
    assert.doesNotMatch(blindText, /\$\s?\d/, 'the blind panel shows a cost');
    assert.equal(await panel.textContent('[data-testid="blind-toggle"]'), 'Blind: on');

    // The run record is on disk, blind, with the shuffled column order.
    const [record] = (await waitForLog(logPath, (e) => e.some((x) => x.type === 'run-start' && x.runId === run.runId), 'the run record')).filter(
      (e): e is RunStartEvent => e.type === 'run-start',
    );
    assert.ok(record);
    assert.equal(record.blind, true);
    assert.deepEqual([...record.shownOrder].sort(), MODELS.map((m) => m.id).sort());
    const pickedModel = record.shownOrder[1];
    assert.ok(pickedModel);

    // A note typed with vote keys in it must not change the pick; then the key "2" picks the second column.
    await panel.click('[data-testid="tag-correct"]');
    await panel.click('[data-testid="tag-readable"]');
    const note = 'tie? b-side 1 looks better';
    await panel.locator('[data-testid="note"]').pressSequentially(note);
    await focusPanel(panel);
    await workbench.page.keyboard.press('2');
    await waitFor(async () => (await panel.getAttribute('[data-testid="vote-c1"]', 'aria-pressed')) === 'true', { what: 'key 2 to pick column 2' });
    assert.equal(await panel.getAttribute('[data-testid="vote-tie"]', 'aria-pressed'), 'false');
    assert.equal(await panel.getAttribute('[data-testid="vote-all-bad"]', 'aria-pressed'), 'false');
    await panel.click('[data-testid="vote-submit"]');

    // Revealed: the real names, in the shown order, and the cost.
    await panel.waitForSelector('[data-testid="revealed"]', { timeout: 15_000 });
    const labelOf = (id: string | undefined) => MODELS.find((m) => m.id === id)?.label;
    assert.deepEqual(await headerLabels(panel), record.shownOrder.map(labelOf));
    assert.match((await panel.textContent(`[data-testid="column"][data-column="c1"] .subtitle`)) ?? '', new RegExp(MODELS.find((m) => m.id === pickedModel)?.model ?? '?'));
    assert.match((await panel.textContent(`[data-testid="column"][data-column="c1"] [data-testid="cost"]`)) ?? '', /\$/);
    await workbench.screenshot('blind-vote-revealed');

    // The vote on disk: the model that sat in column 2, the tags and the note.
    const entries = await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === run.runId), 'the vote event');
    const votes = entries.filter((e): e is Extract<LogEntry, { type: 'vote' }> => e.type === 'vote');
    assert.equal(votes.length, 1);
    const vote = votes[0]?.vote;
    assert.equal(vote?.kind, 'winner');
    assert.equal(vote?.winner, pickedModel);
    assert.deepEqual([...(vote?.tags ?? [])].sort(), ['correct', 'readable']);
    assert.equal(vote?.note, note);

    // The leaderboard counts it: one win for the picked model, none for the other.
    const board = await leaderboardFrame(workbench, '[data-testid="leaderboard-row"]');
    const winner = MODELS.find((m) => m.id === pickedModel);
    const loser = MODELS.find((m) => m.id !== pickedModel);
    assert.ok(winner && loser);
    assert.equal(await leaderboardCell(board, winner.model, 'wins'), '1 / 1');
    assert.equal(await leaderboardCell(board, loser.model, 'wins'), '0 / 1');
    assert.equal(await leaderboardCell(board, winner.model, 'rank'), '1');
    await board.waitForSelector('[data-testid="not-meaningful"]');
    await workbench.screenshot('leaderboard');
  });
});

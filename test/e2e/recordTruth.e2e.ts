import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { LogEntry } from '../../src/core/prefs/logEvents';
import { parseLog } from '../../src/core/prefs/logFold';
import { FAKE_GPT } from './harness/e2eModels';
import { compareFixes, prefsDir, restorePrefsSettings, resultsFrameWhenDone, useLogPath, waitForLog } from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { readFileSync } from 'node:fs';

type Attempt = Extract<LogEntry, { type: 'attempt' }>;

describe('one truthful record: a retried column', function () {
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  it('is logged as attempt 2 when it ends, and the vote for it points at attempt 2', async () => {
    const session = e2e();
    const { workbench } = session;
    const logPath = join(prefsDir(session, 'retry'), 'preferences.jsonl');
    await useLogPath(session, logPath);

    const run = await compareFixes(session);
    const panel = await resultsFrameWhenDone(workbench);
    const column = (await panel.getAttribute(`[data-testid="column"][aria-label^="${FAKE_GPT.label}"]`, 'data-column')) ?? 'c0';
    const attemptsOf = (entries: LogEntry[]): Attempt[] =>
      entries.filter((e): e is Attempt => e.type === 'attempt' && e.runId === run.runId && e.output.modelId === FAKE_GPT.id);
    await waitForLog(logPath, (e) => attemptsOf(e).length === 1, 'the first attempt of the column');

    await panel.click(`[data-testid="column"][data-column="${column}"] [data-testid="retry"]`);
    const entries = await waitForLog(logPath, (e) => attemptsOf(e).some((a) => a.attempt === 2), 'attempt 2 of the retried column');
    assert.deepEqual(attemptsOf(entries).map((a) => a.attempt), [1, 2]);
    await resultsFrameWhenDone(workbench);

    await panel.click(`[data-testid="vote-${column}"]`);
    await panel.click('[data-testid="vote-submit"]');
    const withVote = await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === run.runId), 'the vote');
    const vote = withVote.find((e): e is Extract<LogEntry, { type: 'vote' }> => e.type === 'vote' && e.runId === run.runId)?.vote;
    assert.equal(vote?.winner, FAKE_GPT.id);
    assert.equal(vote?.attempts?.[FAKE_GPT.id], 2, 'the vote names the attempt that was on screen');

    // History, the leaderboard and exports read the fold: it shows attempt 2 as the column's answer.
    const folded = parseLog(readFileSync(logPath, 'utf8')).runs.find((r) => r.id === run.runId);
    assert.equal(folded?.attempts.filter((a) => a.modelId === FAKE_GPT.id).length, 2);
    assert.equal(folded?.outputs.find((o) => o.modelId === FAKE_GPT.id)?.state, 'done');
    await workbench.screenshot('record-retry-voted');
  });
});

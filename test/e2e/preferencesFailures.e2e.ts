import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  answerSaveDialog,
  clearNotifications,
  clickNotificationButton,
  compareFixes,
  focusPanel,
  notificationButtons,
  prefsDir,
  readLog,
  resultsFrameWhenDone,
  restorePrefsSettings,
  updateSettings,
  useLogPath,
  waitForLog,
  waitForNotification,
} from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';

describe('preferences: a failed write is never dropped', function () {
  // Each test drives several real runs and dialogs on a shared, slow machine.
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  it('keeps the run and vote, offers Retry / Save Elsewhere, and saves them elsewhere or once the setting is fixed', async () => {
    const session = e2e();
    const { workbench } = session;
    const dir = prefsDir(session, 'failure');
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a regular file, so nothing can be created under it\n');
    const brokenPath = join(blocker, 'preferences.jsonl');
    await useLogPath(session, brokenPath);

    // The run record cannot be written: the user is told and offered a way out.
    const message = `could not save to ${brokenPath}`;
    const run = await compareFixes(session);
    await waitForNotification(workbench, message);
    assert.deepEqual(await notificationButtons(workbench, message), ['Retry', 'Save Elsewhere…']);
    await workbench.screenshot('write-failure');

    // The vote fails the same way; the panel still takes it. (By keyboard: the error toasts cover the vote bar.)
    const panel = await resultsFrameWhenDone(workbench);
    await focusPanel(panel);
    await workbench.page.keyboard.press('2');
    await panel.press('[data-testid="vote-submit"]', 'Enter');
    await panel.waitForSelector('[data-testid="vote-bar"].voted');

    // Save Elsewhere writes both kept entries, in order.
    const elsewhere = join(dir, 'elsewhere.jsonl');
    await clickNotificationButton(workbench, message, 'Save Elsewhere…');
    await answerSaveDialog(workbench, 'Save the Parallax preference log', elsewhere);
    // The run is kept as its events: the run start, one attempt per column, then the vote.
    const saved = await waitForLog(elsewhere, (e) => e.some((x) => x.type === 'vote'), 'the kept run and vote in the other file');
    assert.deepEqual(saved.map((e) => e.type), ['run-start', 'attempt', 'attempt', 'vote']);
    for (const e of saved) assert.equal(e.type === 'run' ? e.id : e.runId, run.runId);
    await waitForNotification(workbench, `Saved ${saved.length} pending preference record(s) to ${elsewhere}`);
    await clearNotifications(workbench);

    // Another run fails too; fixing the setting writes it to the new log.
    const second = await compareFixes(session);
    await waitForNotification(workbench, message);
    const fixedPath = join(dir, 'fixed.jsonl');
    updateSettings(session, { 'parallax.preferenceLogPath': fixedPath });
    const fixed = await waitForLog(fixedPath, (e) => e.filter((x) => x.type === 'attempt').length >= 2, 'the kept run in the fixed log');
    assert.deepEqual(fixed.map((e) => `${e.type}:${e.type === 'run' ? e.id : e.runId}`), ['run-start', 'attempt', 'attempt'].map((t) => `${t}:${second.runId}`));
    assert.equal(readLog(elsewhere).length, saved.length, 'the other file is not written again');
  });
});

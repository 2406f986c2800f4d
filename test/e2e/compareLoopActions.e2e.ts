import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForNewRun, watchRuns } from './harness/companionOutput';
import { documentText } from './harness/editorProbes';
import {
  answerWith,
  CLAMPED_END,
  EXCLUSIVE_END,
  QUICK_GPT,
  restoreDefaultModels,
  SLOW_GPT,
  STEADY_CLAUDE,
  streamed,
  useScriptedModels,
} from './harness/loopModels';
import { paletteTitleOf } from './harness/manifest';
import { clearNotifications, clickNotificationButton, notificationButtons, waitForNotification } from './harness/notifications';
import { clickColumnButton, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareSelection } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const FILE = 'src/pagination.js';
const fix = answerWith('The slice end is exclusive.', EXCLUSIVE_END);
const clamp = answerWith('Clamp the end to the item count.', CLAMPED_END);
/** Streams for many seconds: still running when the test cancels it. */
const endless = streamed(200, 2, `${'Thinking about the page bounds. '.repeat(40)}\n\n\`\`\`javascript\n${EXCLUSIVE_END.join('\n')}\n\`\`\``);

describe('comparison loop: compare answers, cancel, and apply after the code changed', () => {
  before(async function () {
    this.timeout(120_000);
    await watchRuns(e2e().outDir);
  });
  after(async function () {
    this.timeout(60_000);
    await restoreDefaultModels(e2e());
  });

  it('"Compare…" opens one answer against the one picked in the quick pick, in the native diff editor', async () => {
    const session = e2e();
    const { workbench } = session;
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, fix)],
      [SLOW_GPT, streamed(200, 200, clamp)],
    ]);
    await compareSelection(e2e());
    const frame = await resultsFrameWith(workbench, [QUICK_GPT.label, SLOW_GPT.label]);
    await waitForStates(frame, { [QUICK_GPT.label]: 'done', [SLOW_GPT.label]: 'done' });
    await clickColumnButton(frame, QUICK_GPT.label, 'compare-with');
    await workbench.pickQuickInputItem(SLOW_GPT.label);
    const title = `${QUICK_GPT.label} ↔ ${SLOW_GPT.label}`;
    await waitFor(async () => (await workbench.tabLabels()).includes(title), { what: `a diff tab titled "${title}"`, timeoutMs: 20_000 });
    const diff = workbench.page.locator('.editor-instance .monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: 20_000 });
    // The two answers' code differs on the `end` line: the diff shows it as changed on both sides.
    await waitFor(async () => (await diff.locator('.line-insert, .char-insert').count()) > 0, { what: 'the diff to mark the changed line', timeoutMs: 10_000 });
    assert.match((await diff.textContent()) ?? '', /Math\.min/, 'the right side is the other answer');
    await workbench.screenshot('compare-with');
  });

  it('cancelling one column ends it "cancelled" while the others complete; "Cancel Comparison" cancels all', async function () {
    this.timeout(120_000);
    const session = e2e();
    const { workbench, outDir } = session;
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, fix)],
      [STEADY_CLAUDE, streamed(200, 200, fix)],
      [SLOW_GPT, endless],
    ]);
    let known = await compareSelection(e2e());
    const labels = [QUICK_GPT.label, STEADY_CLAUDE.label, SLOW_GPT.label];
    let frame = await resultsFrameWith(workbench, labels);
    await waitForStates(frame, { [QUICK_GPT.label]: 'done', [STEADY_CLAUDE.label]: 'done', [SLOW_GPT.label]: 'streaming' });
    await clickColumnButton(frame, SLOW_GPT.label, 'cancel-column');
    await waitForStates(frame, { [QUICK_GPT.label]: 'done', [STEADY_CLAUDE.label]: 'done', [SLOW_GPT.label]: 'cancelled' }, 15_000);
    let run = await waitForNewRun(outDir, known);
    assert.deepEqual(
      Object.fromEntries(run.outcomes.map((o) => [o.modelId, o.state])),
      { [QUICK_GPT.id]: 'done', [STEADY_CLAUDE.id]: 'done', [SLOW_GPT.id]: 'cancelled' },
    );
    await workbench.screenshot('cancel-one-column');

    // All three stream for seconds; the palette command stops every one of them.
    await useScriptedModels(session, [
      [QUICK_GPT, endless],
      [STEADY_CLAUDE, endless],
      [SLOW_GPT, endless],
    ]);
    known = await compareSelection(e2e());
    frame = await resultsFrameWith(workbench, labels);
    await waitForStates(frame, Object.fromEntries(labels.map((l) => [l, 'streaming'])));
    await workbench.runCommand(paletteTitleOf('parallax.cancel'));
    await waitForStates(frame, Object.fromEntries(labels.map((l) => [l, 'cancelled'])), 15_000);
    run = await waitForNewRun(outDir, known);
    assert.deepEqual(run.outcomes.map((o) => o.state), ['cancelled', 'cancelled', 'cancelled']);
    await workbench.screenshot('cancel-all');
  });

  it('Apply after the code was edited warns, offers the diff and leaves the file alone', async () => {
    const session = e2e();
    const { workbench, workspaceDir } = session;
    const original = readFileSync(join(workspaceDir, FILE), 'utf8');
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, fix)],
      [STEADY_CLAUDE, streamed(200, 200, fix)],
    ]);
    await compareSelection(e2e());
    const frame = await resultsFrameWith(workbench, [QUICK_GPT.label, STEADY_CLAUDE.label]);
    await waitForStates(frame, { [QUICK_GPT.label]: 'done', [STEADY_CLAUDE.label]: 'done' });

    // The user edits the compared lines after the run: a comment at the start of line 14.
    await workbench.openFile(FILE);
    await workbench.goTo(14, 3);
    await workbench.editorType('/* edited */ ');
    const edited = await waitFor(
      async () => {
        const doc = await documentText(session, FILE);
        return doc.text.includes('/* edited */ const end') ? doc.text : undefined;
      },
      { what: 'the edit to reach the document', timeoutMs: 15_000 },
    );
    assert.notEqual(edited, original);

    await clickColumnButton(frame, QUICK_GPT.label, 'apply');
    const warning = await waitForNotification(workbench, 'The code changed since the comparison');
    assert.match(warning, new RegExp(QUICK_GPT.label));
    assert.deepEqual(await notificationButtons(workbench, 'The code changed since the comparison'), ['Show Diff']);
    assert.equal((await documentText(session, FILE)).text, edited, 'the edited document was not overwritten');
    assert.match(edited, /\/\* edited \*\/ const end = start \+ pageSize - 1;/, 'the edited off-by-one line is still there');
    await workbench.screenshot('apply-after-edit');

    await clickNotificationButton(workbench, 'The code changed since the comparison', 'Show Diff');
    const title = `Original ↔ ${QUICK_GPT.label}`;
    await waitFor(async () => (await workbench.tabLabels()).includes(title), { what: `the diff "${title}"`, timeoutMs: 20_000 });

    await workbench.focusTab('pagination.js');
    await workbench.runCommand('File: Revert File');
    await waitFor(async () => (await documentText(session, FILE)).text === original, { what: 'the edit to be reverted', timeoutMs: 15_000 });
    await clearNotifications(workbench);
  });
});

import assert from 'node:assert/strict';
import { finishedRunIds, waitForNewRun, watchRuns } from './harness/companionOutput';
import { answerWith, EXCLUSIVE_END, QUICK_GPT, restoreDefaultModels, SELECTED_LINES, STEADY_CLAUDE, streamed, useScriptedModels } from './harness/loopModels';
import { paletteTitleOf } from './harness/manifest';
import { COLUMN, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareAndWait } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const FILE = 'src/pagination.js';
const LABELS = [QUICK_GPT.label, STEADY_CLAUDE.label];
const DONE = { [QUICK_GPT.label]: 'done', [STEADY_CLAUDE.label]: 'done' };
/** The panel's tab title for a fix on the selected lines. */
const PANEL_TITLE = `Fix · ${FILE}:${SELECTED_LINES[0]}-${SELECTED_LINES[1]}`;

describe('results panel: re-run, reopen, hide and show', () => {
  before(async function () {
    this.timeout(120_000);
    const session = e2e();
    await watchRuns(session.outDir);
    const fix = answerWith('The slice end is exclusive.', EXCLUSIVE_END);
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, fix)],
      [STEADY_CLAUDE, streamed(150, 200, fix)],
    ]);
  });
  after(async function () {
    this.timeout(60_000);
    await restoreDefaultModels(e2e());
  });

  it('"Re-run Last Comparison" sends the same request again and shows the new answers', async () => {
    const { workbench, outDir, fakes } = e2e();
    const first = await compareAndWait(e2e());
    const known = finishedRunIds(outDir);
    const before = fakes.requests.length;
    await workbench.runCommand(paletteTitleOf('parallax.rerun'));
    const again = await waitForNewRun(outDir, known);
    assert.notEqual(again.runId, first.runId, 'a new run');
    assert.equal(again.requestHash, first.requestHash, 'the same request');
    assert.deepEqual(again.outcomes.map((o) => o.state), ['done', 'done']);
    assert.equal(fakes.requests.slice(before).filter((r) => r.method === 'POST').length, 2, 'both models were asked again');
    await waitForStates(await resultsFrameWith(workbench, LABELS), DONE);
    await workbench.screenshot('rerun');
  });

  it('"Open Results" reopens a closed panel, and the panel survives being hidden and shown', async () => {
    const { workbench } = e2e();
    await compareAndWait(e2e());
    const frame = await resultsFrameWith(workbench, LABELS);
    const shown = await waitForStates(frame, DONE);

    await workbench.closeTab(PANEL_TITLE);
    assert.ok(!(await workbench.tabLabels()).includes(PANEL_TITLE), 'the panel is closed');
    await workbench.runCommand(paletteTitleOf('parallax.openResults'));
    const reopened = await waitForStates(await resultsFrameWith(workbench, LABELS), DONE);
    assert.deepEqual(reopened.map((c) => c.answer), shown.map((c) => c.answer), 'the reopened panel shows the same answers');

    // Another editor moved into the panel's group hides it (its webview is torn down); its tab brings it back.
    await workbench.openFile('README.md');
    await workbench.runCommand('View: Move Editor into Next Group');
    await waitFor(async () => (await countColumns(workbench)) === 0, { what: 'the results panel to be hidden', timeoutMs: 15_000 });
    await workbench.screenshot('results-hidden');
    await workbench.focusTab(PANEL_TITLE);
    const restored = await waitForStates(await resultsFrameWith(workbench, LABELS), DONE);
    assert.deepEqual(restored.map((c) => c.answer), shown.map((c) => c.answer), 'the shown-again panel has the same answers');
    await workbench.screenshot('results-shown-again');
  });
});

/** Columns visible in any webview frame right now. */
async function countColumns(workbench: ReturnType<typeof e2e>['workbench']): Promise<number> {
  let count = 0;
  for (const frame of workbench.page.frames()) count += await frame.$$eval(COLUMN, (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length).catch(() => 0);
  return count;
}

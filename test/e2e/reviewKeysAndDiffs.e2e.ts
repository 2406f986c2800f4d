import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../../src/core/prefs/logEvents';
import { documentText } from './harness/editorProbes';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { compareFixes, prefsDir, restorePrefsSettings, resultsFrameWhenDone, useLogPath, waitForLog } from './harness/prefsSupport';
import { columnOf } from './harness/resultsFrame';
import { COMPARED_FILE } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';
import { pointerInto } from './harness/pointerAway';

type Vote = Extract<LogEntry, { type: 'vote' }>;
const DIFF_TABS = [`Original ↔ ${FAKE_GPT.label}`, `Original ↔ ${FAKE_CLAUDE.label}`];

/** Closes every diff tab Parallax opened, in any group, with its close button. */
async function closeDiffTabs(): Promise<void> {
  const { page } = e2e().workbench;
  const tabs = page.locator('.tabs-container .tab:has(.label-name:text-matches("^Original ↔"))');
  for (let n = await tabs.count(); n > 0; n = await tabs.count()) {
    const tab = tabs.first();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').click();
    await waitFor(async () => (await tabs.count()) < n, { what: 'a diff tab to close', timeoutMs: 10_000 });
  }
}

describe('reviewing with diffs and keys', function () {
  this.timeout(120_000);
  after(async () => {
    await closeDiffTabs().catch(() => undefined);
    restorePrefsSettings(e2e());
  });

  it('"Diffs" shows every answer as an inline diff against the original, with the changed words marked', async () => {
    const session = e2e();
    const { workbench } = session;
    await compareFixes(session);
    const panel = await resultsFrameWhenDone(workbench);
    await pointerInto(workbench, panel, '[data-testid="answer"]');
    await panel.getByRole('button', { name: 'Show answers as diffs' }).click();
    for (const label of [FAKE_GPT.label, FAKE_CLAUDE.label]) {
      const diff = panel.locator(`${columnOf(label)} [data-testid="inline-diff"]`);
      await diff.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await panel.locator(`${columnOf(label)} [data-testid="answer"]`).isVisible(), false, `${label}: the diff replaces the answer`);
      const removed = (await diff.locator('.diff-del').allTextContents()).map((t) => t.trim());
      const added = (await diff.locator('.diff-add').allTextContents()).map((t) => t.trim());
      assert.ok(removed.some((t) => t.includes('pageSize - 1')), `${label}: the removed line (${JSON.stringify(removed)})`);
      assert.ok(added.some((t) => t.includes('start + pageSize;')), `${label}: the added line (${JSON.stringify(added)})`);
      const marked = (await diff.locator('.diff-del .diff-word').allTextContents()).join('');
      assert.match(marked, /-\s*1/, `${label}: only the changed words are marked ("${marked}")`);
      const colors = await diff.locator('.diff-del').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.notEqual(colors, 'rgba(0, 0, 0, 0)', 'removed lines have the theme\'s diff background');
    }
    await workbench.screenshot('inline-diffs');
    await panel.getByRole('button', { name: 'Show answers as diffs' }).click();
  });

  it('"Open All Diffs" opens every answer against the original in editor groups side by side, keeping the focus on the panel', async () => {
    const session = e2e();
    const { workbench } = session;
    await compareFixes(session);
    const panel = await resultsFrameWhenDone(workbench);
    const groupsBefore = await workbench.page.locator('.editor-group-container').count();
    await pointerInto(workbench, panel, '[data-testid="answer"]');
    await panel.click('[data-testid="open-all-diffs"]');
    await waitFor(async () => (await workbench.tabLabels()).filter((l) => DIFF_TABS.includes(l)).length === 2, { what: 'both diff tabs', timeoutMs: 20_000 });
    const groups = await workbench.page.locator('.editor-group-container').count();
    assert.ok(groups >= groupsBefore + 2, `each diff in its own new group (${groupsBefore} → ${groups})`);
    assert.equal(await workbench.page.locator('.editor-group-container .monaco-diff-editor').count(), 2, 'two native diff editors are visible side by side');
    // The keyboard focus stayed in the results panel, where the click was.
    assert.equal(await panel.evaluate(() => document.hasFocus()), true, 'the results panel keeps the focus');
    await waitFor(async () => (await workbench.page.locator('.monaco-diff-editor .modified .view-line').count()) >= 4, { what: 'both diffs to render their lines', timeoutMs: 20_000 });
    await workbench.screenshot('open-all-diffs');
    await closeDiffTabs();
  });

  it('keys in the panel: next column, diff of the focused column, pick and submit the vote, apply the chosen answer', async () => {
    const session = e2e();
    const { workbench, workspaceDir } = session;
    const logPath = join(prefsDir(session, 'keys'), 'preferences.jsonl');
    await useLogPath(session, logPath);
    const original = readFileSync(join(workspaceDir, COMPARED_FILE), 'utf8');
    const run = await compareFixes(session);
    const panel = await resultsFrameWhenDone(workbench);
    // Click into the first column's answer: the keys go to the panel element that has the focus.
    await panel.click(`${columnOf(FAKE_GPT.label)} [data-testid="answer"]`);
    await panel.locator(`${columnOf(FAKE_GPT.label)} [data-testid="answer"]`).press('Control+Alt+BracketRight');
    await panel.waitForSelector(`${columnOf(FAKE_CLAUDE.label)}.current`, { timeout: 10_000 });
    assert.equal(await panel.evaluate(() => document.activeElement?.closest('section')?.getAttribute('aria-label')), FAKE_CLAUDE.label, 'the focus moved to the next column');
    await panel.locator(`${columnOf(FAKE_CLAUDE.label)} [data-testid="answer"]`).press('Control+Alt+d');
    await waitFor(async () => (await workbench.tabLabels()).includes(`Original ↔ ${FAKE_CLAUDE.label}`), { what: 'the diff of the focused column', timeoutMs: 20_000 });
    const answer = panel.locator(`${columnOf(FAKE_CLAUDE.label)} [data-testid="answer"]`);
    await answer.click();
    await answer.press('2');
    await answer.press('Control+Enter');
    const entries = await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === run.runId), 'the vote submitted by Ctrl+Enter');
    assert.equal(entries.find((e): e is Vote => e.type === 'vote' && e.runId === run.runId)?.vote.winner, FAKE_CLAUDE.id);
    await workbench.screenshot('keys-voted');
    await (await resultsFrameWhenDone(workbench)).locator(`${columnOf(FAKE_CLAUDE.label)} [data-testid="answer"]`).click();
    await (await resultsFrameWhenDone(workbench)).locator(`${columnOf(FAKE_CLAUDE.label)} [data-testid="answer"]`).press('Control+Shift+Enter');
    await waitFor(async () => (await documentText(session, COMPARED_FILE)).text !== original, { what: 'Ctrl+Shift+Enter to apply the chosen answer', timeoutMs: 20_000 });
    await closeDiffTabs();
    await workbench.focusTab('pagination.js');
    await workbench.editorKeys('Control+Z');
    await waitFor(async () => (await documentText(session, COMPARED_FILE)).text === original, { what: 'undo to restore the file', timeoutMs: 20_000 });
    await waitFor(async () => !(await documentText(session, COMPARED_FILE)).isDirty, { what: 'the restored file to be clean', timeoutMs: 10_000 });
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { LogEntry, RunStartEvent } from '../../src/core/prefs/logEvents';
import { compareAndWait, COMPARED_FILE } from './harness/compareSelection';
import { documentText } from './harness/editorProbes';
import { CLAMPED_END, EXCLUSIVE_END, ORIGINAL_SELECTION, QUICK_GPT, STEADY_CLAUDE, answerWith, restoreDefaultModels, streamed, useScriptedModels } from './harness/loopModels';
import { notificationTexts } from './harness/notifications';
import { clearNotifications, prefsDir, readLog, restorePrefsSettings, useLogPath, waitForLog } from './harness/prefsSupport';
import { clickColumnButton, columnOf, resultsFrameWith } from './harness/resultsFrame';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const LABELS = [QUICK_GPT.label, STEADY_CLAUDE.label];

/** Whether the column of `label` shows its inline diff (true) or its rendered answer (false). */
function showsDiff(frame: Frame, label: string): Promise<boolean> {
  // No named functions inside: the page has no helpers of the test's transpiler.
  return frame.$eval(columnOf(label), (column) => {
    const [diff, answer] = ['[data-testid="inline-diff"]', '[data-testid="answer"]'].map((selector) => {
      const el = column.querySelector(selector);
      return el instanceof HTMLElement && el.offsetParent !== null && el.getBoundingClientRect().height > 0;
    });
    if (diff === answer) throw new Error(`column shows ${diff ? 'both' : 'neither'} of answer and diff`);
    return diff === true;
  });
}

describe('history: a reopened run keeps Diff, Compare and Apply, from what the log stored', function () {
  this.timeout(180_000);
  after(async () => {
    const session = e2e();
    restorePrefsSettings(session);
    await restoreDefaultModels(session);
  });

  it('reopens with a readable date and usable code, diffs natively, switches columns to diffs one by one, applies, and refuses once the code changed', async () => {
    const session = e2e();
    const { workbench, workspaceDir } = session;
    const logPath = join(prefsDir(session, 'reopen'), 'reopen.jsonl');
    await useLogPath(session, logPath);
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 400, answerWith('The end is exclusive: drop the `- 1`.', EXCLUSIVE_END))],
      [STEADY_CLAUDE, streamed(150, 400, answerWith('Clamp the end to the list.', CLAMPED_END))],
    ]);
    const first = await compareAndWait(session);
    // A second run takes the panel, so the first one is only in the log.
    const second = await compareAndWait(session);
    assert.notEqual(first.runId, second.runId);
    const original = readFileSync(join(workspaceDir, COMPARED_FILE), 'utf8');

    await workbench.openViewContainer('Parallax');
    const sidebar = await workbench.webviewFrame(`[data-testid="recent-run"][data-run-id="${first.runId}"]`);
    await sidebar.click(`[data-testid="recent-run"][data-run-id="${first.runId}"]`);
    const panel = await waitFor(
      async () => {
        const frame = await workbench.webviewFrame('.banner.history');
        return (await frame.$('[data-testid="history-date"]')) ? frame : undefined;
      },
      { what: 'the results panel showing the run from history', timeoutMs: 30_000 },
    );
    await resultsFrameWith(workbench, LABELS);

    // A readable local date (the ISO timestamp stays in the datetime attribute only).
    const date = (await panel.textContent('[data-testid="history-date"]'))?.trim() ?? '';
    assert.doesNotMatch(date, /\d{4}-\d{2}-\d{2}T/, `readable date: ${date}`);
    assert.match(date, /20\d\d/, `the date names the year: ${date}`);
    assert.equal(await panel.getAttribute('[data-testid="history-date"]', 'datetime'), readLog(logPath).find((e): e is RunStartEvent => e.type === 'run-start' && e.runId === first.runId)?.at);
    // A finished run's usable code is named, not "none yet".
    const usable = (await panel.textContent('[data-testid="summary-code"]')) ?? '';
    for (const label of LABELS) assert.match(usable, new RegExp(label), `usable code lists ${label}: ${usable}`);
    for (const label of LABELS) assert.equal(await panel.isEnabled(`${columnOf(label)} [data-testid="apply"]`), true, `${label}: Apply is offered`);

    // Each column switches on its own: Quick GPT as a diff, Steady Claude as its answer.
    assert.deepEqual([await showsDiff(panel, QUICK_GPT.label), await showsDiff(panel, STEADY_CLAUDE.label)], [false, false]);
    await panel.click(`${columnOf(QUICK_GPT.label)} [data-testid="column-diff-toggle"]`);
    await waitFor(() => showsDiff(panel, QUICK_GPT.label), { what: 'Quick GPT to show its inline diff', timeoutMs: 10_000 });
    assert.equal(await showsDiff(panel, STEADY_CLAUDE.label), false, 'the other column keeps its answer');
    const toggle = `${columnOf(QUICK_GPT.label)} [data-testid="column-diff-toggle"]`;
    assert.equal(await panel.getAttribute(toggle, 'aria-pressed'), 'true');
    assert.match((await panel.getAttribute(toggle, 'aria-label')) ?? '', /Show the answer of Quick GPT/);
    assert.equal(await panel.getAttribute(toggle, 'title'), await panel.getAttribute(toggle, 'aria-label'));
    const added = await panel.$$eval(`${columnOf(QUICK_GPT.label)} .diff-line.diff-add`, (lines) => lines.map((l) => l.textContent ?? ''));
    assert.ok(added.some((l) => l.includes('const end = start + pageSize;')), `the logged answer's added line: ${added.join(' | ')}`);
    await workbench.screenshot('history-columns-diff-and-answer');

    // Diff opens VS Code's own diff editor, from the logged original and answer.
    await clickColumnButton(panel, QUICK_GPT.label, 'diff-original');
    const diffTitle = `Original ↔ ${QUICK_GPT.label}`;
    await workbench.page.waitForSelector('.editor-instance .monaco-diff-editor', { state: 'visible', timeout: 20_000 });
    await waitFor(async () => (await workbench.tabLabels()).includes(diffTitle), { what: `a tab titled "${diffTitle}"`, timeoutMs: 20_000 });
    await workbench.screenshot('history-reopened');

    // Apply writes the logged answer into the file (checked unchanged first), and the log records it.
    await clickColumnButton(panel, QUICK_GPT.label, 'apply');
    const applied = original.replace(ORIGINAL_SELECTION, EXCLUSIVE_END.join('\n'));
    await waitFor(async () => (await documentText(session, COMPARED_FILE)).text === applied, { what: 'Apply from history to change the document', timeoutMs: 20_000 });
    const isApply = (e: LogEntry) => e.type === 'apply' && e.runId === first.runId && e.modelId === QUICK_GPT.id;
    await waitForLog(logPath, (entries) => entries.some(isApply), 'the apply event of the reopened run');

    // The selection no longer holds the logged original: Claude's answer is refused, the file left as it is.
    await clearNotifications(workbench);
    await clickColumnButton(panel, STEADY_CLAUDE.label, 'apply');
    const refusal = await waitFor(
      async () => (await notificationTexts(workbench)).find((t) => /changed since the comparison/.test(t)),
      { what: 'the refusal to apply over changed code', timeoutMs: 20_000 },
    );
    assert.match(refusal, /Steady Claude/);
    assert.equal((await documentText(session, COMPARED_FILE)).text, applied, 'the refused Apply changed nothing');
    assert.equal(readLog(logPath).filter((e) => e.type === 'apply' && e.runId === first.runId).length, 1, 'only the applied answer is logged');

    // Put the file back as the other tests expect it.
    await workbench.focusTab('pagination.js');
    await workbench.editorKeys('Control+Z');
    await waitFor(async () => (await documentText(session, COMPARED_FILE)).text === original, { what: 'one undo to restore the document', timeoutMs: 20_000 });
    await waitFor(async () => !(await documentText(session, COMPARED_FILE)).isDirty, { what: 'the restored document to be clean', timeoutMs: 10_000 });
  });
});

import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { differs } from './harness/colorContrast';
import { elementColors } from './harness/elementColors';
import { EIGHT_MODELS, eightScripts } from './harness/eightModels';
import { restoreDefaultModels, useScriptedModels } from './harness/loopModels';
import { notificationTexts } from './harness/notifications';
import { columnOf, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareSelection } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';
import { pointerInto } from './harness/pointerAway';

const LABELS = EIGHT_MODELS.map((m) => m.label);
const ALL_DONE = Object.fromEntries(LABELS.map((l) => [l, 'done']));

/** The header's box against the visible part of the row of columns (both in frame coordinates). */
function headerInView(frame: Frame, label: string): Promise<boolean> {
  return frame.$eval(`${columnOf(label)} .column-header`, (header) => {
    const row = header.closest('.columns');
    if (!row) return false;
    const h = header.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return h.width > 0 && h.left >= r.left - 1 && h.right <= r.right + 1 && h.top >= r.top - 1 && h.bottom <= r.bottom + 1;
  });
}

/** Whether every child of each matching element sits on one line (the same top, give or take a pixel). */
function oneLine(frame: Frame, selector: string): Promise<boolean[]> {
  return frame.$$eval(selector, (rows) =>
    rows.map((row) => {
      const tops = [...row.children].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2));
      return tops.every((t) => Math.abs(t - (tops[0] ?? t)) <= 2);
    }),
  );
}

describe('reviewing side by side: eight columns at 1280×800 with the sidebar open', function () {
  this.timeout(180_000);
  let frame: Frame;

  before(async function () {
    const session = e2e();
    const { workbench } = session;
    await workbench.page.setViewportSize({ width: 1280, height: 800 });
    await workbench.openViewContainer('Parallax');
    // A first byte after 5 s: time enough, on a busy machine, to see the run in progress.
    await useScriptedModels(session, eightScripts(5_000));
    await compareSelection(session);
    frame = await resultsFrameWith(workbench, LABELS);
  });
  after(async function () {
    const session = e2e();
    await session.workbench.page.setViewportSize({ width: 1400, height: 900 });
    await restoreDefaultModels(session);
  });

  it('shows progress in the panel and the status bar, never in a notification over the vote bar', async () => {
    const { workbench } = e2e();
    const progress = await waitFor(async () => {
      const text = ((await frame.textContent('[data-testid="run-progress"]')) ?? '').trim();
      return /^\d\/8 done$/.test(text) ? text : undefined;
    }, { what: 'the panel to show "n/8 done" while the models run', timeoutMs: 20_000, intervalMs: 50 });
    const status = await workbench.page.textContent('.statusbar').catch(() => '');
    assert.match(status ?? '', /\d\/8/, `the status bar counts the finished models (panel: ${progress})`);
    assert.deepEqual((await notificationTexts(workbench)).filter((t) => /parallax/i.test(t)), [], 'no Parallax progress notification');
    await waitForStates(frame, ALL_DONE, 60_000);
    assert.equal(((await frame.textContent('[data-testid="run-progress"]')) ?? '').trim(), '', 'the progress goes once every model finished');
  });

  it('every column header can be scrolled into view, and columns keep a readable width', async () => {
    const { workbench } = e2e();
    const widths = await frame.$$eval('section[data-testid="column"]', (cols) => cols.map((c) => c.getBoundingClientRect().width));
    assert.equal(widths.length, 8);
    for (const w of widths) assert.ok(w >= 318, `a column is at least 320 px wide (${w})`);
    // Scroll the row of columns (as the scroll bar does) until each header is in view, from the last and back.
    for (const label of [...LABELS].reverse().concat(LABELS)) {
      await frame.$eval(`${columnOf(label)} .column-header`, (header) => header.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
      await waitFor(() => headerInView(frame, label), { what: `the header of ${label} to be in view`, timeoutMs: 5_000 });
    }
    await frame.$eval(`${columnOf(LABELS[0] ?? '')} .column-header`, (header) => header.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
    assert.deepEqual(await oneLine(frame, '.metrics'), LABELS.map(() => true), 'metrics stay on one line');
    assert.deepEqual(await oneLine(frame, '.column-actions'), LABELS.map(() => true), 'the column footer is one row');
    await workbench.screenshot('review-eight-columns');
  });

  it('code blocks are a visible box whose long lines scroll inside it, or wrap with the toggle', async () => {
    const first = columnOf(LABELS[0] ?? '');
    const code = await elementColors(frame, `${first} .answer pre`);
    const column = await elementColors(frame, first);
    assert.ok(code.borderWidth >= 1 && differs(code.border, column.background), `the code block has a visible border (${code.border.join(',')} on ${column.background.join(',')})`);
    assert.ok(differs(code.background, column.background, 2) || differs(code.border, column.background, 40), 'the block stands out from the column');
    const overflow = () => frame.$eval(`${first} .answer pre`, (pre) => ({ scroll: pre.scrollWidth, client: pre.clientWidth, column: pre.closest('section')?.getBoundingClientRect().width ?? 0 }));
    const scrolled = await overflow();
    assert.ok(scrolled.scroll > scrolled.client + 20, `the long line scrolls inside the block (${scrolled.scroll} > ${scrolled.client})`);
    assert.ok(scrolled.column < 700, 'the column did not grow to fit the line');
    await pointerInto(e2e().workbench, frame, `${first} .answer`);
    await frame.click('[data-testid="wrap-toggle"]');
    await waitFor(async () => {
      const wrapped = await overflow();
      return wrapped.scroll <= wrapped.client + 1;
    }, { what: 'the long line to wrap', timeoutMs: 5_000 });
    await e2e().workbench.screenshot('review-code-wrapped');
    await frame.click('[data-testid="wrap-toggle"]');
    assert.equal(await frame.getAttribute('[data-testid="wrap-toggle"]', 'aria-pressed'), 'false');
  });

  it('a column collapses to a strip and expands again; icon-only buttons have a tooltip and a label', async () => {
    const first = columnOf(LABELS[0] ?? '');
    const widthOf = () => frame.$eval(first, (c) => c.getBoundingClientRect().width);
    await frame.click(`${first} [data-testid="collapse"]`);
    await waitFor(async () => (await widthOf()) < 60, { what: 'the column to collapse', timeoutMs: 5_000 });
    assert.equal(await frame.getAttribute(`${first} [data-testid="collapse"]`, 'aria-expanded'), 'false');
    await e2e().workbench.screenshot('review-column-collapsed');
    await frame.click(`${first} [data-testid="collapse"]`);
    await waitFor(async () => (await widthOf()) >= 318, { what: 'the column to expand', timeoutMs: 5_000 });
    const unlabelled = await frame.$$eval('button', (buttons) =>
      buttons.filter((b) => (b.textContent ?? '').trim() === '' && (!b.getAttribute('title') || !b.getAttribute('aria-label'))).map((b) => b.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unlabelled, [], 'every icon-only button has title and aria-label');
    const disabled = await frame.$$eval('button:disabled', (buttons) => buttons.map((b) => ({ opacity: Number(getComputedStyle(b).opacity), cursor: getComputedStyle(b).cursor })));
    for (const d of disabled) assert.ok(d.opacity <= 0.6 && d.cursor === 'not-allowed', `a disabled button looks disabled (${JSON.stringify(d)})`);
  });

  it('"Focus" maximises the results editor group and restores it', async () => {
    const { workbench } = e2e();
    const rowWidth = () => frame.$eval('.columns', (row) => row.getBoundingClientRect().width);
    const before = await rowWidth();
    await pointerInto(workbench, frame, '.answer');
    await frame.click('[data-testid="focus-toggle"]');
    const wide = await waitFor(async () => {
      const w = await rowWidth();
      return w > before * 1.4 ? w : undefined;
    }, { what: `the results to get wider than ${before} px`, timeoutMs: 10_000 });
    await workbench.screenshot('review-focus-maximised');
    await frame.click('[data-testid="focus-toggle"]');
    await waitFor(async () => Math.abs((await rowWidth()) - before) < 30, { what: `the results to go back to ${before} px (from ${wide})`, timeoutMs: 10_000 });
  });
});

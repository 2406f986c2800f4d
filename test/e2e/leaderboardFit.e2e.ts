import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { LogEntry } from '../../src/core/prefs/logEvents';
import { FAKE_GPT } from './harness/e2eModels';
import { leaderboardFrame, prefsDir, restorePrefsSettings, seedRun, useLogPath, writeLog } from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const LONG_LABEL = 'Fake GPT behind the team proxy, with a deliberately long display name';

/** The seeded run with the GPT entry renamed, as a user with a long label would log it. */
function withLongLabel(events: LogEntry[]): LogEntry[] {
  return events.map((e) => (e.type === 'run-start' ? { ...e, models: e.models.map((m) => (m.id === FAKE_GPT.id ? { ...m, label: LONG_LABEL } : m)) } : e));
}

function panelWidth(board: Frame): Promise<number> {
  return board.evaluate(() => document.documentElement.clientWidth);
}

describe('leaderboard: the table fits a 1000 px panel', function () {
  this.timeout(120_000);
  after(async () => {
    const session = e2e();
    restorePrefsSettings(session);
    await session.workbench.page.setViewportSize({ width: 1400, height: 900 });
  });

  it('at 1000 px nothing overflows: names stay on one line (full name in the tooltip), headers are whole, one primary button', async () => {
    const session = e2e();
    const { workbench } = session;
    const logPath = join(prefsDir(session, 'fit'), 'fit-seeded.jsonl');
    const runs = Array.from({ length: 4 }, (_, i) => withLongLabel(seedRun({ id: `fit-${i}`, createdAt: `2025-06-0${i + 1}T10:00:00.000Z`, userPrompt: `fit ${i}`, winner: FAKE_GPT.id })));
    writeLog(logPath, runs);
    await useLogPath(session, logPath);
    await workbench.runCommand('View: Close Primary Side Bar');
    const board = await leaderboardFrame(workbench, '[data-testid="leaderboard-table"]');
    await board.click('[data-testid="filter-clear"]');
    await board.waitForSelector(`[data-testid="leaderboard-row"][data-model="${FAKE_GPT.model}"]`, { timeout: 15_000 });

    // Size the window so that the leaderboard's own document is 1000 px wide.
    await waitFor(
      async () => {
        const width = await panelWidth(board);
        if (Math.abs(width - 1000) <= 2) return true;
        const viewport = workbench.page.viewportSize() ?? { width: 1400, height: 900 };
        await workbench.page.setViewportSize({ width: viewport.width + (1000 - width), height: viewport.height });
        return false;
      },
      { what: 'the leaderboard panel to be 1000 px wide', timeoutMs: 20_000 },
    );

    const fit = await board.$eval('[data-testid="leaderboard-table"]', (table) => {
      const doc = document.documentElement;
      const box = table.getBoundingClientRect();
      const headers = [...table.querySelectorAll('thead th')].map((th) => ({ text: (th.textContent ?? '').trim(), cut: th.scrollWidth > th.clientWidth + 1, right: th.getBoundingClientRect().right }));
      const names = [...table.querySelectorAll('.model-label')].map((label) => {
        const style = getComputedStyle(label);
        const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
        return { text: label.textContent ?? '', height: label.getBoundingClientRect().height, lineHeight, title: label.closest('[title]')?.getAttribute('title') ?? '' };
      });
      return { docWidth: doc.clientWidth, docScroll: doc.scrollWidth, right: box.right, scrollWidth: table.scrollWidth, width: box.width, headers, names };
    });
    assert.ok(fit.right <= fit.docWidth + 1, `the table ends inside the panel (${fit.right} ≤ ${fit.docWidth})`);
    assert.ok(fit.docScroll <= fit.docWidth + 1, `no horizontal scroll in the panel (${fit.docScroll} ≤ ${fit.docWidth})`);
    assert.ok(fit.scrollWidth <= Math.ceil(fit.width) + 1, `the table does not overflow itself (${fit.scrollWidth} ≤ ${fit.width})`);
    for (const h of fit.headers) {
      assert.equal(h.cut, false, `header "${h.text}" is not cut`);
      assert.ok(h.right <= fit.docWidth + 1, `header "${h.text}" is on screen`);
    }
    const long = fit.names.find((n) => n.text === LONG_LABEL);
    assert.ok(long, `the long name is listed: ${fit.names.map((n) => n.text).join(', ')}`);
    for (const n of fit.names) assert.ok(n.height < n.lineHeight * 1.5, `"${n.text}" stays on one line (${n.height}px for a ${n.lineHeight}px line)`);
    assert.match(long.title, new RegExp(`^${LONG_LABEL}`), 'the full name is in the tooltip');

    const primaries = await board.$$eval('button', (buttons) =>
      buttons.filter((b) => b.offsetParent !== null && !b.classList.contains('secondary') && !b.classList.contains('sort-button')).map((b) => (b.textContent ?? '').trim()),
    );
    assert.equal(primaries.length, 1, `one primary button: ${primaries.join(', ')}`);
    await workbench.screenshot('leaderboard-1000px');
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
  });
});

/**
 * Repeat N (issue 12) in the real VS Code: a repeat-3 run of three fake models started from the palette
 * ("Compare Fixes… ×N"). Each model's fake answers are scripted per request so that the agreement is known: one model
 * gives the same code twice and another once (2 distinct), one gives the same code three times, once with comments
 * and spacing (1 distinct), one gives three different answers (3 distinct). The column's distribution line is checked
 * against the scripts (distinct, similarity, cost from the scripted usage) and against the logged attempts (median
 * and p90 of TTFT and total). Then ‹ › step through the samples, "Compare…" diffs two samples in the native diff
 * editor, and a vote on the shown sample names that sample's attempt in the JSONL log.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { agreement, percentile } from '../../src/core/compare/sampleStats';
import type { LogEntry } from '../../src/core/prefs/logEvents';
import { formatCost, formatDuration } from '../../src/webview/common/metricFormat';
import { compareSelection } from './harness/compareSelection';
import { FAKE_PRICES } from './harness/e2eModels';
import { paletteTitleOf } from './harness/manifest';
import { updateSettings } from './harness/editorProbes';
import { answerWith, CLAMPED_END, EXCLUSIVE_END, entryFor, type LoopModel, restoreDefaultModels, useModels } from './harness/loopModels';
import { prefsDir, restorePrefsSettings, useLogPath, waitForLog } from './harness/prefsSupport';
import { columnOf } from './harness/resultsFrame';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const MINI: LoopModel = { id: 'repeat-mini', label: 'Repeat Mini', model: 'repeat-mini-1', provider: 'openai-compatible' };
const HAIKU: LoopModel = { id: 'repeat-haiku', label: 'Repeat Haiku', model: 'repeat-haiku-1', provider: 'anthropic' };
const NANO: LoopModel = { id: 'repeat-nano', label: 'Repeat Nano', model: 'repeat-nano-1', provider: 'openai-compatible' };
const MODELS = [MINI, HAIKU, NANO];
const N = 3;
/** Prices for the three, so each column's cost of all N is known. */
const PRICES = {
  [MINI.id]: { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  [HAIKU.id]: { inputPerMTok: 1, outputPerMTok: 5 },
  [NANO.id]: { inputPerMTok: 0.1, outputPerMTok: 0.4 },
};
const USAGE = { input: 5_000, output: 1_000 };

/** The same fix as EXCLUSIVE_END with a comment and extra spaces: the same answer once normalised. */
const FIX_COMMENTED = ['  const start = (current - 1) * pageSize; // first item of the page', '  const end   =  start + pageSize;'];
const GUARDED = ['  const start = Math.max(0, (current - 1) * pageSize);', '  const end = start + pageSize;'];

/** Each model's three answers (one per request), with an explanation that names the answer. */
const ANSWERS: Record<string, ReadonlyArray<readonly [string, readonly string[]]>> = {
  [MINI.id]: [['Mini answer alpha: the end is exclusive.', EXCLUSIVE_END], ['Mini answer bravo: drop the minus one.', EXCLUSIVE_END], ['Mini answer charlie: clamp the end.', CLAMPED_END]],
  [HAIKU.id]: [['Haiku answer alpha.', EXCLUSIVE_END], ['Haiku answer bravo, commented.', FIX_COMMENTED], ['Haiku answer charlie.', EXCLUSIVE_END]],
  [NANO.id]: [['Nano answer alpha.', EXCLUSIVE_END], ['Nano answer bravo.', CLAMPED_END], ['Nano answer charlie.', GUARDED]],
};
const EXPECTED_DISTINCT: Record<string, number> = { [MINI.id]: 2, [HAIKU.id]: 1, [NANO.id]: 3 };

type Attempt = Extract<LogEntry, { type: 'attempt' }>;

function stat(frame: Frame, label: string, key: string): Promise<string> {
  return frame.locator(`${columnOf(label)} [data-testid="sample-stats"] [data-stat="${key}"]`).textContent().then((t) => (t ?? '').trim());
}

async function position(frame: Frame, label: string): Promise<string> {
  return ((await frame.locator(`${columnOf(label)} [data-testid="sample-position"]`).textContent()) ?? '').trim();
}

async function answerText(frame: Frame, label: string): Promise<string> {
  return ((await frame.locator(`${columnOf(label)} [data-testid="answer"]`).textContent()) ?? '').trim();
}

/** Clicks ‹ or › and waits until the column shows sample `to` with that sample's logged text. */
async function step(frame: Frame, label: string, button: 'sample-prev' | 'sample-next', to: number, text: string, count = N): Promise<void> {
  await frame.locator(`${columnOf(label)} [data-testid="${button}"]`).click();
  await waitFor(async () => (await position(frame, label)) === `Sample ${to}/${count}` && (await answerText(frame, label)).includes(text), {
    what: `${label} to show sample ${to} ("${text}")`,
    timeoutMs: 15_000,
  });
}

describe('repeat: a repeat-3 run of three models shows distributions, steps, diffs and votes on samples', function () {
  this.timeout(240_000);
  after(async function () {
    this.timeout(60_000);
    const session = e2e();
    await session.workbench.page.setViewportSize({ width: 1400, height: 900 });
    await updateSettings(session, { 'parallax.prices': FAKE_PRICES });
    await restoreDefaultModels(session);
    restorePrefsSettings(session);
  });

  it('repeat ×3 from the palette: distributions match the scripts and the log, ‹ › step, Compare… diffs two samples, the vote names the shown sample', async () => {
    const session = e2e();
    const { workbench, fakes } = session;
    const logPath = join(prefsDir(session, 'repeat'), 'preferences.jsonl');
    await useLogPath(session, logPath);
    for (const m of MODELS) fakes.setScript(m.model, ANSWERS[m.id]!.map(([why, code], i) => ({ delayMs: 100 + 80 * i, tokensPerSecond: 300, text: answerWith(why, code), usage: USAGE })));
    await updateSettings(session, { 'parallax.prices': { ...FAKE_PRICES, ...PRICES } });
    await useModels(session, MODELS.map((m) => entryFor(session, m)));

    await compareSelection(session, { command: 'parallax.compareFixesRepeat' });
    await workbench.pickQuickInputItem(`×${N}`);

    // Every sample is an attempt line naming its sample; the run-start says ×3.
    const entries = await waitForLog(logPath, (e) => e.filter((x) => x.type === 'attempt').length === MODELS.length * N, `${MODELS.length * N} attempt lines`, 90_000);
    const start = entries.find((e): e is Extract<LogEntry, { type: 'run-start' }> => e.type === 'run-start');
    assert.equal(start?.repeat, N);
    const attempts = entries.filter((e): e is Attempt => e.type === 'attempt' && e.runId === start.runId);
    for (const m of MODELS) {
      const mine = attempts.filter((a) => a.output.modelId === m.id);
      assert.deepEqual(mine.map((a) => a.sample).sort(), [1, 2, 3], `${m.label}: one attempt per sample`);
      assert.deepEqual([...new Set(mine.map((a) => a.attempt))].length, N, `${m.label}: each sample its own attempt number`);
      assert.ok(mine.every((a) => a.output.state === 'done'));
    }
    const sampleOf = (m: LoopModel, n: number): Attempt => attempts.find((a) => a.output.modelId === m.id && a.sample === n)!;

    const frame = await workbench.webviewFrame(`${columnOf(NANO.label)} [data-testid="samples"]`, 30_000);
    // The distribution line of each column, once every sample settled.
    for (const m of MODELS) {
      await waitFor(async () => (await stat(frame, m.label, 'distinct').catch(() => '')) === `${EXPECTED_DISTINCT[m.id]} distinct`, {
        what: `${m.label} to show ${EXPECTED_DISTINCT[m.id]} distinct (seen "${await stat(frame, m.label, 'distinct').catch(() => '')}")`,
        timeoutMs: 30_000,
      });
      const mine = attempts.filter((a) => a.output.modelId === m.id);
      const ttfts = mine.map((a) => a.output.metrics.ttftMs!);
      const totals = mine.map((a) => a.output.metrics.totalMs!);
      assert.equal(await stat(frame, m.label, 'ttft'), `TTFT ${formatDuration(percentile(ttfts, 50))} · p90 ${formatDuration(percentile(ttfts, 90))}`, `${m.label} TTFT`);
      assert.equal(await stat(frame, m.label, 'total'), `Total ${formatDuration(percentile(totals, 50))} · p90 ${formatDuration(percentile(totals, 90))}`, `${m.label} total`);
      const price = PRICES[m.id]!;
      const cost = (N * (USAGE.input * price.inputPerMTok + USAGE.output * price.outputPerMTok)) / 1_000_000;
      assert.equal(await stat(frame, m.label, 'cost'), `Cost ×${N} ${formatCost(cost)}`, `${m.label}: the cost of all three samples`);
      const similarity = agreement(ANSWERS[m.id]!.map(([, code]) => code.join('\n'))).similarity!;
      assert.equal(await stat(frame, m.label, 'similarity'), `${Math.round(similarity * 100)} % alike`, `${m.label} similarity`);
      assert.equal(await position(frame, m.label), `Sample 1/${N}`);
    }
    assert.equal(await stat(frame, HAIKU.label, 'similarity'), '100 % alike', 'comments and spacing do not count');

    // At 1280×800 with the results maximised (Focus), the three columns and their distribution lines fit side by side.
    await workbench.page.setViewportSize({ width: 1280, height: 800 });
    const rowWidth = () => frame.$eval('.columns', (row) => row.getBoundingClientRect().width);
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
    const narrow = await rowWidth();
    await frame.click('[data-testid="focus-toggle"]');
    await waitFor(async () => (await rowWidth()) > narrow * 1.4, { what: 'the results to be maximised', timeoutMs: 10_000 });
    const fits = () => frame.$$eval('[data-testid="sample-stats"]', (els) => els.length === 3 && els.every((el) => el.getBoundingClientRect().right <= window.innerWidth && el.scrollWidth <= el.clientWidth));
    await waitFor(fits, { what: 'the three distribution lines to fit in view', timeoutMs: 10_000 });
    await workbench.screenshot('repeat-distributions');
    await frame.click('[data-testid="focus-toggle"]');
    await waitFor(async () => Math.abs((await rowWidth()) - narrow) < 30, { what: 'the results to be restored', timeoutMs: 10_000 });
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');

    // ‹ › step through Repeat Mini's samples: the column shows each sample's logged text.
    const explanation = (n: number): string => sampleOf(MINI, n).output.text.split('\n')[0]!;
    assert.ok((await answerText(frame, MINI.label)).includes(explanation(1)));
    assert.equal(await frame.locator(`${columnOf(MINI.label)} [data-testid="sample-prev"]`).isDisabled(), true, '‹ is off on the first sample');
    await step(frame, MINI.label, 'sample-next', 2, explanation(2));
    await step(frame, MINI.label, 'sample-next', 3, explanation(3));
    assert.equal(await frame.locator(`${columnOf(MINI.label)} [data-testid="sample-next"]`).isDisabled(), true, '› is off on the last sample');
    // Go to the sample whose code clamps the end (the one that differs).
    const clamped = [1, 2, 3].find((n) => sampleOf(MINI, n).output.extractedCode?.includes('Math.min'))!;
    const plain = [1, 2, 3].find((n) => n !== clamped)!;
    for (let n = 2; n >= clamped; n--) await step(frame, MINI.label, 'sample-prev', n, explanation(n));

    // Compare… lists every other sample (of this model and the others); the two samples open in the diff editor.
    await frame.locator(`${columnOf(MINI.label)} [data-testid="compare-with"]`).click();
    const other = `${MINI.label} · sample ${plain}/${N}`;
    await workbench.pickQuickInputItem(other);
    const title = `${MINI.label} · sample ${clamped}/${N} ↔ ${other}`;
    await waitFor(async () => (await workbench.tabLabels()).includes(title), { what: `a diff tab titled "${title}"`, timeoutMs: 20_000 });
    const diff = workbench.page.locator('.editor-instance .monaco-diff-editor').first();
    await diff.waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(async () => (await diff.locator('.line-insert, .char-insert, .line-delete, .char-delete').count()) > 0, { what: 'the diff to mark the changed line', timeoutMs: 10_000 });
    const diffText = (await diff.textContent()) ?? '';
    assert.match(diffText, /Math\.min/, 'one side is the clamped sample');
    assert.match(diffText, /const\s+end\s+=\s+start\s+\+\s+pageSize;/, 'the other is the plain fix');
    await workbench.screenshot('repeat-sample-diff');
    await workbench.closeTab(title);

    // A vote for Repeat Mini while it shows the clamped sample names that sample's attempt.
    await frame.locator('[data-testid^="vote-c"]', { hasText: MINI.label }).click();
    await frame.locator('[data-testid="vote-submit"]').click();
    const after = await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === start.runId), 'the vote');
    const vote = after.find((e): e is Extract<LogEntry, { type: 'vote' }> => e.type === 'vote')!.vote;
    assert.equal(vote.kind === 'winner' ? vote.winner : undefined, MINI.id);
    assert.equal(vote.attempts?.[MINI.id], sampleOf(MINI, clamped).attempt, 'the vote names the shown sample’s attempt');
    assert.equal(vote.attempts?.[HAIKU.id], sampleOf(HAIKU, 1).attempt, 'and the first sample of the columns not stepped');
    assert.equal(after.filter((e) => e.type === 'attempt').length, MODELS.length * N, 'no attempt was added or lost');
  });

  it('repeat: "Re-run ×2" in the results toolbar runs the shown comparison again with two samples per model', async () => {
    const session = e2e();
    const { workbench, fakes } = session;
    const logPath = join(prefsDir(session, 'repeat-rerun'), 'preferences.jsonl');
    await useLogPath(session, logPath);
    for (const m of MODELS) fakes.setScript(m.model, ANSWERS[m.id]!.slice(0, 2).map(([why, code]) => ({ delayMs: 100, tokensPerSecond: 300, text: answerWith(why, code), usage: USAGE })));
    // The panel of the first test may sit behind another editor (a file opened in its group): bring it to the front.
    await workbench.runCommand(paletteTitleOf('parallax.openResults'));
    const frame = await workbench.webviewFrame('[data-testid="rerun-repeat"]', 30_000);
    await waitFor(async () => !(await frame.locator('[data-testid="rerun-repeat"]').isDisabled()), { what: 'Re-run ×N to be enabled', timeoutMs: 15_000 });
    await frame.locator('[data-testid="rerun-repeat"]').selectOption({ label: 'Re-run ×2' });

    const entries = await waitForLog(logPath, (e) => e.filter((x) => x.type === 'attempt').length === MODELS.length * 2, `${MODELS.length * 2} attempt lines`, 90_000);
    const start = entries.find((e): e is Extract<LogEntry, { type: 'run-start' }> => e.type === 'run-start');
    assert.equal(start?.repeat, 2, 'the re-run has two samples per model');
    assert.deepEqual(start.models.map((m) => m.id), MODELS.map((m) => m.id), 'the same models');
    for (const m of MODELS) {
      assert.deepEqual(entries.filter((e): e is Attempt => e.type === 'attempt' && e.output.modelId === m.id).map((a) => a.sample).sort(), [1, 2]);
      await waitFor(async () => (await position(frame, m.label)) === 'Sample 1/2', { what: `${m.label} to show sample 1/2`, timeoutMs: 30_000 });
    }
    assert.equal(await frame.locator('[data-testid="rerun-repeat"]').inputValue(), '', 'the dropdown reads ×N again');
    await workbench.screenshot('repeat-rerun-x2');
  });

  it('repeat: a repeat run reopened from history steps through its logged samples', async () => {
    const session = e2e();
    const { workbench, fakes } = session;
    const logPath = join(prefsDir(session, 'repeat-history'), 'preferences.jsonl');
    await useLogPath(session, logPath);
    for (const m of MODELS) fakes.setScript(m.model, ANSWERS[m.id]!.slice(0, 2).map(([why, code]) => ({ delayMs: 100, tokensPerSecond: 300, text: answerWith(why, code), usage: USAGE })));
    await compareSelection(session, { command: 'parallax.compareFixesRepeat' });
    await workbench.pickQuickInputItem('×2');
    const entries = await waitForLog(logPath, (e) => e.filter((x) => x.type === 'attempt').length === MODELS.length * 2, `${MODELS.length * 2} attempt lines`, 90_000);
    const repeated = entries.find((e): e is Extract<LogEntry, { type: 'run-start' }> => e.type === 'run-start')!;
    const logged = (n: number): string => entries.find((e): e is Attempt => e.type === 'attempt' && e.output.modelId === MINI.id && e.sample === n)!.output.text.split('\n')[0]!;
    // A plain run takes the panel, so the repeat run is only in the log.
    await compareSelection(session);
    await waitForLog(logPath, (e) => e.filter((x) => x.type === 'attempt').length === MODELS.length * 3, 'the plain run’s attempts', 60_000);

    await workbench.openViewContainer('Parallax');
    const row = `[data-testid="recent-run"][data-run-id="${repeated.runId}"]`;
    const sidebar = await workbench.webviewFrame(row);
    await sidebar.click(row);
    const panel = await waitFor(
      async () => {
        const frame = await workbench.webviewFrame('.banner.history');
        return (await frame.$(`${columnOf(MINI.label)} [data-testid="sample-position"]`)) ? frame : undefined;
      },
      { what: 'the results panel showing the repeat run from history', timeoutMs: 30_000 },
    );
    await waitFor(async () => (await position(panel, MINI.label)) === 'Sample 1/2' && (await answerText(panel, MINI.label)).includes(logged(1)), { what: 'sample 1 from the log', timeoutMs: 15_000 });
    assert.equal(await stat(panel, MINI.label, 'distinct'), '1 distinct', 'the distribution is read back from the log (the same code twice)');
    assert.equal(await stat(panel, NANO.label, 'distinct'), '2 distinct');
    await step(panel, MINI.label, 'sample-next', 2, logged(2), 2);
    await workbench.screenshot('repeat-history-samples');
    await step(panel, MINI.label, 'sample-prev', 1, logged(1), 2);
  });
});

/**
 * Verified comparisons (issue 9) in the real VS Code: a second window on the fixture repository (git, with
 * uncommitted and untracked changes and a node_modules to link), three fake models (one fixes the bug, one does
 * not, one fixes it but breaks another test), Verify all with the confirmation accepted by its button, and the
 * three states with the right test names in the columns. The user's `git status` and stash are unchanged.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerWith, entryFor, type LoopModel, streamed } from './harness/loopModels';
import { paletteTitleOf } from './harness/manifest';
import { updateSettings, waitForLog } from './harness/prefsSupport';
import { columnOf, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';
import { columnText, repoState, verifyAllConfirmed, waitForVerifyStates } from './harness/verifyColumns';
import { screenshotFocused } from './harness/focusShot';
import { SecondWindow } from './harness/secondWindow';
import { BREAKING_LINES, BROKEN_TEST, BUGGY_FILE, FAILING_TEST, FIXED_LINES, gitIn, makeVerifyRepo, UNFIXED_LINES } from '../unit/verify/verifyRepoFixture';

const FIXER: LoopModel = { id: 'fixer-gpt', label: 'Fixer GPT', model: 'fixer-gpt-1', provider: 'openai-compatible' };
const STUCK: LoopModel = { id: 'stuck-claude', label: 'Stuck Claude', model: 'stuck-claude-1', provider: 'anthropic' };
const BREAKER: LoopModel = { id: 'breaker-gpt', label: 'Breaker GPT', model: 'breaker-gpt-1', provider: 'openai-compatible' };
const MODELS = [FIXER, STUCK, BREAKER];
/** The two selected lines of the fixture's src/pagination.js (1-based). */
const SELECTED: readonly [number, number] = [6, 7];

describe('verified comparisons: each answer checked by the repository’s own tests in its own checkout', () => {
  let scene: SecondWindow | undefined;

  after(async function () {
    this.timeout(60_000);
    await scene?.dispose();
    updateSettings(e2e(), { 'parallax.preferenceLogPath': undefined });
  });

  it('shows passed, still failing and broke something with the test names; the user’s git status and stash are unchanged', async function () {
    this.timeout(240_000);
    const session = e2e();
    scene = new SecondWindow(session, 'parallax-e2e-verify-');
    const { tmp } = scene;
    const repo = makeVerifyRepo(join(tmp, 'verify-repo'));
    gitIn(repo, 'stash', 'push', '-q', '-m', 'user stash', '--', 'package.json'); // the user has a stash…
    writeFileSync(join(repo, '.gitignore'), 'node_modules/\n*.log\n'); // …and uncommitted work (README.md is untracked)
    writeFileSync(join(repo, 'scratch.txt'), 'untracked\n');
    const before = repoState(repo);
    assert.match(before.stash, /user stash/);
    assert.match(before.status, /scratch\.txt/);

    const scripts = [
      [FIXER, answerWith('`slice` excludes its end, so drop the `- 1`.', FIXED_LINES.split('\n'))],
      [STUCK, answerWith('Parenthesise the page size for clarity.', UNFIXED_LINES.split('\n'))],
      [BREAKER, answerWith('Drop the `- 1` and keep the start inside the list.', BREAKING_LINES.split('\n'))],
    ] as const;
    scripts.forEach(([m, text], i) => session.fakes.setScript(m.model, streamed(100 + i * 100, 200, text)));
    // The user settings file, written before the new window opens, so its extension host starts with these models.
    scene.settings.override({ 'parallax.models': MODELS.map((m) => entryFor(session, m)), 'parallax.blindMode': false, 'parallax.verify.concurrency': 2 });

    const logPath = join(tmp, 'preferences.jsonl');
    updateSettings(session, { 'parallax.preferenceLogPath': logPath }); // machine-scoped: the remote machine's settings
    const window = await scene.open(repo);
    await window.openFile(BUGGY_FILE);
    await window.selectLines(...SELECTED);
    await window.runCommand(paletteTitleOf('parallax.compareFixes'));
    const labels = MODELS.map((m) => m.label);
    const frame = await resultsFrameWith(window, labels, 60_000);
    await waitForStates(frame, Object.fromEntries(labels.map((l) => [l, 'done'])), 60_000);

    const dialogText = await verifyAllConfirmed(window, frame);
    assert.match(dialogText, /npm test/, `the confirmation shows the exact command: ${dialogText}`);
    assert.match(dialogText, /temporary checkout/, 'and where it runs');
    await waitForVerifyStates(frame, { [FIXER.label]: 'passed', [STUCK.label]: 'still failing', [BREAKER.label]: 'broke something' });
    const read = (label: string, testId: string): Promise<string> => columnText(frame, label, testId);
    assert.equal(await read(STUCK.label, 'verify-failing'), `Failing: ${FAILING_TEST}`);
    assert.equal(await read(STUCK.label, 'verify-broke'), '', 'the unfixed answer broke nothing');
    assert.equal(await read(BREAKER.label, 'verify-broke'), `Broke (passed before): ${BROKEN_TEST}`);
    assert.equal(await read(FIXER.label, 'verify-failing'), '');
    assert.match(await read(FIXER.label, 'verify-duration'), /\d/, 'the duration is shown');
    const summary = ((await frame.locator('[data-testid="summary-verified"]').textContent()) ?? '').trim();
    assert.equal(summary, `Passes the check: ${FIXER.label}`);

    assert.deepEqual(repoState(repo), before, 'the user’s git status and stash are unchanged');
    assert.equal(readFileSync(join(repo, BUGGY_FILE), 'utf8').includes('pageSize - 1'), true, 'the user’s file still has the bug');
    // The results reach the columns before the checkouts are removed: wait for the removal.
    await waitFor(() => gitIn(repo, 'worktree', 'list').trim().split('\n').length === 1, { what: 'no checkout is left', timeoutMs: 30_000 });

    // Each check is a `verification` line in the log: command, exit code, counts, names, the baseline's failure.
    const entries = await waitForLog(logPath, (all) => all.filter((e) => e.type === 'verification').length >= 3, 'three verification lines in the log');
    const checks = new Map(entries.flatMap((e) => (e.schemaVersion === 2 && e.type === 'verification' ? [[e.modelId, e] as const] : [])));
    assert.deepEqual([...checks.keys()].sort(), MODELS.map((m) => m.id).sort());
    assert.deepEqual([checks.get(FIXER.id)?.state, checks.get(FIXER.id)?.exitCode, checks.get(FIXER.id)?.passedCount], ['passed', 0, 3]);
    assert.deepEqual([checks.get(STUCK.id)?.state, checks.get(STUCK.id)?.failing, checks.get(STUCK.id)?.baselineFailed], ['failing', [FAILING_TEST], true]);
    assert.deepEqual([checks.get(BREAKER.id)?.state, checks.get(BREAKER.id)?.broke], ['broke', [BROKEN_TEST]]);
    assert.ok([...checks.values()].every((c) => c.command === 'npm test' && c.attempt === 1 && c.durationMs > 0));
    assert.equal(entries.filter((e) => e.type === 'vote').length, 0, 'a verification is never a vote');

    await window.runCommand('View: Toggle Primary Side Bar Visibility');
    await screenshotFocused(window, frame, 'verification-three-states');
    await window.runCommand('View: Toggle Primary Side Bar Visibility');

    // The check's output opens from the column as a read-only document.
    await frame.locator(columnOf(BREAKER.label)).getByRole('button', { name: `Open the check output of ${BREAKER.label}` }).click();
    await waitFor(async () => (await window.tabLabels()).some((t) => t.includes('check output')), { what: 'the check output tab', timeoutMs: 20_000 });
  });
  it('Repeat ×2: Verify checks the shown sample, Verify all every sample; each sample shows only its own check', async function () {
    this.timeout(240_000);
    const session = e2e();
    await scene?.dispose();
    scene = new SecondWindow(session, 'parallax-e2e-verify-repeat-');
    const repo = makeVerifyRepo(join(scene.tmp, 'verify-repo'));
    // One model, two requests: one answer fixes the bug, the other does not (which sample gets which is up to
    // the order the requests arrive in, so the test reads each sample's answer).
    const FIX = '`slice` excludes its end, so drop the `- 1`.';
    session.fakes.setScript(FIXER.model, [
      streamed(100, 200, answerWith(FIX, FIXED_LINES.split('\n'))),
      streamed(150, 200, answerWith('Parenthesise the page size for clarity.', UNFIXED_LINES.split('\n'))),
    ]);
    scene.settings.override({ 'parallax.models': [entryFor(session, FIXER)], 'parallax.blindMode': false });
    const logPath = join(scene.tmp, 'preferences.jsonl');
    updateSettings(session, { 'parallax.preferenceLogPath': logPath });
    const window = await scene.open(repo);
    await window.openFile(BUGGY_FILE);
    await window.selectLines(...SELECTED);
    await window.runCommand(paletteTitleOf('parallax.compareFixesRepeat'));
    await window.pickQuickInputItem('×2');
    const entries = await waitForLog(logPath, (all) => all.filter((e) => e.type === 'attempt').length === 2, 'two attempt lines', 90_000);
    const attempts = entries.flatMap((e) => (e.schemaVersion === 2 && e.type === 'attempt' ? [e] : []));
    const fixedSample = attempts.find((a) => a.output.text.includes(FIX))?.sample;
    assert.ok(fixedSample === 1 || fixedSample === 2, 'one sample has the fix');
    const expectedState = (sample: number): string => (sample === fixedSample ? 'passed' : 'still failing');
    const attemptOf = (sample: number): number | undefined => attempts.find((a) => a.sample === sample)?.attempt;

    const frame = await window.webviewFrame(`${columnOf(FIXER.label)} [data-testid="samples"]`, 60_000);
    const column = frame.locator(columnOf(FIXER.label));
    const position = async (): Promise<string> => ((await column.locator('[data-testid="sample-position"]').textContent()) ?? '').trim();
    await waitFor(async () => (await position()) === 'Sample 1/2', { what: 'the column to show sample 1 of 2', timeoutMs: 30_000 });
    await waitForStates(frame, { [FIXER.label]: 'done' }, 60_000);

    // The column's Verify checks the sample it shows: sample 1 (confirmed once in the modal).
    const verify = column.locator('[data-testid="verify"]');
    await verify.click();
    const dialog = window.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Run Check' }).click();
    await waitForVerifyStates(frame, { [FIXER.label]: expectedState(1) });
    // Sample 2 was not checked: its column shows no check (not sample 1's), and offers Verify.
    await column.locator('[data-testid="sample-next"]').click();
    await waitFor(async () => (await position()) === 'Sample 2/2', { what: 'sample 2', timeoutMs: 15_000 });
    await waitFor(async () => (await columnText(frame, FIXER.label, 'verify-state')) === '' && !(await column.locator('[data-testid="verification"]').isVisible()), {
      what: 'sample 2 to show no check',
      timeoutMs: 15_000,
    });
    await waitFor(() => verify.isEnabled(), { what: 'Verify to be offered for sample 2', timeoutMs: 15_000 });
    // Verify all in a Repeat N run checks every sample (no second confirmation for the same command here).
    await frame.getByRole('button', { name: 'Verify all candidates with the check' }).click();
    await waitForVerifyStates(frame, { [FIXER.label]: expectedState(2) });
    await waitFor(async () => /Pass 1\/2/.test(await columnText(frame, FIXER.label, 'sample-stats')), { what: 'the pass rate over both samples', timeoutMs: 30_000 });
    await screenshotFocused(window, frame, 'verification-repeat-sample-2');
    // Back on sample 1: its own check.
    await column.locator('[data-testid="sample-prev"]').click();
    await waitFor(async () => (await position()) === 'Sample 1/2', { what: 'sample 1 again', timeoutMs: 15_000 });
    await waitForVerifyStates(frame, { [FIXER.label]: expectedState(1) }, 15_000);
    assert.match(await columnText(frame, FIXER.label, 'sample-stats'), /Pass 1\/2/, 'a sample checked twice counts once');

    // Every check is a log line naming the attempt of the sample it checked, with its own result: sample 1 twice
    // (its column's Verify, then Verify all), sample 2 once.
    const logged = await waitForLog(logPath, (all) => all.filter((e) => e.type === 'verification').length >= 3, 'three verification lines');
    const checks = logged.flatMap((e) => (e.schemaVersion === 2 && e.type === 'verification' ? [e] : []));
    const logState = (sample: number): string => (expectedState(sample) === 'passed' ? 'passed' : 'failing');
    assert.deepEqual(
      checks.map((c) => `${c.attempt}:${c.state}`).sort(),
      [`${attemptOf(1)}:${logState(1)}`, `${attemptOf(1)}:${logState(1)}`, `${attemptOf(2)}:${logState(2)}`].sort(),
    );
  });
});

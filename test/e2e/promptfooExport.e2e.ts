/**
 * Keeping a comparison as a regression test (issue 12, part 3) in the real VS Code: a live run on the sample
 * workspace, its candidates verified (npm test, confirmed in the dialog), a note logged; then "Export Runs as promptfoo
 * Config…" from the palette with the run picked among the log's runs, a grader picked and the file saved. The file
 * holds no key, and the real promptfoo CLI runs it against the fakes: it passes, and fails once the fakes answer with
 * code that does not parse and code that fails the check.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PromptfooConfig } from '../../src/core/prefs/promptfooExport';
import { ANSWERS, GRADER_PASS, outcomesByMetric, reasonMatching, runPromptfoo } from '../unit/prefs/promptfooExportSupport';
import { E2E_FAKE_KEY, E2E_FAKE_KEY_ENV, e2eFakeScripts, FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { paletteTitleOf } from './harness/manifest';
import {
  answerInputBox,
  answerSaveDialog,
  clearNotifications,
  clickNotificationButton,
  compareFixes,
  pickQuickPickItem,
  prefsDir,
  readLog,
  restorePrefsSettings,
  resultsFrameWhenDone,
  seedRun,
  useLogPath,
  waitForLog,
  waitForNotification,
  writeLog,
} from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor, waitForFile } from './harness/waitFor';

const NOTE = 'Keeps the slice end exclusive and changes nothing else';
const QUICK_INPUT = '.quick-input-widget input';

describe('promptfoo export: a logged run kept as a regression test', function () {
  // A live run, its verification, three dialogs and two promptfoo evals on a shared, slow machine.
  this.timeout(300_000);
  let configPath: string | undefined;
  after(() => {
    restorePrefsSettings(e2e());
    const scripts = e2eFakeScripts();
    for (const [model, script] of Object.entries(scripts)) e2e().fakes.setScript(model, script);
    if (configPath) rmSync(configPath, { force: true });
  });

  it('exports the picked run from the palette; the file has no key; the real promptfoo CLI passes it, and fails bad answers', async () => {
    const session = e2e();
    const { workbench, fakes } = session;
    for (const [model, script] of Object.entries(e2eFakeScripts())) fakes.setScript(model, script);
    const dir = prefsDir(session, 'promptfoo');
    const logPath = join(dir, 'promptfoo-export.jsonl');
    writeLog(logPath, [seedRun({ id: 'seed-older', createdAt: '2025-04-01T09:00:00.000Z', userPrompt: 'An older comparison' })]);
    await useLogPath(session, logPath);

    // A live run, verified with the workspace's own tests, and a note.
    const live = await compareFixes(session);
    await waitForLog(logPath, (e) => e.filter((x) => x.type === 'attempt' && x.runId === live.runId).length >= 2, 'the live run in the log');
    const frame = await resultsFrameWhenDone(workbench);
    await frame.getByRole('button', { name: 'Verify all candidates with the check' }).click();
    // The one-time confirmation of the command (absent when this workspace confirmed it before).
    const dialog = workbench.page.locator('.monaco-dialog-box');
    await waitFor(
      async () => {
        if (await dialog.isVisible()) {
          await dialog.getByRole('button', { name: 'Run Check' }).click();
          return true;
        }
        return readLog(logPath).some((x) => x.type === 'verification' && x.runId === live.runId);
      },
      { what: 'the check confirmed or running', timeoutMs: 30_000 },
    );
    const verified = await waitForLog(
      logPath,
      (e) => e.filter((x) => x.type === 'verification' && x.runId === live.runId).length >= 2,
      'both candidates verified',
      120_000,
    );
    const checks = verified.flatMap((x) => (x.type === 'verification' && x.runId === live.runId ? [x] : []));
    assert.deepEqual(checks.map((c) => c.state), ['passed', 'passed'], 'the fixed answers pass the sample workspace tests');
    const command = checks[0]?.command ?? '';
    await workbench.runCommand(paletteTitleOf('parallax.logNote'));
    await answerInputBox(workbench, NOTE);
    await waitForLog(logPath, (e) => e.some((x) => x.type === 'note' && x.runId === live.runId), 'the note');
    await clearNotifications(workbench);

    // Export: the latest run is picked already (the older one is not), then the grader, then the file.
    await workbench.runCommand(paletteTitleOf('parallax.exportPromptfoo'));
    const { page } = workbench;
    await waitFor(async () => ((await page.textContent('.quick-input-widget .quick-input-title').catch(() => null)) ?? '').includes('Export Runs as promptfoo Config'), {
      what: 'the run picker',
      timeoutMs: 20_000,
    });
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await waitFor(async () => (await rows.count()) === 2, { what: 'both logged runs in the picker', timeoutMs: 20_000 });
    const checked = page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]');
    await waitFor(async () => (await checked.count()) === 1 && ((await checked.first().textContent()) ?? '').includes('latest'), {
      what: 'only the latest run checked',
      timeoutMs: 20_000,
    });
    await page.locator(QUICK_INPUT).press('Enter');
    await waitFor(async () => ((await page.textContent('.quick-input-widget .quick-input-title').catch(() => null)) ?? '').includes('grader'), {
      what: 'the grader picker',
      timeoutMs: 20_000,
    });
    await pickQuickPickItem(workbench, FAKE_GPT.label);
    configPath = join(session.workspaceDir, 'promptfooconfig.yaml');
    await answerSaveDialog(workbench, 'Export 1 run as a promptfoo config', configPath);
    const yaml = await waitForFile(configPath, {
      what: 'the promptfoo config',
      parse: (text) => {
        if (!text.includes('tests:')) throw new Error('not written completely yet');
        return text;
      },
    });
    await waitForNotification(workbench, `Exported 1 run as a promptfoo config to ${configPath}`);
    await clickNotificationButton(workbench, 'Exported 1 run as a promptfoo config', 'Open');
    await page.waitForSelector('.tabs-container .tab.active[aria-label*="promptfooconfig.yaml"]', { timeout: 20_000 });

    // No key in the file; endpoints, the exact prompt and the run's own assertions are.
    assert.ok(!yaml.includes(E2E_FAKE_KEY), 'the e2e key value is not in the file');
    const config = parse(yaml) as PromptfooConfig;
    assert.deepEqual(config.providers.map((p) => [p.label, p.id]), [
      [FAKE_GPT.label, `openai:chat:${FAKE_GPT.model}`],
      [FAKE_CLAUDE.label, `anthropic:messages:${FAKE_CLAUDE.model}`],
    ]);
    assert.equal(config.providers[0]?.config.apiBaseUrl, fakes.openaiBaseUrl);
    assert.equal(config.providers[0]?.config.apiKeyEnvar, E2E_FAKE_KEY_ENV);
    assert.equal(config.providers[1]?.config.apiBaseUrl, fakes.anthropicBaseUrl);
    assert.match(yaml, new RegExp(`reads the key from ANTHROPIC_API_KEY \\(Parallax used ${E2E_FAKE_KEY_ENV}\\)`));
    assert.equal(config.tests.length, 1);
    const start = readLog(logPath).find((x) => x.type === 'run-start' && x.runId === live.runId);
    assert.ok(start?.type === 'run-start');
    assert.deepEqual(config.tests[0]?.vars, start.prompt);
    assert.equal(config.tests[0]?.metadata.parallaxRunId, live.runId);
    assert.deepEqual(config.tests[0]?.assert.map((a) => a.metric), ['code-parses', 'verification', 'user-note']);
    assert.equal(config.defaultTest?.options.provider.label, FAKE_GPT.label);
    await clearNotifications(workbench);
    // The exported file across the editor area (its group maximised), then the layout as it was.
    const otherEditor = page.locator('.tabs-container .tab[aria-label="pagination.js"]');
    await workbench.runCommand('View: Toggle Maximize Editor Group', { until: async () => !(await otherEditor.isVisible()), what: 'the YAML editor group maximised' });
    // The pointer off the tab, so its hover does not cover the file.
    await page.hover('.editor-group-container.active .monaco-editor .view-lines');
    await page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await workbench.screenshot('promptfoo-export');
    // Restored when some pagination.js tab shows again (there may be more than one, so not a strict locator).
    const otherTabShows = (): Promise<boolean> =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.tabs-container .tab')].some((t) => (t.getAttribute('aria-label') ?? '').startsWith('pagination.js') && t.offsetParent !== null),
      );
    await workbench.runCommand('View: Toggle Maximize Editor Group', { until: otherTabShows, what: 'the editor groups restored' });

    // The real promptfoo CLI, from the workspace folder (the check runs in a copy of it). One at a time, so Fake GPT
    // answers first and grades after: its script list is consumed in request order.
    const env = { [E2E_FAKE_KEY_ENV]: E2E_FAKE_KEY, ANTHROPIC_API_KEY: E2E_FAKE_KEY };
    const evalOptions = { cwd: session.workspaceDir, outDir: dir, env, concurrency: 1 };
    const fixed = e2eFakeScripts()[FAKE_GPT.model]?.text ?? '';
    fakes.setScript(FAKE_GPT.model, [{ text: fixed }, { text: GRADER_PASS }]);
    fakes.setScript(FAKE_CLAUDE.model, { text: fixed });
    const passed = await runPromptfoo(configPath, evalOptions);
    assert.equal(passed.code, 0, passed.stderr.slice(-2000));
    assert.deepEqual([passed.stats.successes, passed.stats.failures], [2, 0]);
    for (const row of passed.rows) {
      assert.deepEqual(outcomesByMetric(row), { 'code-parses': true, verification: true, 'user-note': true }, row.provider.label);
      assert.match(reasonMatching(row, /passed with the answer/) ?? '', new RegExp(`\`${command}\` passed with the answer in src/pagination\\.js`));
    }

    // The same file fails when the answers do not parse or do not fix the bug.
    fakes.setScript(FAKE_GPT.model, [{ text: ANSWERS.broken }, { text: GRADER_PASS }]);
    fakes.setScript(FAKE_CLAUDE.model, { text: fixed.replace('const end = start + pageSize;', 'const end = start + pageSize - 1;') });
    const failed = await runPromptfoo(configPath, evalOptions);
    assert.notEqual(failed.code, 0);
    assert.deepEqual([failed.stats.successes, failed.stats.failures], [0, 2]);
    const byLabel = new Map(failed.rows.map((r) => [r.provider.label, r]));
    const gptRow = byLabel.get(FAKE_GPT.label);
    const claudeRow = byLabel.get(FAKE_CLAUDE.label);
    assert.ok(gptRow && claudeRow, 'a row per model');
    assert.equal(outcomesByMetric(gptRow)['code-parses'], false);
    assert.deepEqual(outcomesByMetric(claudeRow), { 'code-parses': true, verification: false, 'user-note': true });
  });
});

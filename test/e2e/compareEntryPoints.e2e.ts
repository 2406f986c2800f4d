import assert from 'node:assert/strict';
import { finishedRunIds, waitForNewRun, watchRuns } from './harness/companionOutput';
import { E2E_FAKE_KEY } from './harness/e2eModels';
import { publishDiagnostics } from './harness/editorProbes';
import { answerWith, entryFor, EXCLUSIVE_END, QUICK_GPT, restoreDefaultModels, SELECTED_LINES, STEADY_CLAUDE, streamed, useModels, useScriptedModels } from './harness/loopModels';
import { paletteTitleOf } from './harness/manifest';
import { clearNotifications, clickNotificationButton, notificationButtons, waitForNotification } from './harness/notifications';
import { resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareSelection } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const FILE = 'src/pagination.js';
const fix = answerWith('The slice end is exclusive.', EXCLUSIVE_END);
const DIAGNOSTIC = 'items.slice() end is exclusive: the last item of each page is lost (parallax-test)';
/** A model on a non-loopback address (0.0.0.0 reaches the local fakes) with no key anywhere: it needs "Set API Key…". */
const KEYLESS = { id: 'keyless-gpt', label: 'Keyless GPT', model: 'keyless-gpt-1' } as const;
const SELECTION_COMMANDS = ['compareFixes', 'compareRefactors', 'explain', 'writeTests', 'askAll'].map((c) => paletteTitleOf(`parallax.${c}`).replace(/^Parallax: /, ''));

describe('comparison loop: entry points and the messages that guide the user', () => {
  before(async function () {
    this.timeout(120_000);
    const session = e2e();
    await watchRuns(session.outDir);
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, fix)],
      [STEADY_CLAUDE, streamed(150, 200, fix)],
    ]);
  });
  after(async function () {
    this.timeout(60_000);
    const session = e2e();
    await publishDiagnostics(session, []);
    await restoreDefaultModels(session);
  });

  it('the lightbulb on a diagnostic offers "Compare fixes with Parallax", which sends the diagnostic to every model', async () => {
    const session = e2e();
    const { workbench, fakes, outDir } = session;
    await clearNotifications(workbench);
    const offered = await publishDiagnostics(session, [{ path: FILE, line: 13, message: DIAGNOSTIC }]);
    assert.ok(offered.includes('Compare fixes with Parallax'), `the code action API offers the Parallax fix (offered: ${offered.join(', ')})`);
    await workbench.openFile(FILE);
    await workbench.goTo(14, 5); // on the diagnostic, nothing selected
    await waitFor(async () => (await workbench.page.$$('.editor-group-container.active .squiggly-error')).length > 0, { what: 'the diagnostic squiggle', timeoutMs: 15_000 });
    // The code action widget (Ctrl+., as the lightbulb opens it) at the diagnostic, opened again until it lists ours.
    const action = await workbench.openCodeActions('Compare fixes with Parallax', 14, 5);
    await workbench.screenshot('lightbulb-compare-fixes');

    // Pick that row, as from the lightbulb menu.
    const before = fakes.requests.length;
    const known = finishedRunIds(outDir);
    await workbench.pickCodeAction(action);
    const run = await waitForNewRun(outDir, known);
    assert.equal(run.template, 'fix');
    const sent = fakes.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(sent.length, 2, 'both models were asked');
    for (const request of sent) {
      const body = JSON.stringify(request.body);
      assert.ok(body.includes(DIAGNOSTIC), `${request.path} carries the diagnostic's message`);
      assert.ok(body.includes('pageSize - 1'), `${request.path} carries the diagnostic's line`);
    }
    await publishDiagnostics(session, []);
  });

  it('the editor context menu lists the selection commands under "Parallax"', async () => {
    const { workbench } = e2e();
    await workbench.openFile(FILE);
    await workbench.selectLines(...SELECTED_LINES);
    await workbench.editorKeys('Shift+F10');
    const menu = workbench.page.locator('.monaco-menu-container .monaco-menu').first();
    await menu.waitFor({ state: 'visible', timeout: 15_000 });
    const parallax = menu.locator('.action-item .action-label', { hasText: /^Parallax$/ });
    await parallax.hover();
    const submenu = workbench.page.locator('.monaco-menu-container .monaco-menu').nth(1);
    await submenu.waitFor({ state: 'visible', timeout: 15_000 });
    const labels = (await submenu.locator('.action-item .action-label').allTextContents()).map((t) => t.trim()).filter(Boolean);
    await workbench.screenshot('editor-context-menu');
    await workbench.page.keyboard.press('Escape');
    await workbench.page.keyboard.press('Escape');
    assert.deepEqual(labels, SELECTION_COMMANDS);
  });

  it('without a selection the compare command says to select the code, and sends nothing', async () => {
    const { workbench, fakes } = e2e();
    await clearNotifications(workbench);
    await workbench.openFile(FILE);
    await workbench.goTo(14, 1);
    const before = fakes.requests.length;
    await workbench.runCommand(paletteTitleOf('parallax.compareFixes'));
    const message = await waitForNotification(workbench, 'Select the code');
    assert.equal(message, 'Select the code to compare.');
    assert.equal(fakes.requests.length, before, 'no request reached a model');
    await workbench.screenshot('message-no-selection');
  });

  it('a model without a key is named with "Set API Key"; the key typed in a password box makes it ready', async function () {
    this.timeout(120_000);
    const session = e2e();
    const { workbench, fakes, outDir } = session;
    const keylessUrl = fakes.openaiBaseUrl.replace('127.0.0.1', '0.0.0.0');
    fakes.setScript(KEYLESS.model, streamed(100, 200, fix));
    await useModels(session, [entryFor(session, QUICK_GPT), { ...KEYLESS, provider: 'openai-compatible', baseUrl: keylessUrl }]);
    await clearNotifications(workbench);

    // The sidebar shows the missing key with a fix.
    await workbench.openViewContainer('Parallax');
    const sidebar = await workbench.webviewFrame(`[data-testid="model-${KEYLESS.id}"]`);
    await sidebar.waitForSelector(`[data-testid="set-key-${KEYLESS.id}"]`, { timeout: 15_000 });

    const before = fakes.requests.length;
    await compareSelection(session);
    const warning = await waitForNotification(workbench, 'No API key');
    assert.equal(warning, `No API key is set for ${KEYLESS.label} (${KEYLESS.model}).`);
    assert.deepEqual(await notificationButtons(workbench, 'No API key'), ['Set API Key']);
    assert.equal(fakes.requests.length, before, 'nothing was sent while a key is missing');
    await workbench.screenshot('message-missing-key');

    await clickNotificationButton(workbench, 'No API key', 'Set API Key');
    const inputType = await workbench.answerInputBox(E2E_FAKE_KEY);
    assert.equal(inputType, 'password', 'the key is typed into a password box');
    await waitForNotification(workbench, `Saved the API key for ${KEYLESS.id}.`);
    await sidebar.waitForSelector(`[data-testid="set-key-${KEYLESS.id}"]`, { state: 'detached', timeout: 15_000 });
    await workbench.screenshot('api-key-saved');

    // Now both models run, and the keyless one authenticates with the stored key.
    const sentFrom = fakes.requests.length;
    const known = await compareSelection(session);
    const frame = await resultsFrameWith(workbench, [QUICK_GPT.label, KEYLESS.label]);
    await waitForStates(frame, { [QUICK_GPT.label]: 'done', [KEYLESS.label]: 'done' });
    const run = await waitForNewRun(outDir, known);
    assert.deepEqual(run.outcomes.map((o) => o.state), ['done', 'done']);
    const keyed = fakes.requests.slice(sentFrom).find((r) => (r.body as { model?: string } | undefined)?.model === KEYLESS.model);
    assert.equal(keyed?.headers.authorization, `Bearer ${E2E_FAKE_KEY}`);
  });
});

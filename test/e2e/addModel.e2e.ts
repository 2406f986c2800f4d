import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startFakeProviders, type FakeProviders } from '../../src/demo/fakeProviders';
import { paletteTitleOf } from './harness/manifest';
import { clearNotifications, waitForNotification } from './harness/notifications';
import { restoreDefaultModels } from './harness/loopModels';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

/** The user settings as VS Code wrote them (plain JSON). */
function userModels(path: string): Record<string, unknown>[] {
  const settings = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return (settings['parallax.models'] as Record<string, unknown>[] | undefined) ?? [];
}

describe('"Add Model…": a model from a server’s own list, without JSON', function () {
  this.timeout(120_000);
  let server: FakeProviders;
  before(async () => {
    // A local OpenAI-compatible server that needs no key, listing two models on GET /v1/models.
    server = await startFakeProviders({ scripts: { 'listed-coder-7b': { text: 'hi' }, 'listed-chat-1b': { text: 'hi' } } });
  });
  after(async function () {
    await server.close();
    await restoreDefaultModels(e2e());
  });

  it('lists the models GET /v1/models offers, takes a label and a reasoning level, and appends the entry to the user settings', async () => {
    const { workbench, userSettingsPath } = e2e();
    const before = userModels(userSettingsPath).length;
    await clearNotifications(workbench);
    await workbench.runCommand(paletteTitleOf('parallax.addModel'));
    await workbench.pickQuickInputItem('Other OpenAI-compatible server…');
    await workbench.answerInputBox(server.openaiBaseUrl);
    await workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: 'listed-coder-7b' }).waitFor({ timeout: 20_000 });
    assert.ok(server.requests.some((r) => r.method === 'GET' && r.path === '/v1/models'), 'the server was asked for its models');
    await workbench.screenshot('add-model-listed');
    await workbench.pickQuickInputItem('listed-coder-7b');
    await workbench.answerInputBox('Listed Coder');
    await workbench.pickQuickInputItem('medium');
    await waitForNotification(workbench, 'Added “Listed Coder” (listed-coder-7b) to parallax.models');
    const added = await waitFor(() => userModels(userSettingsPath).find((m) => m.id === 'listed-coder-7b'), { what: 'the entry in the user settings', timeoutMs: 10_000 });
    assert.deepEqual(added, { id: 'listed-coder-7b', provider: 'openai-compatible', baseUrl: server.openaiBaseUrl, model: 'listed-coder-7b', label: 'Listed Coder', reasoning: 'medium' });
    assert.equal(userModels(userSettingsPath).length, before + 1, 'the other entries are kept');
    await workbench.screenshot('add-model-added');
    await clearNotifications(workbench);
  });

  it('names the server and what failed when it cannot list its models', async () => {
    const { workbench } = e2e();
    const closed = await startFakeProviders({});
    const url = closed.openaiBaseUrl;
    await closed.close();
    await clearNotifications(workbench);
    await workbench.runCommand(paletteTitleOf('parallax.addModel'));
    await workbench.pickQuickInputItem('Other OpenAI-compatible server…');
    await workbench.answerInputBox(url);
    const message = await waitForNotification(workbench, 'Could not list the models of');
    assert.ok(message.includes(`GET ${url}/models failed`), `the message names the request: ${message}`);
    await workbench.screenshot('add-model-error');
    await clearNotifications(workbench);
  });
});

import assert from 'node:assert/strict';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

describe('Parallax sidebar', () => {
  it('opens from the activity bar and renders the sidebar webview with the configured models', async () => {
    const { workbench } = e2e();
    await workbench.openViewContainer('Parallax');
    const frame = await workbench.webviewFrame('[data-testid="run"]');
    for (const model of [FAKE_GPT, FAKE_CLAUDE]) {
      await frame.waitForSelector(`[data-testid="model-${model.id}"]`, { timeout: 15_000 });
    }
    assert.ok(await frame.$('[data-testid="template"]'), 'a template picker');
    await workbench.screenshot('sidebar');
  });

  it('a click on Run reaches the host, which sends the selection to every checked model', async () => {
    const { workbench, fakes } = e2e();
    await workbench.openFile('src/pagination.js');
    await workbench.selectLines(13, 14);
    await workbench.openViewContainer('Parallax');
    const frame = await workbench.webviewFrame('[data-testid="run"]');
    const before = fakes.requests.length;
    await frame.click('[data-testid="run"]');
    const sent = await waitFor(
      () => {
        const fresh = fakes.requests.slice(before).filter((r) => r.method === 'POST');
        return fresh.length >= 2 ? fresh : undefined;
      },
      { what: 'both fake models to receive the request', timeoutMs: 30_000 },
    );
    assert.deepEqual(sent.map((r) => r.path).sort(), ['/v1/chat/completions', '/v1/messages']);
    for (const request of sent) assert.match(JSON.stringify(request.body), /pageSize - 1/, `${request.path} carries the selected code`);
    await workbench.screenshot('sidebar-run');
  });

});

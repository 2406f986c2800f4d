import assert from 'node:assert/strict';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { columnOf, waitForStates } from './harness/resultsFrame';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

/** The POST requests the fake servers received after the first `before`, once there are at least `count`. */
function postsSince(before: number, count: number, what: string): Promise<Array<ReturnType<typeof e2e>['fakes']['requests'][number]>> {
  return waitFor(
    () => {
      const fresh = e2e().fakes.requests.slice(before).filter((r) => r.method === 'POST');
      return fresh.length >= count ? fresh : undefined;
    },
    { what, timeoutMs: 30_000 },
  );
}

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
    const sent = await postsSince(before, 2, 'both fake models to receive the request');
    assert.deepEqual(sent.map((r) => r.path).sort(), ['/v1/chat/completions', '/v1/messages']);
    for (const request of sent) assert.match(JSON.stringify(request.body), /pageSize - 1/, `${request.path} carries the selected code`);
    await workbench.screenshot('sidebar-run');
  });

  it('×2 next to Run sends each checked model two requests, says ×2 in the estimate, and the columns step through two samples', async () => {
    const { workbench, fakes } = e2e();
    await workbench.openFile('src/pagination.js');
    await workbench.selectLines(13, 14);
    await workbench.openViewContainer('Parallax');
    const frame = await workbench.webviewFrame('[data-testid="run"]');
    const repeat = frame.locator('[data-testid="repeat"]');
    try {
      await repeat.selectOption('2');
      let estimate = '';
      await waitFor(async () => /models? ×2/.test((estimate = (await frame.locator('[data-testid="estimate"]').textContent()) ?? '')), {
        what: () => `the estimate to say ×2 (it says "${estimate}")`,
        timeoutMs: 15_000,
      });
      // The previous test's run may still be streaming: Run is offered again once it ended.
      await waitFor(() => frame.locator('[data-testid="run"]').isEnabled(), { what: 'Run to be enabled', timeoutMs: 60_000 });
      const before = fakes.requests.length;
      await frame.click('[data-testid="run"]');
      const sent = await postsSince(before, 4, 'each fake model to receive two requests');
      assert.deepEqual(sent.map((r) => r.path).sort(), ['/v1/chat/completions', '/v1/chat/completions', '/v1/messages', '/v1/messages']);
      const results = await workbench.webviewFrame(`${columnOf(FAKE_GPT.label)} [data-testid="samples"]`, 30_000);
      for (const model of [FAKE_GPT, FAKE_CLAUDE]) {
        const position = results.locator(`${columnOf(model.label)} [data-testid="sample-position"]`);
        await waitFor(async () => ((await position.textContent()) ?? '').trim() === 'Sample 1/2', { what: `${model.label} to show sample 1 of 2`, timeoutMs: 30_000 });
      }
      await waitForStates(results, { [FAKE_GPT.label]: 'done', [FAKE_CLAUDE.label]: 'done' }, 60_000);
      await workbench.screenshot('sidebar-repeat-x2');
    } finally {
      await repeat.selectOption('1').catch(() => undefined);
    }
  });
});

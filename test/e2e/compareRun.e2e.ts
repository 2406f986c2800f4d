import assert from 'node:assert/strict';
import { watchRuns } from './harness/companionOutput';
import { e2eFakeScripts, FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { compareAndWait } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

describe('compare run against two fake models', () => {
  before(async () => {
    await watchRuns(e2e().outDir);
  });

  it('"Compare Fixes for Selection" completes both models and the host reports both results', async () => {
    const session = e2e();
    const { workbench } = session;
    const run = await compareAndWait(session, { lines: [13, 14] });
    assert.equal(run.template, 'fix');
    assert.match(run.requestHash, /^[0-9a-f]{16,}$/);
    const byId = new Map(run.outcomes.map((o) => [o.modelId, o]));
    assert.deepEqual([...byId.keys()].sort(), [FAKE_CLAUDE.id, FAKE_GPT.id]);
    const scripts = e2eFakeScripts();
    for (const model of [FAKE_GPT, FAKE_CLAUDE]) {
      const outcome = byId.get(model.id);
      assert.ok(outcome);
      assert.equal(outcome.state, 'done', `${model.id}: ${outcome.error?.message ?? ''}`);
      assert.match(outcome.text, /const end = start \+ pageSize;/);
      const delay = scripts[model.model]?.delayMs ?? 0;
      assert.ok((outcome.metrics.ttftMs ?? -1) >= delay, `${model.id} TTFT ${outcome.metrics.ttftMs} >= scripted ${delay} ms`);
      const usage = scripts[model.model]?.usage;
      if (usage) assert.equal(outcome.metrics.outputTokens, usage.output, `${model.id} reports the provider's output tokens`);
    }
    assert.ok((byId.get(FAKE_GPT.id)?.metrics.ttftMs ?? Infinity) < (byId.get(FAKE_CLAUDE.id)?.metrics.ttftMs ?? 0), 'the faster fake answers first');

    // The results panel shows both columns, labelled, as done. Columns are addressed by an opaque column id
    // (blind mode hides which model is which), so they are found by role, not by model id.
    const columns = '[data-testid="column"], [data-testid^="column-"]';
    const panel = await workbench.webviewFrame(columns);
    await waitFor(
      async () => {
        const states = await panel.$$eval(`:is(${columns}) [data-testid="state"]`, (els) => els.map((e) => e.textContent?.trim()));
        return states.length === 2 && states.every((s) => s === 'done');
      },
      { what: 'both result columns to show "done"', timeoutMs: 20_000 },
    );
    const labels = await panel.$$eval(`:is(${columns}) [data-testid="header-label"]`, (els) => els.map((e) => e.textContent?.trim()));
    assert.deepEqual(labels.sort(), [FAKE_CLAUDE.label, FAKE_GPT.label]);
    await workbench.screenshot('compare-run');
  });
});

import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { compareAndWait, compareSelection, COMPARED_FILE } from './harness/compareSelection';
import { updateSettings } from './harness/editorProbes';
import { restoreDefaultModels, SELECTED_LINES } from './harness/loopModels';
import { pointerInto } from './harness/pointerAway';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const DIALOG = '.monaco-dialog-box';

function posts(): number {
  return e2e().fakes.requests.filter((r) => r.method === 'POST').length;
}

async function estimateText(sidebar: Frame, what: string, done: (text: string) => boolean): Promise<string> {
  let text = '';
  return waitFor(
    async () => {
      text = ((await sidebar.textContent('[data-testid="estimate"]')) ?? '').trim();
      return done(text) ? text : undefined;
    },
    { what, timeoutMs: 30_000 },
  ).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; shown: "${text}"`);
  });
}

describe('honest estimates: the chosen template in the sidebar, and parallax.confirmAboveUsd before a costly run', function () {
  this.timeout(180_000);
  before(async () => restoreDefaultModels(e2e()));
  after(async () => updateSettings(e2e(), { 'parallax.confirmAboveUsd': null }));

  it('the sidebar estimate gives input, output bound and a cost range for the chosen template, and changes with it', async () => {
    const { workbench } = e2e();
    await workbench.openFile(COMPARED_FILE);
    await workbench.selectLines(...SELECTED_LINES);
    await workbench.openViewContainer('Parallax');
    const sidebar = await workbench.webviewFrame('[data-testid="estimate"]');
    await sidebar.selectOption('[data-testid="template"]', 'fix');
    const fix = await estimateText(sidebar, 'the estimate of the Fix prompt', (t) => t.endsWith('Fix prompt'));
    assert.match(fix, /^≈[\d,]+ in \+ ≤8,192 out tokens · ≈\$[\d.]+–\$[\d.]+ for 2 models · Fix prompt$/, fix);
    const title = (await sidebar.getAttribute('[data-testid="estimate"]', 'title')) ?? '';
    assert.match(title, /estimate/i);
    assert.match(title, /heuristic/, 'the fakes are no OpenAI model: their count is the heuristic, and it says so');

    await sidebar.selectOption('[data-testid="template"]', 'explain');
    const explain = await estimateText(sidebar, 'the estimate of the Explain prompt', (t) => t.endsWith('Explain prompt'));
    const inputOf = (text: string) => Number(/^≈([\d,]+) in/.exec(text)?.[1]?.replace(/,/g, ''));
    assert.notEqual(inputOf(explain), inputOf(fix), `another template, another prompt: ${fix} / ${explain}`);
    // The activity bar's "Parallax" hover from opening the view would cover the model list.
    await pointerInto(workbench, sidebar, '[data-testid="template"]');
    await workbench.screenshot('sidebar-estimate');
    await sidebar.selectOption('[data-testid="template"]', 'fix');
    await estimateText(sidebar, 'the Fix estimate again', (t) => t.endsWith('Fix prompt'));
  });

  it('asks with a modal above the limit; Cancel sends nothing, and under the limit the run goes out at once', async () => {
    const session = e2e();
    const { workbench } = session;
    // The fakes' upper estimate is about $0.09 (4,096 output tokens each at $8 and $15 per million).
    await updateSettings(session, { 'parallax.confirmAboveUsd': 0.01 });
    const before = posts();
    await compareSelection(session);
    const dialog = workbench.page.locator(DIALOG);
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const text = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
    assert.match(text, /may cost up to ≈\$0\.0\d+, above your limit of \$0\.010\b/, text);
    assert.match(text, /≈[\d,]+ in \+ ≤8,192 out tokens/, text);
    assert.match(text, /parallax\.confirmAboveUsd/, text);
    await workbench.screenshot('confirm-cost');
    await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });

    await updateSettings(session, { 'parallax.confirmAboveUsd': null });
    const run = await compareAndWait(session);
    assert.equal(run.outcomes.length, 2);
    // Only the run under the limit reached the fakes: the cancelled one sent no request.
    assert.equal(posts() - before, 2, 'two requests, both from the second run');
  });
});

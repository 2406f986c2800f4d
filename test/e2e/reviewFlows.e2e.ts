import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { LogEntry } from '../../src/core/prefs/logEvents';
import { startFakeProviders } from '../../src/demo/fakeProviders';
import { waitForNewRun } from './harness/companionOutput';
import { compareSelection } from './harness/compareSelection';
import { FAKE_CLAUDE } from './harness/e2eModels';
import { entryFor, QUICK_GPT, restoreDefaultModels, useModels } from './harness/loopModels';
import { paletteTitleOf } from './harness/manifest';
import { clearNotifications } from './harness/notifications';
import { compareFixes, prefsDir, restorePrefsSettings, resultsFrameWhenDone, useLogPath, waitForLog } from './harness/prefsSupport';
import { columnOf, readColumns, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

type Vote = Extract<LogEntry, { type: 'vote' }>;

/** The text of every chat request the default fakes received after `from`. */
function promptsSince(from: number): string {
  return e2e().fakes.requests.slice(from).filter((r) => r.method === 'POST').map((r) => JSON.stringify(r.body)).join('\n');
}

describe('palette templates: Compare Refactors, Ask All, Explain and Write Tests', function () {
  this.timeout(120_000);
  const cases = [
    { command: 'parallax.compareRefactors', template: 'refactor', answer: 'extract the page bounds into a function' },
    { command: 'parallax.askAll', template: 'custom', answer: 'Why does the last page lose an item?' },
    { command: 'parallax.explain', template: 'explain' },
    { command: 'parallax.writeTests', template: 'tests' },
  ] as const;
  for (const c of cases) {
    it(`"${paletteTitleOf(c.command)}" sends the ${c.template} template${'answer' in c ? ' with what the user typed' : ''} to every model`, async () => {
      const session = e2e();
      const { workbench, outDir } = session;
      const before = session.fakes.requests.length;
      const known = await compareSelection(session, { command: c.command });
      if ('answer' in c) await workbench.answerInputBox(c.answer);
      const run = await waitForNewRun(outDir, known);
      assert.equal(run.template, c.template);
      assert.deepEqual(run.outcomes.map((o) => o.state), ['done', 'done'], JSON.stringify(run.outcomes.map((o) => o.error)));
      if ('answer' in c) assert.ok(promptsSince(before).includes(c.answer), 'the typed text reached the models');
      await resultsFrameWhenDone(workbench);
      await clearNotifications(workbench);
      await workbench.screenshot(`palette-${c.template}`);
    });
  }
});

describe('votes: Tie, All bad and a per-column Retry', function () {
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  for (const kind of ['tie', 'all-bad'] as const) {
    const button = kind === 'tie' ? 'Tie' : 'All bad';
    it(`"${button}" records a ${kind} vote with no winner`, async () => {
      const session = e2e();
      const logPath = join(prefsDir(session, `vote-${kind}`), 'preferences.jsonl');
      await useLogPath(session, logPath);
      const run = await compareFixes(session);
      const panel = await resultsFrameWhenDone(session.workbench);
      await panel.getByRole('button', { name: `${button} (key ${kind === 'tie' ? 'T' : 'B'})` }).click();
      await panel.click('[data-testid="vote-submit"]');
      const entries = await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === run.runId), `the ${kind} vote`);
      const vote = entries.find((e): e is Vote => e.type === 'vote' && e.runId === run.runId)?.vote;
      assert.equal(vote?.kind, kind);
      assert.equal(vote.winner, undefined);
      await panel.waitForSelector('[data-testid="vote-submit"]:disabled');
      await session.workbench.screenshot(`vote-${kind}`);
    });
  }

  it('per-column Retry asks only that model again and shows its new answer', async () => {
    const session = e2e();
    await compareFixes(session);
    const panel = await resultsFrameWhenDone(session.workbench);
    const before = session.fakes.requests.length;
    await panel.click(`${columnOf(FAKE_CLAUDE.label)} [data-testid="retry"]`);
    await waitFor(() => session.fakes.requests.length > before, { what: 'the retried request', timeoutMs: 20_000 });
    await resultsFrameWhenDone(session.workbench);
    const asked = session.fakes.requests.slice(before).filter((r) => r.method === 'POST').map((r) => (r.body as { model?: string }).model);
    assert.deepEqual(asked, ['fake-claude-1'], 'only the retried model was asked again');
    await session.workbench.screenshot('retry-column');
  });
});

describe('providers in a comparison: a preset entry and a vscode-lm model', function () {
  this.timeout(120_000);
  after(() => restoreDefaultModels(e2e()));

  it('a `preset: lm-studio` entry resolves to http://localhost:1234/v1 and sends no key (its preset has no key variable)', async () => {
    const session = e2e();
    // A fake OpenAI server where the LM Studio preset points; it fails the test if the port is taken.
    const lmStudio = await startFakeProviders({ port: 1234 });
    try {
      const entry = { id: 'studio', label: 'LM Studio model', provider: 'openai-compatible', preset: 'lm-studio', model: 'studio-coder' };
      await useModels(session, [entryFor(session, QUICK_GPT), entry]);
      const known = await compareSelection(session);
      const run = await waitForNewRun(session.outDir, known);
      assert.equal(run.outcomes.find((o) => o.modelId === 'studio')?.state, 'done', JSON.stringify(run.outcomes));
      const request = lmStudio.requests.find((r) => r.path === '/v1/chat/completions');
      assert.ok(request, 'the request reached localhost:1234/v1/chat/completions');
      assert.equal((request.body as { model?: string }).model, 'studio-coder');
      // No key configured: a local preset gets the placeholder, never another provider's key.
      assert.doesNotMatch(String(request.headers.authorization ?? ''), /test-key/);
      await resultsFrameWith(session.workbench, [QUICK_GPT.label, entry.label]);
      await session.workbench.screenshot('preset-lm-studio');
    } finally {
      await lmStudio.close();
    }
  });

  it('a vscode-lm model (the companion echo model) answers in its own column next to an OpenAI-compatible one', async () => {
    const session = e2e();
    const { workbench } = session;
    const lm = { id: 'echo-lm', label: 'Echo LM', provider: 'vscode-lm', model: 'echo', vendor: 'parallax-test', family: 'echo' };
    await useModels(session, [entryFor(session, QUICK_GPT), lm]);
    await compareSelection(session);
    const frame: Frame = await resultsFrameWith(workbench, [QUICK_GPT.label, lm.label]);
    // VS Code asks once whether Parallax may use another extension's model: allow it, as the user would.
    const columns = await waitFor(
      async () => {
        const allow = workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Allow$/ });
        if (await allow.isVisible().catch(() => false)) await allow.click();
        const read = await readColumns(frame);
        return read.every((c) => c.state === 'done' || c.state === 'error') ? read : undefined;
      },
      { what: 'both columns to end', timeoutMs: 60_000 },
    );
    const echo = columns.find((c) => c.label === lm.label);
    assert.equal(echo?.state, 'done', `the vscode-lm column failed: ${echo?.error ?? ''} (the proposed chatProvider API must be available)`);
    assert.match(echo.answer, /^ECHO:/, 'the answer came from the echo model');
    await waitForStates(frame, { [QUICK_GPT.label]: 'done', [lm.label]: 'done' });
    await clearNotifications(workbench);
    await workbench.screenshot('vscode-lm-in-comparison');
  });
});


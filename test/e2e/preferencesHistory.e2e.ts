import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { LogEntry, RunStartEvent } from '../../src/core/prefs/logEvents';
import { finishedRunIds, waitForNewRun, watchRuns } from './harness/companionOutput';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { paletteTitleOf } from './harness/manifest';
import {
  answerInputBox,
  compareFixes,
  headerLabels,
  prefsDir,
  readLog,
  restorePrefsSettings,
  resultsFrameWhenDone,
  seedRun,
  useLogPath,
  waitForLog,
  writeLog,
} from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const notesOf = (logPath: string, runId: string): string[] =>
  readLog(logPath)
    .filter((e): e is Extract<LogEntry, { type: 'note' }> => e.type === 'note' && e.runId === runId)
    .map((e) => e.note);

describe('preferences: notes and history', function () {
  // Each test drives several real runs and dialogs on a shared, slow machine.
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  it('"Log Preference Note" appends a note for the latest run, before and after its vote', async () => {
    const session = e2e();
    const { workbench } = session;
    const logPath = join(prefsDir(session, 'notes'), 'preferences.jsonl');
    await useLogPath(session, logPath);
    const run = await compareFixes(session);

    await workbench.runCommand(paletteTitleOf('parallax.logNote'));
    await answerInputBox(workbench, 'both miss the empty list');
    await waitForLog(logPath, () => notesOf(logPath, run.runId).length === 1, 'the first note event');
    assert.deepEqual(notesOf(logPath, run.runId), ['both miss the empty list']);

    const panel = await resultsFrameWhenDone(workbench);
    await panel.click('[data-testid="vote-c0"]');
    await panel.click('[data-testid="vote-submit"]');
    await waitForLog(logPath, (e) => e.some((x) => x.type === 'vote' && x.runId === run.runId), 'the vote event');

    await workbench.runCommand(paletteTitleOf('parallax.logNote'));
    await answerInputBox(workbench, 'after voting: the first was right');
    await waitForLog(logPath, () => notesOf(logPath, run.runId).length === 2, 'the second note event');
    assert.deepEqual(notesOf(logPath, run.runId), ['both miss the empty list', 'after voting: the first was right']);
    await workbench.screenshot('note-logged');
  });

  it('the sidebar finds runs by prompt, model and note, opens one read-only with its vote, and re-runs it', async () => {
    const session = e2e();
    const { workbench, outDir, fakes } = session;
    const logPath = join(prefsDir(session, 'history'), 'history-seeded.jsonl');
    const invoice = seedRun({
      id: 'seed-invoice',
      template: 'explain',
      createdAt: '2025-03-01T10:00:00.000Z',
      filePath: 'src/orderReport.js',
      lines: [11, 15],
      userPrompt: 'Why does the invoice total drift by a cent?',
      winner: FAKE_CLAUDE.id,
      tags: ['well explained'],
      note: 'rounding explained best',
    });
    const paging = seedRun({ id: 'seed-paging', createdAt: '2025-03-02T10:00:00.000Z', userPrompt: 'pagination is off by one', note: 'revisit later' });
    const gptOnly = seedRun({ id: 'seed-gpt-only', createdAt: '2025-03-03T10:00:00.000Z', userPrompt: 'format the report', models: [FAKE_GPT.id] });
    writeLog(logPath, [invoice, paging, gptOnly]);
    await useLogPath(session, logPath);
    await watchRuns(outDir);

    await workbench.openViewContainer('Parallax');
    const sidebar = await workbench.webviewFrame('[data-testid="history-search"]');
    const listed = (): Promise<string[]> => sidebar.$$eval('[data-testid="recent-run"]', (els) => els.map((e) => e.getAttribute('data-run-id') ?? ''));
    const search = async (query: string, expected: string[]): Promise<void> => {
      await sidebar.fill('[data-testid="history-search"]', query);
      await waitFor(async () => JSON.stringify(await listed()) === JSON.stringify(expected), {
        what: `the search "${query}" to list ${expected.join(', ') || 'nothing'}`,
        timeoutMs: 15_000,
      }).catch(async (err: unknown) => {
        throw new Error(`${err instanceof Error ? err.message : String(err)}; listed: ${(await listed()).join(', ')}`);
      });
    };
    await search('', ['seed-gpt-only', 'seed-paging', 'seed-invoice']);
    await search('invoice drift', ['seed-invoice']);
    await search(FAKE_CLAUDE.id, ['seed-paging', 'seed-invoice']);
    await search('rounding', ['seed-invoice']);
    await search('revisit', ['seed-paging']);
    await search('no such run', []);
    await search('invoice', ['seed-invoice']);
    await workbench.screenshot('history-search');
    await search('', ['seed-gpt-only', 'seed-paging', 'seed-invoice']);

    // Opened from history: read-only, names shown, the vote and its note in place.
    await sidebar.click('[data-testid="recent-run"][data-run-id="seed-invoice"]');
    const panel: Frame = await workbench.webviewFrame('.banner.history');
    await panel.waitForSelector('[data-testid="vote-bar"].voted');
    assert.deepEqual(await headerLabels(panel), [FAKE_GPT.label, FAKE_CLAUDE.label]);
    assert.match((await panel.textContent('[data-testid="column"].chosen [data-testid="header-label"]')) ?? '', new RegExp(FAKE_CLAUDE.label));
    assert.equal(await panel.inputValue('[data-testid="note"]'), 'rounding explained best');
    assert.equal(await panel.getAttribute('[data-testid="tag-well explained"]', 'aria-pressed'), 'true');
    assert.equal(await panel.isEnabled('[data-testid="vote-submit"]'), false);
    // A run from history keeps Apply (historyReopen.e2e.ts applies one); an explain run proposes no code to apply.
    assert.equal(await panel.isEnabled('[data-testid="column"] [data-testid="apply"]'), false, 'no code to apply in an explain run');
    assert.equal(await panel.isVisible('[data-testid="column"] [data-testid="retry"]'), false, 'no Retry on a run from history');
    await workbench.screenshot('history-open');

    // Re-run repeats that run (explain, orderReport.js, both models), not the latest live one.
    const known = finishedRunIds(outDir);
    const requestsBefore = fakes.requests.length;
    await panel.click('[data-testid="rerun"]');
    const rerun = await waitForNewRun(outDir, known);
    assert.equal(rerun.template, 'explain');
    assert.deepEqual(rerun.outcomes.map((o) => o.modelId).sort(), [FAKE_CLAUDE.id, FAKE_GPT.id]);
    const sent = fakes.requests.slice(requestsBefore).filter((r) => r.method === 'POST');
    assert.equal(sent.length, 2);
    for (const request of sent) assert.match(JSON.stringify(request.body), /openTotal = openTotal \+ orders\[i\]\.total/, `${request.path} carries the logged lines`);
    const logged = await waitForLog(logPath, (e) => e.some((x) => x.type === 'run-start' && x.runId === rerun.runId), 'the re-run in the log');
    const record = logged.find((e): e is RunStartEvent => e.type === 'run-start' && e.runId === rerun.runId);
    assert.equal(record?.context.filePath, 'src/orderReport.js');
    assert.deepEqual(record?.context.selection && [record.context.selection.startLine, record.context.selection.endLine], [11, 15]);
    await resultsFrameWhenDone(workbench);
    await workbench.screenshot('history-rerun');
  });
});

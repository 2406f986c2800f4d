import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { paletteTitleOf } from './harness/manifest';
import {
  answerSaveDialog,
  clearNotifications,
  compareFixes,
  pickQuickPickItem,
  prefsDir,
  restorePrefsSettings,
  seedRun,
  useLogPath,
  waitForLog,
  waitForNotification,
  writeLog,
} from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitForFile } from './harness/waitFor';
import { parseCsv } from '../unit/prefs/csvReader';

/** For waitForFile: an export counts once it is complete (it is written in one go, ending in a line break). */
function complete(text: string): string {
  if (!text.endsWith('\n')) throw new Error('not written completely yet');
  return text;
}

describe('preferences: exports', function () {
  // Each test drives several real runs and dialogs on a shared, slow machine.
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  it('exports the log as CSV (one row per model per run) and DPO pairs, and the latest run as Markdown', async () => {
    const session = e2e();
    const { workbench } = session;
    const dir = prefsDir(session, 'export');
    const logPath = join(dir, 'export-seeded.jsonl');
    const voted = seedRun({
      id: 'seed-voted',
      createdAt: '2025-04-01T09:00:00.000Z',
      userPrompt: 'Fix the "last page" bug, please',
      winner: FAKE_GPT.id,
      tags: ['correct', 'minimal change'],
      note: 'short, and, right',
    });
    writeLog(logPath, [voted]);
    await useLogPath(session, logPath);
    const live = await compareFixes(session);
    await waitForLog(logPath, (e) => e.filter((x) => x.type === 'attempt' && x.runId === live.runId).length >= 2, 'the live run in the log');

    // CSV: a header and one row per model per run.
    const csvPath = join(dir, 'votes.csv');
    await workbench.runCommand(paletteTitleOf('parallax.exportLog'));
    await pickQuickPickItem(workbench, 'CSV');
    await answerSaveDialog(workbench, 'Export 2 runs as CSV', csvPath);
    const rows = parseCsv(await waitForFile(csvPath, { what: 'the CSV export', parse: complete }));
    const [header, ...body] = rows;
    assert.ok(header, 'a CSV header row');
    const col = (name: string): number => {
      const i = header.indexOf(name);
      assert.ok(i >= 0, `CSV column ${name}`);
      return i;
    };
    assert.equal(body.length, 4);
    assert.deepEqual(body.map((r) => `${r[col('runId')]}/${r[col('modelId')]}`).sort(), [
      `${live.runId}/${FAKE_CLAUDE.id}`,
      `${live.runId}/${FAKE_GPT.id}`,
      `seed-voted/${FAKE_CLAUDE.id}`,
      `seed-voted/${FAKE_GPT.id}`,
    ].sort());
    const gptRow = body.find((r) => r[col('runId')] === 'seed-voted' && r[col('modelId')] === FAKE_GPT.id);
    assert.equal(gptRow?.[col('isWinner')], 'true');
    assert.equal(gptRow?.[col('tags')], 'correct;minimal change');
    assert.equal(gptRow?.[col('note')], 'short, and, right');
    assert.equal(gptRow?.[col('prompt')], 'Fix the "last page" bug, please');
    await waitForNotification(workbench, `Exported 2 runs to ${csvPath}`);
    await clearNotifications(workbench);

    // DPO: the one winner vote gives one chosen/rejected pair.
    const dpoPath = join(dir, 'pairs.jsonl');
    await workbench.runCommand(paletteTitleOf('parallax.exportLog'));
    await pickQuickPickItem(workbench, 'DPO');
    await answerSaveDialog(workbench, 'Export 1 DPO pair', dpoPath);
    const pairs = (await waitForFile(dpoPath, { what: 'the DPO export', parse: complete }))
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as { prompt: string; chosen: string; rejected: string; meta: { runId: string } });
    assert.equal(pairs.length, 1);
    assert.deepEqual(
      { prompt: pairs[0]?.prompt, chosen: pairs[0]?.chosen, rejected: pairs[0]?.rejected, runId: pairs[0]?.meta.runId },
      { prompt: 'Fix the "last page" bug, please', chosen: `Answer of ${FAKE_GPT.label}`, rejected: `Answer of ${FAKE_CLAUDE.label}`, runId: 'seed-voted' },
    );
    await clearNotifications(workbench);

    // Markdown of the latest run, saved to a file.
    const mdPath = join(dir, 'run.md');
    await workbench.runCommand(paletteTitleOf('parallax.exportRunMarkdown'));
    await pickQuickPickItem(workbench, 'latest');
    await pickQuickPickItem(workbench, 'Save to File');
    await answerSaveDialog(workbench, 'Save Run as Markdown', mdPath);
    const markdown = await waitForFile(mdPath, { what: 'the Markdown export', parse: complete });
    assert.match(markdown, new RegExp(`Run: \`${live.runId}\``));
    assert.match(markdown, /- File: `src\/pagination\.js`, lines 13–14/);
    assert.match(markdown, new RegExp(`### ${FAKE_GPT.label} \\(openai-compatible: ${FAKE_GPT.model}\\)`));
    assert.match(markdown, new RegExp(`### ${FAKE_CLAUDE.label} \\(anthropic: ${FAKE_CLAUDE.model}\\)`));
    assert.match(markdown, /const end = start \+ pageSize;/);
    await workbench.screenshot('export-markdown');
  });
});

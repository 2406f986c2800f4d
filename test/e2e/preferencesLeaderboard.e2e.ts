import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { leaderboardCell, leaderboardFrame, prefsDir, restorePrefsSettings, seedLines, seedRun, useLogPath, writeLog } from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

interface Wins {
  gpt?: string | undefined;
  claude?: string | undefined;
}

/** Waits until the leaderboard shows these "wins / votes" cells (undefined: no row for that model). */
async function waitForWins(board: Frame, expected: Wins, what: string): Promise<void> {
  let shown: Wins = {};
  await waitFor(
    async () => {
      const cell = async (model: string) => (await leaderboardCell(board, model, 'wins').catch(() => null)) ?? undefined;
      shown = { gpt: await cell(FAKE_GPT.model), claude: await cell(FAKE_CLAUDE.model) };
      return shown.gpt === expected.gpt && shown.claude === expected.claude;
    },
    { what: `${what}: wins ${JSON.stringify(expected)}`, timeoutMs: 15_000 },
  ).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; shown: ${JSON.stringify(shown)}`);
  });
}

/** Opens the leaderboard (or reveals it) with no filter left over from another test. */
async function openLeaderboard(workbench: ReturnType<typeof e2e>['workbench']): Promise<Frame> {
  const board = await leaderboardFrame(workbench, '[data-testid="filter-clear"]');
  await board.click('[data-testid="filter-clear"]');
  return board;
}

describe('preferences: the leaderboard', function () {
  // Each test drives several real runs and dialogs on a shared, slow machine.
  this.timeout(120_000);
  after(() => restorePrefsSettings(e2e()));

  it('skips and reports a corrupt log line, counts the lines around it, and leaves the file unchanged', async () => {
    const session = e2e();
    const logPath = join(prefsDir(session, 'corrupt'), 'corrupt-seeded.jsonl');
    const line = (id: string, day: string) => seedLines({ id, createdAt: `2025-05-${day}T10:00:00.000Z`, userPrompt: id, winner: FAKE_GPT.id });
    const text = `${line('ok-1', '01')}\n{"schemaVersion":1,"type":"run","id":"torn\n${line('ok-2', '02')}\n`;
    writeFileSync(logPath, text);
    await useLogPath(session, logPath);

    const board = await openLeaderboard(session.workbench);
    const warning = await board.waitForSelector('[data-testid="skipped-lines"]', { timeout: 15_000 });
    assert.equal((await warning.textContent())?.trim(), '1 line of the preference log could not be read and was skipped.');
    await waitForWins(board, { gpt: '2 / 2', claude: '0 / 2' }, 'both valid runs counted');
    assert.equal(readFileSync(logPath, 'utf8'), text, 'the log is byte for byte unchanged');
    await session.workbench.screenshot('leaderboard-skipped-line');
  });

  it('says ratings are not yet meaningful under 10 votes, and its template, language and date filters narrow the votes', async () => {
    const session = e2e();
    const logPath = join(prefsDir(session, 'filters'), 'filters-seeded.jsonl');
    writeLog(logPath, [
      seedRun({ id: 'js-1', createdAt: '2025-05-01T10:00:00.000Z', userPrompt: 'a', winner: FAKE_GPT.id }),
      seedRun({ id: 'js-2', createdAt: '2025-05-02T10:00:00.000Z', userPrompt: 'b', winner: FAKE_CLAUDE.id }),
      seedRun({ id: 'py-1', template: 'explain', languageId: 'python', createdAt: '2025-05-10T10:00:00.000Z', userPrompt: 'c', winner: FAKE_CLAUDE.id }),
      seedRun({ id: 'unvoted', createdAt: '2025-05-11T10:00:00.000Z', userPrompt: 'd' }),
    ]);
    await useLogPath(session, logPath);

    const board = await openLeaderboard(session.workbench);
    await waitForWins(board, { gpt: '1 / 3', claude: '2 / 3' }, 'every vote');
    assert.equal(
      (await board.textContent('[data-testid="not-meaningful"]'))?.trim(),
      'Ratings are not yet meaningful: 3 votes so far (about 10 needed)',
    );
    assert.equal(await board.isVisible('[data-testid="skipped-lines"]'), false);

    await board.selectOption('[data-testid="filter-template"]', 'explain');
    await waitForWins(board, { gpt: '0 / 1', claude: '1 / 1' }, 'template "explain"');
    assert.match((await board.textContent('[data-testid="not-meaningful"]')) ?? '', /1 vote so far/);

    await board.click('[data-testid="filter-clear"]');
    await waitForWins(board, { gpt: '1 / 3', claude: '2 / 3' }, 'filters cleared');
    await board.selectOption('[data-testid="filter-language"]', 'javascript');
    await waitForWins(board, { gpt: '1 / 2', claude: '1 / 2' }, 'language "javascript"');

    await board.click('[data-testid="filter-clear"]');
    await waitForWins(board, { gpt: '1 / 3', claude: '2 / 3' }, 'filters cleared');
    await board.fill('[data-testid="filter-from"]', '2025-05-02');
    await waitForWins(board, { gpt: '0 / 2', claude: '2 / 2' }, 'from 2025-05-02');
    await board.fill('[data-testid="filter-to"]', '2025-05-09');
    await waitForWins(board, { gpt: '0 / 1', claude: '1 / 1' }, 'from 2025-05-02 to 2025-05-09');
    await session.workbench.screenshot('leaderboard-filters');

    await board.fill('[data-testid="filter-from"]', '2026-01-01');
    await board.waitForSelector('[data-testid="empty-state"]');
    assert.match((await board.textContent('[data-testid="empty-state"]')) ?? '', /No votes match these filters/);

    await board.click('[data-testid="filter-clear"]');
    await waitForWins(board, { gpt: '1 / 3', claude: '2 / 3' }, 'filters cleared');
  });

  it('shows a vote another window appends to the log without a reload (the log file is watched)', async () => {
    const session = e2e();
    const logPath = join(prefsDir(session, 'watched'), 'watched-seeded.jsonl');
    writeLog(logPath, [seedRun({ id: 'here-1', createdAt: '2025-06-01T10:00:00.000Z', userPrompt: 'a', winner: FAKE_GPT.id })]);
    await useLogPath(session, logPath);
    const board = await openLeaderboard(session.workbench);
    await waitForWins(board, { gpt: '1 / 1', claude: '0 / 1' }, 'the one vote of this window');

    // Another VS Code window appends a run and its vote to the same file.
    appendFileSync(logPath, `${seedLines({ id: 'other-window-1', createdAt: '2025-06-02T10:00:00.000Z', userPrompt: 'b', winner: FAKE_CLAUDE.id })}\n`);
    await waitForWins(board, { gpt: '1 / 2', claude: '1 / 2' }, "the other window's vote, without a reload");
    await session.workbench.screenshot('leaderboard-other-window-vote');
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { FAKE_CLAUDE, FAKE_GPT } from './harness/e2eModels';
import { leaderboardCell, leaderboardFrame, prefsDir, restorePrefsSettings, seedLines, seedRun, updateSettings, useLogPath, writeLog } from './harness/prefsSupport';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;

async function summaryOf(board: Frame): Promise<string> {
  return ((await board.textContent('[data-testid="board-summary"]', { timeout: 1_000 }).catch(() => '')) ?? '').trim();
}

/** Picks a source and waits until the board shows it: the re-rendered picker says so, and the summary counts `votes`. */
async function pickSource(board: Frame, value: string, votes: string): Promise<void> {
  await board.selectOption('[data-testid="board-source"]', value);
  await waitFor(
    async () => {
      const shown = await board.evaluate(() => document.querySelector<HTMLSelectElement>('[data-testid="board-source"]')?.dataset.shown);
      return shown === value && (await summaryOf(board)).startsWith(votes);
    },
    { what: `the ${value || 'mine'} board to count ${votes}`, timeoutMs: 30_000 },
  );
}

describe('team board: a folder of logs beside mine', function () {
  this.timeout(120_000);
  after(() => {
    const session = e2e();
    updateSettings(session, { 'parallax.teamLogFolder': undefined });
    restorePrefsSettings(session);
  });

  it('team board merges two logs with mine, de-duplicated, switches Mine / Team / person, names the corrupt file, and never writes a team file', async () => {
    const session = e2e();
    const { workbench } = session;
    const dir = prefsDir(session, 'team');
    const teamDir = join(dir, 'team-repo');
    mkdirSync(teamDir, { recursive: true });
    const ownLog = join(dir, 'mine-team-board.jsonl');
    // Mine: two GPT wins, one of them a run Ana's log has too (with another vote: my copy wins).
    writeLog(ownLog, [
      seedRun({ id: 'team-mine-1', createdAt: at(1), userPrompt: 'mine 1', winner: FAKE_GPT.id }),
      seedRun({ id: 'team-shared', createdAt: at(2), userPrompt: 'shared', winner: FAKE_GPT.id }),
    ]);
    const ana = join(teamDir, 'ana.jsonl');
    writeLog(ana, [
      seedRun({ id: 'team-shared', createdAt: at(2), userPrompt: 'shared', winner: FAKE_CLAUDE.id }),
      seedRun({ id: 'team-ana-1', createdAt: at(3), userPrompt: 'ana 1', winner: FAKE_CLAUDE.id }),
    ]);
    const bob = join(teamDir, 'bob.jsonl');
    writeFileSync(bob, `${seedLines({ id: 'team-bob-1', createdAt: at(4), userPrompt: 'bob 1', winner: FAKE_CLAUDE.id })}\n{"schemaVersion":2,"type":"run-start" torn\n`);
    const before = { ana: hash(ana), bob: hash(bob) };

    await useLogPath(session, ownLog, { 'parallax.teamLogFolder': teamDir });
    const board = await leaderboardFrame(workbench, '[data-testid="board-source"]');

    // Mine (the default): my two votes only.
    await pickSource(board, '', '2 votes');
    assert.equal(await leaderboardCell(board, FAKE_GPT.model, 'wins'), '2 / 2');

    // The corrupt line is reported for its own file, by name.
    const notices = await board.$$eval('[data-testid="team-file-problem"]', (els) => els.map((e) => [e.getAttribute('data-file'), e.textContent?.trim()]));
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.equal(notices[0]?.[0], 'bob.jsonl');
    assert.match(notices[0]?.[1] ?? '', /Team log bob\.jsonl: 1 line could not be read/);

    // One person: Ana's two votes (her copy of the shared run, on her board).
    const people = await board.$$eval('[data-testid="board-source"] option', (els) => els.map((e) => e.textContent));
    assert.deepEqual(people, ['Mine', 'Team', 'ana', 'bob']);
    await pickSource(board, 'person:ana', '2 votes');
    assert.equal(await leaderboardCell(board, FAKE_CLAUDE.model, 'wins'), '2 / 2');
    await pickSource(board, 'person:bob', '1 vote');
    assert.equal(await leaderboardCell(board, FAKE_CLAUDE.model, 'wins'), '1 / 1');

    // Team: four runs, not five — the shared run counts once, with my vote.
    await pickSource(board, 'team', '4 votes');
    assert.equal(await leaderboardCell(board, FAKE_GPT.model, 'wins'), '2 / 4');
    assert.equal(await leaderboardCell(board, FAKE_CLAUDE.model, 'wins'), '2 / 4');
    await board.locator('[data-testid="board-source"]').scrollIntoViewIfNeeded();
    await workbench.screenshot('team-board');

    // Parallax wrote no team file: they are byte-identical. (My own log is the one file it may write: a run of an
    // earlier test that ends now is appended there, so it is not compared.)
    assert.deepEqual({ ana: hash(ana), bob: hash(bob) }, before);
    await pickSource(board, '', '2 votes');
  });
});

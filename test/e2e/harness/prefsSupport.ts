/**
 * What the preference e2e tests share: user settings changed while code-server runs (and waiting until the extension
 * host uses them), the preference log on disk (every line parsed with the core schema), seeded log records,
 * workbench notifications, the simple save dialog, and the results / leaderboard / sidebar webviews.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Frame } from 'playwright-core';
import { type LogEntry, logEntrySchema } from '../../../src/core/prefs/logEvents';
import type { RunRecord, Vote } from '../../../src/core/prefs/preferenceRecord';
import type { FinishedRun } from '../../integration/companion/src/parallaxApi';
import { compareAndWait } from './compareSelection';
import { clearNotifications, notificationTexts, waitForNotification } from './notifications';
import type { E2eSession } from './e2eSession';
import { FAKE_CLAUDE, FAKE_GPT } from './e2eModels';
export { FAKE_PRICES } from './e2eModels';
import { paletteTitleOf } from './manifest';
import type { Workbench } from './workbench';
import { waitFor } from './waitFor';

export { clearNotifications, clickNotificationButton, notificationButtons, notificationTexts, waitForNotification } from './notifications';

/** The `parallax.*` keys these tests change; `restorePrefsSettings` removes them again. */
const PREFS_KEYS = ['parallax.preferenceLogPath', 'parallax.blindMode', 'parallax.reasonTags'] as const;

/** A fresh folder for one test's files, inside the session's temp dir. */
export function prefsDir(session: E2eSession, name: string): string {
  const dir = join(session.outDir, 'prefs', `${name}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Merges `patch` into the remote machine's settings, `<user-data-dir>/Machine/settings.json` (undefined removes a
 * key), which the extension host picks up in one change. Not the user settings.json: in a remote window (code-server
 * is one) VS Code ignores machine-scoped settings such as `parallax.preferenceLogPath` there, and edits of that file
 * on disk were not seen by the running window.
 */
export function updateSettings(session: E2eSession, patch: Record<string, unknown>): void {
  const path = join(dirname(dirname(session.userSettingsPath)), 'Machine', 'settings.json');
  const current = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete current[key];
    else current[key] = value;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(current, null, 2));
}

export function restorePrefsSettings(session: E2eSession): void {
  updateSettings(session, Object.fromEntries(PREFS_KEYS.map((k) => [k, undefined])));
}

/**
 * Points `parallax.preferenceLogPath` (plus any other settings in `extra`, applied in the same change) at `logPath`
 * and waits until the extension host uses it: "Parallax: Open Preference Log" names the path it will write to, or,
 * when the file exists, opens it (give such files a unique name).
 */
export async function useLogPath(session: E2eSession, logPath: string, extra: Record<string, unknown> = {}): Promise<void> {
  updateSettings(session, { ...extra, 'parallax.preferenceLogPath': logPath });
  const { workbench } = session;
  const exists = existsSync(logPath);
  const fileName = basename(logPath);
  let seen: string[] = [];
  await waitFor(
    async () => {
      await clearNotifications(workbench);
      await workbench.runCommand(paletteTitleOf('parallax.openLog'));
      if (!exists) {
        const found = await waitForNotification(workbench, `will be written to ${logPath}`, 3_000).catch(() => undefined);
        seen = await notificationTexts(workbench);
        return found;
      }
      return workbench.page
        .waitForSelector(`.tabs-container .tab.active[aria-label*="${fileName}"]`, { timeout: 3_000 })
        .then(() => true, () => undefined);
    },
    { what: `the extension host to use the preference log ${logPath}`, timeoutMs: 45_000 },
  ).catch((err: unknown) => {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; notifications: ${JSON.stringify(seen)}`);
  });
  await clearNotifications(workbench);
  if (exists) {
    // Only the log's own editor (another test may have left a file with unsaved changes open).
    const tab = `.tabs-container .tab[aria-label*="${fileName}"]`;
    await workbench.page.click(`${tab} .tab-actions .action-label`);
    await workbench.page.waitForSelector(tab, { state: 'detached', timeout: 10_000 });
  }
}

/** Every line of the log, each parsed with the core schema (a line that does not parse fails the test). */
export function readLog(logPath: string): LogEntry[] {
  if (!existsSync(logPath)) return [];
  return readFileSync(logPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = logEntrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${logPath} line ${i + 1} does not match the schema: ${parsed.error.message}`);
      return parsed.data;
    });
}

export function waitForLog(logPath: string, done: (entries: LogEntry[]) => boolean, what: string, timeoutMs = 30_000): Promise<LogEntry[]> {
  return waitFor(
    () => {
      const entries = readLog(logPath);
      return done(entries) ? entries : undefined;
    },
    { what, timeoutMs },
  );
}

/** Runs "Compare Fixes for Selection" on pagination.js lines 13–14 and waits for the run to finish. */
export function compareFixes(session: E2eSession): Promise<FinishedRun> {
  return compareAndWait(session, { lines: [13, 14] });
}

export const COLUMN = '[data-testid="column"]';

/** The results panel frame showing run `title` (or any run) with every column in state `done`. */
export async function resultsFrameWhenDone(workbench: Workbench, columns = 2): Promise<Frame> {
  const frame = await workbench.webviewFrame('[data-testid="vote-bar"]');
  await waitFor(
    async () => {
      const states = await frame.$$eval(`${COLUMN} [data-testid="state"]`, (els) => els.map((e) => e.textContent?.trim()));
      return states.length === columns && states.every((s) => s === 'done');
    },
    { what: `${columns} result columns to show "done"`, timeoutMs: 30_000 },
  );
  return frame;
}

export function headerLabels(frame: Frame): Promise<string[]> {
  return frame.$$eval(`${COLUMN} [data-testid="header-label"]`, (els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** Everything a user or a screen reader could learn from a frame: all text (hidden too) and every attribute value. */
export function frameTextAndAttributes(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const parts = [document.title, document.body.textContent ?? ''];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) parts.push(attr.value);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
    }
    return parts.join('\n');
  });
}

/** Focuses a non-text element of the panel (an answer), so vote keys reach the vote bar. */
export async function focusPanel(frame: Frame): Promise<void> {
  await frame.focus(`${COLUMN} [data-testid="answer"]`);
}

const QUICK_INPUT = '.quick-input-widget input';

/**
 * Types `path` into the simple file dialog code-server shows for `showSaveDialog` (found by its `title`) and accepts
 * it. The dialog fills in its default path a moment after it opens (until then the input still holds the previous
 * quick pick's text) and ignores Enter while it lists a folder, so the path is typed once the default is there,
 * accepted once it has stayed put, and accepting is repeated until the dialog closes.
 */
export async function answerSaveDialog(workbench: Workbench, title: string, path: string): Promise<void> {
  const { page } = workbench;
  await waitFor(async () => ((await page.textContent('.quick-input-widget .quick-input-title').catch(() => null)) ?? '').includes(title), {
    what: `the save dialog "${title}"`,
    timeoutMs: 20_000,
  });
  await waitFor(async () => /^\/.*\.\w+$/.test(await page.inputValue(QUICK_INPUT)), { what: 'the save dialog to fill in its default path' });
  let stableChecks = 0;
  await waitFor(
    async () => {
      if ((await page.inputValue(QUICK_INPUT).catch(() => '')) !== path) {
        stableChecks = 0;
        await page.fill(QUICK_INPUT, path);
        return false;
      }
      if (++stableChecks < 3) return false;
      await page.locator(QUICK_INPUT).press('Enter');
      return page.waitForSelector(QUICK_INPUT, { state: 'hidden', timeout: 2_000 }).then(() => true, () => false);
    },
    { what: `the save dialog to accept ${path}`, timeoutMs: 30_000 },
  );
}

/** Picks the quick-pick row whose text contains `label` (see Workbench.pickQuickInputItem). */
export function pickQuickPickItem(workbench: Workbench, label: string): Promise<void> {
  return workbench.pickQuickInputItem(label);
}

/** Types into a showInputBox prompt and accepts. */
export async function answerInputBox(workbench: Workbench, text: string): Promise<void> {
  await workbench.answerInputBox(text);
}

/** Shows the leaderboard (run again until its webview shows `ready`) and returns its frame. */
export async function leaderboardFrame(workbench: Workbench, ready = '[data-testid="leaderboard-table"], [data-testid="empty-state"]'): Promise<Frame> {
  await workbench.runCommand(paletteTitleOf('parallax.showLeaderboard'), {
    idempotent: true,
    until: () => workbench.webviewFrame(ready, 1_000).then(() => true, () => false),
    what: `the leaderboard webview showing ${ready}`,
    timeoutMs: 30_000,
  });
  return workbench.webviewFrame(ready);
}

/** The text of one cell (`data-column`) of the leaderboard row of provider model `model`. */
export function leaderboardCell(frame: Frame, model: string, column: string): Promise<string | null> {
  return frame
    .textContent(`[data-testid="leaderboard-row"][data-model="${model}"] [data-column="${column}"]`, { timeout: 1_000 })
    .then((t) => t?.trim() ?? null);
}

const seedModels = [
  { id: FAKE_GPT.id, label: FAKE_GPT.label, provider: 'openai-compatible' as const, model: FAKE_GPT.model, params: {} },
  { id: FAKE_CLAUDE.id, label: FAKE_CLAUDE.label, provider: 'anthropic' as const, model: FAKE_CLAUDE.model, params: {} },
];

export interface SeedRun {
  id: string;
  template?: RunRecord['template'];
  languageId?: string;
  createdAt: string;
  filePath?: string;
  /** 0-based lines, inclusive. */
  lines?: [number, number];
  userPrompt: string;
  /** Model entry ids taking part (default: both fakes). */
  models?: string[];
  winner?: string;
  tags?: string[];
  note?: string;
}

/**
 * The schema-2 events of a run between the two fakes, as the extension writes them: a run-start, one attempt per
 * model, then the vote (or a standalone note when there is no vote). Each is checked with the core schema.
 */
export function seedRun(seed: SeedRun): LogEntry[] {
  const [start, end] = seed.lines ?? [12, 13];
  const models = seedModels.filter((m) => seed.models?.includes(m.id) ?? true);
  const runId = seed.id;
  const at = seed.createdAt;
  const vote: Vote | undefined =
    seed.winner === undefined
      ? undefined
      : {
          kind: 'winner',
          winner: seed.winner,
          tags: seed.tags ?? [],
          ...(seed.note ? { note: seed.note } : {}),
          votedAt: at,
          blind: false,
          attempts: Object.fromEntries(models.map((m) => [m.id, 1])),
        };
  const events: unknown[] = [
    {
      schemaVersion: 2,
      type: 'run-start',
      runId,
      at,
      template: seed.template ?? 'fix',
      languageId: seed.languageId ?? 'javascript',
      requestHash: '0123456789abcdef0123',
      prompt: { system: 'You are a careful programmer.', user: seed.userPrompt },
      context: { filePath: seed.filePath ?? 'src/pagination.js', selection: { startLine: start, startCharacter: 0, endLine: end, endCharacter: 0 }, truncated: {} },
      models,
      blind: false,
      shownOrder: models.map((m) => m.id),
    },
    ...models.map((m) => ({
      schemaVersion: 2,
      type: 'attempt',
      runId,
      attempt: 1,
      at,
      output: {
        modelId: m.id,
        state: 'done' as const,
        text: `Answer of ${m.label}`,
        metrics: { ttftMs: 100, totalMs: 400, outputTokens: 40, tokensEstimated: false },
        followedFormat: true,
      },
    })),
    ...(vote ? [{ schemaVersion: 2, type: 'vote', runId, vote, at }] : []),
    ...(seed.note && !vote ? [{ schemaVersion: 2, type: 'note', runId, note: seed.note, at }] : []),
  ];
  return events.map((e) => logEntrySchema.parse(e));
}

/** The seeded run's events as JSONL lines (no trailing newline). */
export function seedLines(seed: SeedRun): string {
  return seedRun(seed).map((e) => JSON.stringify(e)).join('\n');
}

/** Writes `entries` as a JSONL log; returns the text written. */
export function writeLog(logPath: string, entries: ReadonlyArray<LogEntry | readonly LogEntry[]>): string {
  const text = entries.flat().map((e) => `${JSON.stringify(e)}\n`).join('');
  writeFileSync(logPath, text);
  return text;
}

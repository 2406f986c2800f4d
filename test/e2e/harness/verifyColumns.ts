/**
 * Verification in the results panel, as the e2e tests drive it: "Verify all" with its confirmation, each column's
 * verification state, and the user's repository state that a check must leave alone.
 */
import type { Frame } from 'playwright-core';
import { gitIn } from '../../unit/verify/verifyRepoFixture';
import { columnOf } from './resultsFrame';
import { waitFor } from './waitFor';
import type { Workbench } from './workbench';

/** The user's `git status` (untracked files too) and stash list: a check in a checkout must leave both unchanged. */
export function repoState(repo: string): { status: string; stash: string } {
  return { status: gitIn(repo, 'status', '--porcelain', '--untracked-files=all'), stash: gitIn(repo, 'stash', 'list') };
}

/** A column's element's text by test id ('' when the column does not show it). */
export async function columnText(frame: Frame, label: string, testId: string): Promise<string> {
  const el = frame.locator(`${columnOf(label)} [data-testid="${testId}"]`);
  return (await el.count()) > 0 ? ((await el.first().textContent()) ?? '').trim() : '';
}

/** Clicks "Verify all", confirms with Run Check, and returns the confirmation's text (it names the command). */
export async function verifyAllConfirmed(window: Workbench, frame: Frame): Promise<string> {
  await frame.getByRole('button', { name: 'Verify all candidates with the check' }).click();
  const dialog = window.page.locator('.monaco-dialog-box');
  await dialog.waitFor({ state: 'visible', timeout: 20_000 });
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Run Check' }).click();
  return text;
}

/** Waits until every named column shows its expected verification state ("passed", "still failing", …). */
export async function waitForVerifyStates(frame: Frame, expected: Record<string, string>, timeoutMs = 120_000): Promise<void> {
  const labels = Object.keys(expected);
  let seen: Record<string, string> = {};
  await waitFor(
    async () => {
      seen = Object.fromEntries(await Promise.all(labels.map(async (l) => [l, await columnText(frame, l, 'verify-state')] as const)));
      return labels.every((l) => seen[l] === expected[l]);
    },
    { what: () => `the verification states ${JSON.stringify(expected)} (last seen ${JSON.stringify(seen)})`, timeoutMs, intervalMs: 250 },
  );
}

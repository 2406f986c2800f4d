/**
 * A screenshot of the results with every column in view: Focus maximises the results' editor group (the panel's own
 * toggle), the shot is taken once the columns have grown, and Focus restores the layout.
 */
import type { Frame } from 'playwright-core';
import { waitFor } from './waitFor';
import type { Workbench } from './workbench';

export async function screenshotFocused(window: Workbench, frame: Frame, name: string): Promise<void> {
  const rowWidth = (): Promise<number> => frame.$eval('.columns', (row) => row.getBoundingClientRect().width);
  const before = await rowWidth();
  await frame.click('[data-testid="focus-toggle"]');
  await waitFor(async () => (await rowWidth()) > before * 1.3, { what: () => `the results to grow wider than ${before} px when focused`, timeoutMs: 15_000 });
  await window.screenshot(name);
  await frame.click('[data-testid="focus-toggle"]');
  await waitFor(async () => Math.abs((await rowWidth()) - before) < 30, { what: `the results to go back to ${before} px`, timeoutMs: 15_000 });
}

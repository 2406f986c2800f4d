/** Reading the results panel webview: its columns by label, their states, metrics and buttons. */
import type { Frame } from 'playwright-core';
import type { Workbench } from './workbench';
import { waitFor } from './waitFor';

export const COLUMN = 'section[data-testid="column"]';

/** The column whose header reads `label`. */
export function columnOf(label: string): string {
  return `${COLUMN}:has([data-testid="header-label"]:text-is("${label}"))`;
}

/** "412 ms" → 412, "1.2 s" → 1200; undefined for "—" or anything else. */
export function parseDuration(text: string | null | undefined): number | undefined {
  const match = /^([\d.]+)\s*(ms|s)$/.exec((text ?? '').trim());
  if (!match?.[1]) return undefined;
  const value = Number(match[1]);
  return match[2] === 's' ? value * 1000 : value;
}

/** Half a displayed unit: how far a shown duration may be from the exact one ("1.2 s" is ±50 ms, "412 ms" ±0.5 ms). */
export function displayTolerance(ms: number): number {
  return ms < 1000 ? 0.5 : ms < 100_000 ? 50 : 500;
}

export interface ColumnReading {
  label: string;
  state: string;
  ttft: string;
  total: string;
  answer: string;
  error: string | undefined;
}

/** Every column, in panel order. (No named helpers inside: tsx would wrap them in a `__name` the page lacks.) */
export function readColumns(frame: Frame): Promise<ColumnReading[]> {
  return frame.$$eval(COLUMN, (sections) =>
    sections.map((s) => {
      const [label, state, ttft, total, answer] = ['header-label', 'state', 'ttft', 'total', 'answer'].map((id) =>
        (s.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim(),
      );
      const error = s.querySelector<HTMLElement>('[data-testid="error"]');
      return {
        label: label ?? '',
        state: state ?? '',
        ttft: ttft ?? '',
        total: total ?? '',
        answer: answer ?? '',
        error: error && !error.hidden ? (error.textContent ?? '').trim() : undefined,
      };
    }),
  );
}

/** The results frame once it shows exactly the columns `labels` (a new run replaced any earlier one). */
export async function resultsFrameWith(workbench: Workbench, labels: readonly string[], timeoutMs = 30_000): Promise<Frame> {
  return waitFor(
    async () => {
      const frame = await workbench.webviewFrame(COLUMN, timeoutMs);
      const shown = (await readColumns(frame)).map((c) => c.label);
      return shown.join('|') === labels.join('|') ? frame : undefined;
    },
    { what: `the results panel to show the columns ${labels.join(', ')}`, timeoutMs },
  );
}

/** Waits until every column's state is the one given for its label; returns the readings. */
export function waitForStates(frame: Frame, expected: Record<string, string>, timeoutMs = 30_000): Promise<ColumnReading[]> {
  let last: ColumnReading[] = [];
  return waitFor(
    async () => {
      last = await readColumns(frame);
      return last.length === Object.keys(expected).length && last.every((c) => expected[c.label] === c.state) ? last : undefined;
    },
    { what: () => `column states ${JSON.stringify(expected)} (last seen ${JSON.stringify(last.map((c) => [c.label, c.state]))})`, timeoutMs },
  );
}

/** Clicks a button of one column, waiting until it is enabled (buttons are disabled until the column has code). */
export async function clickColumnButton(frame: Frame, label: string, testId: string): Promise<void> {
  const button = frame.locator(`${columnOf(label)} [data-testid="${testId}"]`);
  await button.waitFor({ state: 'visible', timeout: 15_000 });
  await waitFor(() => button.isEnabled(), { what: `${label}'s ${testId} button to be enabled`, timeoutMs: 15_000 });
  await button.click();
}

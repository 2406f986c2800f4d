/**
 * Drives the VS Code web workbench in Chromium the way a user does: command palette, quick open, keyboard,
 * clicks inside webviews (nested iframes). Every wait is on a condition.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { waitFor } from './waitFor';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results');

const PALETTE_INPUT = '.quick-input-widget input';
const PALETTE_ROW = '.quick-input-list .monaco-list-row';
const FOCUSED_ROW = '.quick-input-list .monaco-list-row.focused';

export class Workbench {
  private constructor(readonly page: Page) {}

  /** Opens the workbench for `folder` and waits until it is interactive. */
  static async open(browser: Browser, serverUrl: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer shows the folder once the remote file system answers.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    return new Workbench(page);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  private async rowLabel(selector: string): Promise<string | undefined> {
    const row = await this.page.$(`${selector} .label-name`);
    return (await row?.textContent())?.trim();
  }

  /** Fails fast, with the dialog's text, when a modal dialog (e.g. "Command … resulted in an error") blocks input. */
  async assertNoModalDialog(): Promise<void> {
    if (!(await this.page.isVisible('.monaco-dialog-modal-block'))) return;
    const text = ((await this.page.textContent('.monaco-dialog-box').catch(() => null)) ?? '').replace(/\s+/g, ' ').trim();
    throw new Error(`a modal dialog blocks the workbench: ${text}`);
  }

  /** Opens the palette (F1) with `text` typed after the `>` it starts with. */
  private async openPalette(text: string): Promise<void> {
    await this.assertNoModalDialog();
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible' });
    await input.fill(`>${text}`);
  }

  /** Closes a modal dialog and the quick input if either is open, so one failed test does not block the next. */
  async dismissOverlays(): Promise<void> {
    for (let i = 0; i < 3 && (await this.page.isVisible('.monaco-dialog-modal-block')); i++) {
      await this.page.keyboard.press('Escape');
      await this.page.waitForSelector('.monaco-dialog-modal-block', { state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    await this.closeQuickInput();
  }

  async closeQuickInput(): Promise<void> {
    if (await this.page.isVisible(PALETTE_INPUT)) {
      await this.page.keyboard.press('Escape');
      await this.page.waitForSelector(PALETTE_INPUT, { state: 'hidden' });
    }
  }

  /** Runs a command by its palette title, e.g. "Parallax: Compare Fixes for Selection". */
  async runCommand(title: string): Promise<void> {
    await this.assertNoModalDialog();
    // The palette computes its list when it opens, so a command an extension registers later needs a reopen.
    await waitFor(
      async () => {
        await this.openPalette(title);
        const found = await waitFor(async () => (await this.rowLabel(FOCUSED_ROW)) === title, { what: title, timeoutMs: 2_000 }).catch(() => false);
        return found;
      },
      { what: `"${title}" at the top of the command palette`, timeoutMs: 30_000 },
    );
    await this.page.keyboard.press('Enter');
    // Done when the palette closed or the command replaced it with its own quick input.
    await waitFor(
      async () => !(await this.page.isVisible(PALETTE_INPUT)) || (await this.page.inputValue(PALETTE_INPUT)) !== `>${title}`,
      { what: `the palette to run "${title}"`, timeoutMs: 15_000 },
    );
  }

  /**
   * Every command title the palette lists for `query`, read by walking the (virtualised) list until the focus wraps.
   * Leaves the palette open (for a screenshot); call closeQuickInput() after.
   */
  async paletteTitles(query: string): Promise<string[]> {
    await this.openPalette(query);
    const first = await waitFor(() => this.rowLabel(FOCUSED_ROW), { what: `palette results for "${query}"`, timeoutMs: 15_000 });
    const titles = [first];
    const rowCount = async (): Promise<number> => (await this.page.$$(PALETTE_ROW)).length;
    for (let i = 0; i < 500; i++) {
      const before = titles[titles.length - 1];
      await this.page.keyboard.press('ArrowDown');
      const next = await waitFor(
        async () => {
          const label = await this.rowLabel(FOCUSED_ROW);
          // A one-row list stays on the same row; any other list moves.
          return label !== undefined && (label !== before || (await rowCount()) === 1) ? label : undefined;
        },
        { what: 'the palette focus to move', timeoutMs: 5_000 },
      );
      if (next === first) break; // wrapped around
      titles.push(next);
    }
    return titles;
  }

  /** Opens a workspace file through Quick Open and waits for its editor tab. */
  async openFile(relativePath: string): Promise<void> {
    await this.assertNoModalDialog();
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible' });
    await input.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    await waitFor(async () => (await this.rowLabel(FOCUSED_ROW)) === name, { what: `quick open to find ${relativePath}`, timeoutMs: 20_000 });
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tabs-container .tab.active[aria-label*="${name}"]`, { timeout: 20_000 });
    await this.page.waitForSelector('.editor-instance .monaco-editor .view-lines');
  }

  /** Selects whole lines a..b (1-based, inclusive) in the active editor; returns the status bar's selection text. */
  async selectLines(a: number, b: number): Promise<string> {
    await this.assertNoModalDialog();
    await this.page.click('.editor-instance .monaco-editor .view-lines');
    await this.page.keyboard.press('Control+G');
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible' });
    await input.fill(`:${a}:1`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(PALETTE_INPUT, { state: 'hidden' });
    for (let line = a; line < b; line++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Shift+End');
    return waitFor(
      async () => {
        const status = (await this.page.textContent('.statusbar-item[id="status.editor.selection"]')) ?? '';
        return new RegExp(`Ln ${b},.*selected`).test(status) ? status.trim() : undefined;
      },
      { what: `a selection ending on line ${b}`, timeoutMs: 5_000 },
    );
  }

  /** The webview frame (at any nesting depth) that contains `selectorInside`. */
  async webviewFrame(selectorInside: string, timeoutMs = 30_000): Promise<Frame> {
    return waitFor(
      async () => {
        for (const frame of this.page.frames()) {
          if (frame === this.page.mainFrame()) continue;
          if (await frame.$(selectorInside).catch(() => null)) return frame;
        }
        return undefined;
      },
      { what: `a webview containing ${selectorInside}`, timeoutMs },
    );
  }

  /** Opens a view container from the activity bar by its title, e.g. "Parallax", unless it is already open. */
  async openViewContainer(title: string): Promise<void> {
    const sidebarTitle = async (): Promise<string> => ((await this.page.textContent('.part.sidebar .title-label h2').catch(() => null)) ?? '').trim();
    // The title reads "PARALLAX" or, with a single view, "PARALLAX: COMPARE".
    const isOpen = async (): Promise<boolean> => (await sidebarTitle()).toLowerCase().startsWith(title.toLowerCase());
    if ((await this.page.isVisible('.part.sidebar')) && (await isOpen())) return;
    // Click the activity item itself: its progress badge covers the icon link.
    await this.page.click(`.activitybar .action-item:has(> a[aria-label^="${title}"])`);
    await waitFor(isOpen, { what: `the ${title} view container`, timeoutMs: 15_000 });
  }
}

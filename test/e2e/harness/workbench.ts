/**
 * Drives the VS Code web workbench in Chromium the way a user does: command palette, quick open, keyboard,
 * clicks inside webviews (nested iframes). Every wait is on a condition.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { waitFor } from './waitFor';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results');

const PALETTE_INPUT = '.quick-input-widget input';
const PALETTE_ROW = '.quick-input-list .monaco-list-row';
const FOCUSED_ROW = '.quick-input-list .monaco-list-row.focused';

export class Workbench {
  /** Workspace-relative path of the file openFile() opened last (selectLines() reads its lines from disk). */
  private openedFile: string | undefined;

  private constructor(
    readonly page: Page,
    /** The workspace folder on disk. */
    readonly folder: string,
  ) {}

  /** Opens the workbench for `folder` and waits until it is interactive. */
  static async open(browser: Browser, serverUrl: string, folder: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer shows the folder once the remote file system answers.
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
    return new Workbench(page, folder);
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
    // Short: a palette that closes under us (an editor taking focus) is reopened by the caller's retry.
    await input.fill(`>${text}`, { timeout: 5_000 });
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

  /**
   * Opens a workspace file through Quick Open in the first editor group (so a results panel beside it stays
   * visible) and waits until it is the focused editor.
   */
  async openFile(relativePath: string): Promise<void> {
    await this.assertNoModalDialog();
    await this.closeQuickInput();
    if ((await this.page.$$('.editor-group-container')).length > 1) await this.runCommand('View: Focus First Editor Group');
    await this.page.keyboard.press('Control+P');
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible' });
    await input.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    // The file's own row: recently opened editors (a results panel titled "… pagination.js …") may be listed first.
    // Its aria-label is "<name> <folder>, file results", or "<name>, file results" at the root.
    const row = this.page.locator(`${PALETTE_ROW}[aria-label^="${name} "], ${PALETTE_ROW}[aria-label^="${name},"]`).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.click();
    await this.page.waitForSelector(`.editor-group-container.active .tabs-container .tab.active[aria-label*="${name}"]`, { timeout: 20_000 });
    await this.page.waitForSelector('.editor-group-container.active .editor-instance .monaco-editor.focused', { timeout: 20_000 });
    this.openedFile = relativePath;
  }

  /** Picks the row of an open quick pick whose label contains `label`, typing it as the filter first. */
  async pickQuickInputItem(label: string): Promise<void> {
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible', timeout: 20_000 });
    await input.fill(label);
    await waitFor(async () => ((await this.page.textContent(FOCUSED_ROW).catch(() => null)) ?? '').includes(label), {
      what: `the quick pick row "${label}"`,
      timeoutMs: 15_000,
    });
    await this.page.keyboard.press('Enter');
  }

  /** Types into an open input box and accepts; returns the box's input type ("password" for a secret). */
  async answerInputBox(text: string): Promise<string> {
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible', timeout: 20_000 });
    const type = (await input.getAttribute('type')) ?? 'text';
    await input.fill(text);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(PALETTE_INPUT, { state: 'hidden', timeout: 20_000 });
    return type;
  }

  /** Clicks the editor tab labelled exactly `label`, e.g. "pagination.js" (its editor gets the focus). */
  async focusTab(label: string): Promise<void> {
    await this.assertNoModalDialog();
    const tab = `.tabs-container .tab:has(.label-name:text-is("${label}"))`;
    await this.page.click(tab);
    await this.page.waitForSelector(`${tab}.active`, { timeout: 10_000 });
  }

  /** Closes the editor tab labelled exactly `label` with its close button. */
  async closeTab(label: string): Promise<void> {
    const tab = this.page.locator(`.tabs-container .tab:has(.label-name:text-is("${label}"))`);
    await tab.hover();
    await tab.locator('.tab-actions .action-label').click();
    await tab.waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** The labels of every editor tab, in every group. */
  async tabLabels(): Promise<string[]> {
    return this.page.$$eval('.tabs-container .tab .label-name', (els) => els.map((e) => (e.textContent ?? '').trim()));
  }

  /** The status bar's "Ln x, Col y" once line `line` ends the selection at its end (read from the file on disk). */
  private selectionEndPattern(line: number): RegExp {
    const file = this.openedFile === undefined ? undefined : join(this.folder, this.openedFile);
    const text = file !== undefined && existsSync(file) ? readFileSync(file, 'utf8').split(/\r?\n/)[line - 1] : undefined;
    return new RegExp(`Ln ${line}, Col ${text === undefined ? '\\d+' : text.length + 1} .*selected`);
  }

  /** Puts the cursor of the active editor at line:column (1-based) through "Go to Line", with no selection. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.assertNoModalDialog();
    await this.page.keyboard.press('Control+G');
    const input = await this.page.waitForSelector(PALETTE_INPUT, { state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(PALETTE_INPUT, { state: 'hidden' });
    await waitFor(
      async () => ((await this.page.textContent('.statusbar-item[id="status.editor.selection"]')) ?? '').trim() === `Ln ${line}, Col ${column}`,
      { what: `the cursor at Ln ${line}, Col ${column}`, timeoutMs: 5_000 },
    );
  }

  /** Selects whole lines a..b (1-based, inclusive) in the active editor; returns the status bar's selection text. */
  async selectLines(a: number, b: number): Promise<string> {
    await this.assertNoModalDialog();
    await this.goTo(a, 1); // in the focused editor: openFile() leaves the focus there
    for (let line = a; line < b; line++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Shift+End');
    // The status bar follows the keys with a delay: wait for the end of line b, not just for line b.
    const end = this.selectionEndPattern(b);
    return waitFor(
      async () => {
        const status = (await this.page.textContent('.statusbar-item[id="status.editor.selection"]')) ?? '';
        return end.test(status) ? status.trim() : undefined;
      },
      { what: `a selection ending at the end of line ${b} (${end.source})`, timeoutMs: 5_000 },
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

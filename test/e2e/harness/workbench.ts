/**
 * Drives the VS Code web workbench in Chromium the way a user does, acting on elements, never on "whatever has the
 * focus": a palette row or quick-pick row is found by its label and clicked, and each action checks that it took
 * effect. VS Code builds some UI lazily (the palette lists a command an extension registers later only when it is
 * reopened, a code action widget may open before every provider answered), so a row that does not show within a few
 * seconds makes the action that shows it run again, until an overall deadline. Every wait is on a condition.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { waitFor } from './waitFor';

export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results');

const QUICK_INPUT = '.quick-input-widget input';
const QUICK_INPUT_ROW = '.quick-input-list .monaco-list-row';
const FOCUSED_ROW = '.quick-input-list .monaco-list-row.focused';
const ACTION_WIDGET = '.action-widget';
const ACTION_ROW = '.action-widget .monaco-list-row';
/**
 * The text editor that has the focus, in whichever group: only one element has the focus, and the editor group's
 * own `active` class has been seen to stay on another group (the results panel's) after an editor was focused.
 */
const ACTIVE_EDITOR_FOCUSED = '.editor-instance .monaco-editor.focused';

/** How long one attempt waits for a row (or a widget) before the action that shows it is repeated. */
export const ATTEMPT_MS = 4_000;

/** A pattern matching exactly `text` (the whole text content, surrounding white space aside). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Resolves true once `locator` is visible, false after `timeoutMs` (for an attempt that is then repeated). */
function shows(locator: Locator, timeoutMs = ATTEMPT_MS): Promise<boolean> {
  return locator.first().waitFor({ state: 'visible', timeout: timeoutMs }).then(
    () => true,
    () => false,
  );
}

export interface RunCommandOptions {
  /** The command's effect, checked after its palette row was clicked. */
  until?: () => Promise<boolean> | boolean;
  /** What `until` waits for, for the timeout message. */
  what?: string;
  /** For `until` (default 20 s). */
  timeoutMs?: number;
  /**
   * The command can safely run twice (it opens or reveals something): when `until` does not hold within a few
   * seconds, it is run again, up to `timeoutMs`. Never for a command with a side effect, such as starting a run.
   */
  idempotent?: boolean;
}

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

  private quickInput(): Locator {
    return this.page.locator(QUICK_INPUT);
  }

  /** The rows of the open quick input whose label is exactly `label`. */
  private rowLabelled(label: string): Locator {
    return this.page.locator(QUICK_INPUT_ROW).filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  /**
   * Opens the palette (F1) and types `>text`, checked: the palette is visible and holds exactly that text.
   * Returns false when it did not open or lost the text (the caller's retry opens it again).
   */
  private async openPalette(text: string): Promise<boolean> {
    await this.closeQuickInput();
    if (!(await this.showQuickInput('F1'))) return false;
    const input = this.quickInput();
    await input.fill(`>${text}`, { timeout: ATTEMPT_MS });
    return (await input.inputValue().catch(() => '')) === `>${text}`;
  }

  /**
   * Shows the quick input with its workbench shortcut (F1, Control+P). A focused webview forwards keys to the
   * workbench asynchronously and may drop one, so when the quick input does not show, the title bar's command
   * center (an element that opens Quick Open when clicked) is clicked instead; the caller types its own prefix
   * (">" for commands). Says in the log which element had the focus when the key did not reach the workbench.
   */
  private async showQuickInput(key: 'F1' | 'Control+P'): Promise<boolean> {
    const input = this.quickInput();
    await this.page.keyboard.press(key);
    if (await shows(input)) return true;
    const focused = await this.page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(/\s+/).slice(0, 3).join('.')}` : ''}` : 'none';
    });
    console.log(`      [harness] ${key} did not show the quick input (focus on ${focused}); clicking the command center`);
    const center = this.page.locator('.command-center .command-center-center');
    if (!(await center.isVisible())) return false;
    await center.click({ timeout: ATTEMPT_MS });
    return shows(input);
  }

  /** Closes a modal dialog and the quick input if either is open, so one failed test does not block the next. */
  async dismissOverlays(): Promise<void> {
    for (let i = 0; i < 3 && (await this.page.isVisible('.monaco-dialog-modal-block')); i++) {
      await this.page.keyboard.press('Escape');
      await this.page.waitForSelector('.monaco-dialog-modal-block', { state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    if (await this.page.isVisible(ACTION_WIDGET)) {
      await this.page.locator(ACTION_WIDGET).press('Escape').catch(() => undefined);
      await this.page.waitForSelector(ACTION_WIDGET, { state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    await this.closeQuickInput();
  }

  /** Closes the quick input if it is open: Escape pressed on its own input element, then checked. */
  async closeQuickInput(): Promise<void> {
    await waitFor(
      async () => {
        const input = this.quickInput();
        if (!(await input.isVisible())) return true;
        await input.press('Escape', { timeout: ATTEMPT_MS });
        return input.waitFor({ state: 'hidden', timeout: ATTEMPT_MS }).then(
          () => true,
          () => false,
        );
      },
      { what: 'the quick input to close', timeoutMs: 20_000 },
    );
  }

  /** True once the palette opened with `>title` is gone: closed, or replaced by the command's own quick input. */
  private async paletteLeft(title: string): Promise<boolean> {
    const input = this.quickInput();
    return !(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== `>${title}`;
  }

  /**
   * Runs a command by its exact palette title, e.g. "Parallax: Compare Fixes for Selection": opens the palette, waits
   * for the row labelled exactly `title` and clicks it (reopening the palette when the row does not show), then checks
   * that the palette took it (it closed, or the command opened its own quick input) and, with `opts.until`, that the
   * command had its effect.
   */
  async runCommand(title: string, opts: RunCommandOptions = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    const deadline = Date.now() + 30_000 + (opts.idempotent ? timeoutMs : 0);
    for (let attempt = 1; ; attempt++) {
      await this.assertNoModalDialog();
      await this.clickPaletteRow(title, deadline);
      const until = opts.until;
      if (!until) return;
      const effectMs = opts.idempotent ? Math.min(timeoutMs, ATTEMPT_MS * 2) : timeoutMs;
      const done = await waitFor(until, { what: opts.what ?? `the effect of "${title}"`, timeoutMs: effectMs }).then(
        () => true,
        (err: unknown) => err,
      );
      if (done === true) return;
      if (!opts.idempotent || Date.now() >= deadline) throw done;
      console.log(`      [harness] "${title}" had no effect yet (attempt ${attempt}); running it again`);
    }
  }

  private async clickPaletteRow(title: string, deadline: number): Promise<void> {
    let attempts = 0;
    await waitFor(
      async () => {
        if (++attempts > 1) console.log(`      [harness] reopening the palette for "${title}" (attempt ${attempts})`);
        if (!(await this.openPalette(title))) return false;
        const row = this.rowLabelled(title).first();
        if (!(await shows(row))) return false;
        // The list may still be filtering: click only while the palette holds the title.
        if ((await this.quickInput().inputValue()) !== `>${title}`) return false;
        await row.click({ timeout: ATTEMPT_MS });
        return waitFor(() => this.paletteLeft(title), { what: 'the palette to take the click', timeoutMs: ATTEMPT_MS });
      },
      { what: `the command palette row "${title}" to show and take a click`, timeoutMs: Math.max(deadline - Date.now(), ATTEMPT_MS * 2), intervalMs: 200 },
    );
  }

  /**
   * Every command title the palette lists for `query`, read by walking the (virtualised) list until the focus wraps.
   * Leaves the palette open (for a screenshot); call closeQuickInput() after.
   */
  async paletteTitles(query: string): Promise<string[]> {
    const first = await waitFor(
      async () => ((await this.openPalette(query)) ? waitFor(() => this.rowLabel(FOCUSED_ROW), { what: 'a focused row', timeoutMs: ATTEMPT_MS }) : undefined),
      { what: `palette results for "${query}"`, timeoutMs: 30_000 },
    );
    const input = this.quickInput();
    const titles = [first];
    const rowCount = async (): Promise<number> => (await this.page.$$(QUICK_INPUT_ROW)).length;
    for (let i = 0; i < 500; i++) {
      const before = titles[titles.length - 1];
      await input.press('ArrowDown');
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
   * visible) and waits until it is the focused editor. Quick Open is opened again when the file's row does not show.
   */
  async openFile(relativePath: string): Promise<void> {
    await this.assertNoModalDialog();
    await this.closeQuickInput();
    if ((await this.page.$$('.editor-group-container')).length > 1) await this.runCommand('View: Focus First Editor Group');
    const name = relativePath.split('/').pop() ?? relativePath;
    // The file's rows: its aria-label is "<name> <folder>, …", or "<name>, …" at the root. Recently opened editors
    // that share the name (a diff editor of an answer named pagination.js) may be listed first.
    const rows = this.page.locator(`${QUICK_INPUT_ROW}[aria-label^="${name} "], ${QUICK_INPUT_ROW}[aria-label^="${name},"]`);
    // The active editor is the file when the window title starts with its name (VS Code's default title,
    // "${dirty}${activeEditorShort} - …"): a diff editor of an answer ("A ↔ B") or the results panel ("Fix ·
    // src/pagination.js:13-14") does not. Read from the title rather than from the tabs, whose group classes have
    // been seen to lag behind.
    const titled = new RegExp(`^(?:● )?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?: - |$)`);
    const activeEditorIsFile = (): Promise<boolean> =>
      waitFor(async () => titled.test(await this.page.title()), { what: 'the title', timeoutMs: 10_000 }).then(
        () => true,
        () => false,
      );
    const focusedEditor = this.page.locator(ACTIVE_EDITOR_FOCUSED);
    let attempts = 0;
    await waitFor(
      async () => {
        if (++attempts > 1) console.log(`      [harness] Quick Open again for ${relativePath} (attempt ${attempts})`);
        await this.closeQuickInput();
        if (!(await this.showQuickInput('Control+P'))) return false;
        const input = this.quickInput();
        await input.fill(relativePath, { timeout: ATTEMPT_MS });
        if (!(await shows(rows.first()))) {
          console.log(`      [harness] Quick Open lists no row for ${relativePath}`);
          return false;
        }
        if ((await input.inputValue()) !== relativePath) return false;
        // A row that did not open the file (a diff editor of an answer with the same name, say) is passed over on
        // the next attempt: each attempt takes the next matching row.
        const count = await rows.count();
        await rows.nth((attempts - 1) % Math.max(1, count)).click({ timeout: ATTEMPT_MS });
        if (!(await activeEditorIsFile())) {
          console.log(`      [harness] ${relativePath} is not the active editor (title "${await this.page.title()}"); tabs: ${JSON.stringify(await this.tabLabels())}`);
          return false;
        }
        if (await shows(focusedEditor, 10_000)) return true;
        // Opened, but another element (a webview that took the focus back, say) has it: a click on the editor's
        // own text area gives the editor the focus the way a user would.
        console.log(`      [harness] ${relativePath} opened without the focus; clicking into its editor`);
        await this.page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first().click({ timeout: ATTEMPT_MS }).catch(() => undefined);
        return shows(focusedEditor);
      },
      { what: `Quick Open to open ${relativePath} in the focused editor`, timeoutMs: 60_000, intervalMs: 200 },
    );
    this.openedFile = relativePath;
  }

  /**
   * Picks the row of an open quick pick whose text (label or description) contains `label`: types it as the filter
   * (again, if another quick pick took the input), clicks that row, and checks the quick pick took it (it closed, or
   * the next step replaced it).
   */
  async pickQuickInputItem(label: string): Promise<void> {
    const input = this.quickInput();
    const row = this.page.locator(QUICK_INPUT_ROW, { hasText: label }).first();
    await waitFor(
      async () => {
        if (!(await shows(input))) return false;
        if ((await input.inputValue()) !== label) await input.fill(label, { timeout: ATTEMPT_MS });
        if (!(await shows(row))) return false;
        if ((await input.inputValue()) !== label) return false;
        await row.click({ timeout: ATTEMPT_MS });
        return waitFor(async () => !(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== label, {
          what: 'the quick pick to take the click',
          timeoutMs: ATTEMPT_MS,
        });
      },
      { what: `the quick pick row "${label}"`, timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  /** Types into an open input box and accepts (Enter on the box itself); returns its input type ("password" for a secret). */
  async answerInputBox(text: string): Promise<string> {
    const input = this.quickInput();
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    const type = (await input.getAttribute('type')) ?? 'text';
    const step = await input.getAttribute('aria-label');
    await input.fill(text);
    await input.press('Enter');
    // Accepted when the box closes, or when a multi-step flow shows its next step in the same widget at once.
    await waitFor(
      async () =>
        !(await input.isVisible()) ||
        (await input.getAttribute('aria-label').catch(() => step)) !== step ||
        (await input.inputValue().catch(() => text)) !== text,
      { what: 'the input box to take the answer', timeoutMs: 20_000 },
    );
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

  private async cursorStatus(): Promise<string> {
    return ((await this.page.textContent('.statusbar-item[id="status.editor.selection"]').catch(() => null)) ?? '').trim();
  }

  /**
   * Puts the cursor of the active editor at line:column (1-based) through "Go to Line", with no selection; "Go to
   * Line" is opened again until the status bar shows the position.
   */
  async goTo(line: number, column = 1): Promise<void> {
    await this.assertNoModalDialog();
    const target = `:${line}:${column}`;
    await waitFor(
      async () => {
        await this.closeQuickInput();
        await this.page.keyboard.press('Control+G');
        const input = this.quickInput();
        if (!(await shows(input))) return false;
        await input.fill(target, { timeout: ATTEMPT_MS });
        if ((await input.inputValue()) !== target) return false;
        await input.press('Enter');
        await input.waitFor({ state: 'hidden', timeout: ATTEMPT_MS });
        return waitFor(async () => (await this.cursorStatus()) === `Ln ${line}, Col ${column}`, { what: 'the cursor to move', timeoutMs: ATTEMPT_MS });
      },
      { what: `the cursor at Ln ${line}, Col ${column}`, timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  /**
   * Opens the code action widget (Ctrl+.) at line:column of the active editor until it lists a row containing
   * `title`, and returns that row (visible). Each attempt closes the widget, puts the cursor back and triggers it
   * again: the widget shows what the providers answered when it opened. Click the row with pickCodeAction().
   */
  async openCodeActions(title: string, line: number, column: number): Promise<Locator> {
    const widget = this.page.locator(ACTION_WIDGET);
    const row = this.page.locator(ACTION_ROW, { hasText: title }).first();
    let offered: string[] = [];
    let attempts = 0;
    await waitFor(
      async () => {
        if (++attempts > 1) console.log(`      [harness] triggering the code actions again for "${title}" (attempt ${attempts}; offered: ${JSON.stringify(offered)})`);
        if (await widget.isVisible()) {
          await widget.press('Escape').catch(() => undefined);
          await widget.waitFor({ state: 'hidden', timeout: ATTEMPT_MS }).catch(() => undefined);
        }
        await this.goTo(line, column);
        if (!(await shows(this.page.locator(ACTIVE_EDITOR_FOCUSED)))) return false;
        await this.editorKeys('Control+.');
        if (await shows(row)) {
          await row.scrollIntoViewIfNeeded({ timeout: ATTEMPT_MS });
          return true;
        }
        offered = (await this.page.locator(ACTION_ROW).allTextContents().catch(() => [])).map((t) => t.trim());
        return false;
      },
      { what: `the code action "${title}" (last offered: ${JSON.stringify(offered)})`, timeoutMs: 45_000, intervalMs: 200 },
    );
    return row;
  }

  /** Clicks a code action row that openCodeActions() returned and checks that the widget closed (the action ran). */
  async pickCodeAction(row: Locator): Promise<void> {
    // The widget covers the page with a pointer block until the mouse moves (so the click that opened it cannot pick
    // a row): move the mouse onto the row, which removes the block, then click the row.
    const block = this.page.locator('.context-view-pointerBlock');
    await waitFor(
      async () => {
        const box = await row.boundingBox();
        if (!box) return false;
        await this.page.mouse.move(box.x + 8, box.y + box.height / 2);
        await this.page.mouse.move(box.x + 16, box.y + box.height / 2, { steps: 2 });
        return (await block.count()) === 0;
      },
      { what: 'the code action widget to take the pointer', timeoutMs: 10_000 },
    );
    await row.click({ timeout: ATTEMPT_MS * 2 });
    await this.page.locator(ACTION_WIDGET).waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Presses `keys` in the active editor, once it is checked to have the focus (keys never go to another element). */
  async editorKeys(...keys: string[]): Promise<void> {
    await this.page.waitForSelector(ACTIVE_EDITOR_FOCUSED, { timeout: 10_000 });
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Types `text` into the active editor, once it is checked to have the focus. */
  async editorType(text: string): Promise<void> {
    await this.page.waitForSelector(ACTIVE_EDITOR_FOCUSED, { timeout: 10_000 });
    await this.page.keyboard.type(text);
  }

  /** Selects whole lines a..b (1-based, inclusive) in the active editor; returns the status bar's selection text. */
  async selectLines(a: number, b: number): Promise<string> {
    await this.assertNoModalDialog();
    await this.goTo(a, 1); // in the focused editor: openFile() leaves the focus there
    await this.editorKeys(...Array.from({ length: b - a }, () => 'Shift+ArrowDown'), 'Shift+End');
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

/**
 * A second VS Code window on a folder of the test's own (a fixture repository in a temporary directory), opened
 * after the user settings are overridden so that its extension host starts with them. `dispose` (from `after`)
 * closes the window, restores the settings and removes the directory, whatever the test got to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { E2eSession } from './e2eSession';
import { UserSettingsFile } from './userSettingsFile';
import { Workbench } from './workbench';

export class SecondWindow {
  window: Workbench | undefined;
  readonly settings: UserSettingsFile;
  private dir: string | undefined;

  constructor(
    private readonly session: E2eSession,
    private readonly prefix: string,
  ) {
    this.settings = new UserSettingsFile(session.userSettingsPath);
  }

  /** The test's temporary directory (made on first use). */
  get tmp(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), this.prefix));
    return this.dir;
  }

  /** Opens the window on `folder` (closing one still open). */
  async open(folder: string): Promise<Workbench> {
    await this.close();
    const browser = this.session.workbench.page.context().browser() as Browser;
    this.window = await Workbench.open(browser, this.session.server.url, folder);
    return this.window;
  }

  async close(): Promise<void> {
    await this.window?.page.close().catch(() => undefined);
    this.window = undefined;
  }

  async dispose(): Promise<void> {
    await this.close();
    this.settings.restore();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

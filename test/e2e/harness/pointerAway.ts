/**
 * Moves the mouse into a webview element, so a workbench hover left by an earlier action (a tab's tooltip, say) goes
 * away instead of covering the panel's toolbar; then waits until no workbench hover is shown.
 */
import type { Frame } from 'playwright-core';
import type { Workbench } from './workbench';

export async function pointerInto(workbench: Workbench, frame: Frame, selector: string): Promise<void> {
  await frame.hover(selector, { timeout: 10_000 });
  await workbench.page.locator('.context-view .monaco-hover, .context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

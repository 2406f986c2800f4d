/** Workbench notification toasts: read them, wait for one, click its buttons, clear them all. */
import type { Workbench } from './workbench';
import { waitFor } from './waitFor';

const TOAST = '.notifications-toasts .notification-toast';
const BUTTON = '.notification-list-item-buttons-container .monaco-button';

/** The message of every visible toast, whitespace collapsed. */
export function notificationTexts(workbench: Workbench): Promise<string[]> {
  return workbench.page.$$eval(`${TOAST} .notification-list-item-message`, (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

export function waitForNotification(workbench: Workbench, text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const matches = (t: string): boolean => (typeof text === 'string' ? t.includes(text) : text.test(t));
  return waitFor(async () => (await notificationTexts(workbench)).find(matches), { what: `a notification matching ${String(text)}`, timeoutMs });
}

/** The button labels of the newest toast containing `text`. */
export function notificationButtons(workbench: Workbench, text: string): Promise<string[]> {
  return workbench.page.locator(TOAST, { hasText: text }).last().locator(BUTTON).allTextContents();
}

export async function clickNotificationButton(workbench: Workbench, text: string, button: string): Promise<void> {
  await workbench.page.locator(TOAST, { hasText: text }).last().locator(BUTTON, { hasText: button }).click();
}

export async function clearNotifications(workbench: Workbench): Promise<void> {
  if ((await workbench.page.$$(TOAST)).length === 0) return;
  await workbench.runCommand('Notifications: Clear All Notifications');
  await waitFor(async () => (await workbench.page.$$(TOAST)).length === 0, { what: 'the notifications to clear', timeoutMs: 10_000 });
}

/**
 * Workbench notifications: read them, wait for one, click its buttons, clear them all. A toast can hide before it is
 * read (VS Code purges toasts after a while), so a wait that finds no toast opens the notification center, which
 * lists every notification, and reads it too.
 */
import { ATTEMPT_MS, type Workbench } from './workbench';
import { waitFor } from './waitFor';

const TOAST = '.notifications-toasts .notification-toast';
const CENTER = '.notifications-center.visible';
const CENTER_ITEM = `${CENTER} .notification-list-item`;
const ITEM = `${TOAST}, ${CENTER_ITEM}`;
const MESSAGE = '.notification-list-item-message';
const BUTTON = '.notification-list-item-buttons-container .monaco-button';

/** The message of every visible notification (toasts, and the center when it is open), whitespace collapsed. */
export function notificationTexts(workbench: Workbench): Promise<string[]> {
  return workbench.page.$$eval(`${TOAST} ${MESSAGE}, ${CENTER_ITEM} ${MESSAGE}`, (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
}

export function waitForNotification(workbench: Workbench, text: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const matches = (t: string): boolean => (typeof text === 'string' ? t.includes(text) : text.test(t));
  const openCenterAt = Date.now() + ATTEMPT_MS * 2;
  let centerOpened = false;
  return waitFor(
    async () => {
      const found = (await notificationTexts(workbench)).find(matches);
      if (found !== undefined) return found;
      if (!centerOpened && Date.now() >= openCenterAt) {
        centerOpened = true;
        if (!(await workbench.page.isVisible(CENTER))) await workbench.runCommand('Notifications: Show Notifications');
      }
      return undefined;
    },
    { what: `a notification matching ${String(text)}`, timeoutMs },
  );
}

/**
 * The button labels of the newest notification containing `text`, once it shows any (a toast that is still sliding
 * in, or one pushed below the window by another, shows its message before its buttons); [] after `timeoutMs`.
 */
export async function notificationButtons(workbench: Workbench, text: string, timeoutMs = 10_000): Promise<string[]> {
  const buttons = workbench.page.locator(ITEM, { hasText: text }).last().locator(BUTTON);
  await buttons.first().waitFor({ state: 'attached', timeout: timeoutMs }).catch(() => undefined);
  return buttons.allTextContents();
}

export async function clickNotificationButton(workbench: Workbench, text: string, button: string): Promise<void> {
  await workbench.page.locator(ITEM, { hasText: text }).last().locator(BUTTON, { hasText: button }).click();
}

export async function clearNotifications(workbench: Workbench): Promise<void> {
  const { page } = workbench;
  if ((await page.$$(ITEM)).length > 0) {
    await workbench.runCommand('Notifications: Clear All Notifications', {
      until: async () => (await page.$$(ITEM)).length === 0,
      what: 'the notifications to clear',
      idempotent: true,
      timeoutMs: 10_000,
    });
  }
  if (await page.isVisible(CENTER)) {
    await workbench.runCommand('Notifications: Hide Notifications', { until: async () => !(await page.isVisible(CENTER)), what: 'the notification center to close', idempotent: true });
  }
}

/**
 * Mocha root hooks for the e2e suite (loaded by .mocharc.e2e.json): one code-server session for all tests,
 * a screenshot of every failed test, and teardown at the end or on Ctrl+C.
 */
import type { Context } from 'mocha';
import { startE2eSession, type E2eSession } from './e2eSession';

let current: E2eSession | undefined;

/** The running session; only valid inside tests and hooks. */
export function e2e(): E2eSession {
  if (!current) throw new Error('the e2e session is not running (did the root beforeAll hook fail?)');
  return current;
}

async function stopOnSignal(signal: NodeJS.Signals): Promise<void> {
  await current?.teardown();
  process.kill(process.pid, signal);
}

export const mochaHooks = {
  async beforeAll(this: Context): Promise<void> {
    this.timeout(300_000);
    process.once('SIGINT', (s) => void stopOnSignal(s));
    process.once('SIGTERM', (s) => void stopOnSignal(s));
    current = await startE2eSession();
  },
  async afterEach(this: Context): Promise<void> {
    const test = this.currentTest;
    if (!current) return;
    if (test?.state === 'failed') {
      const path = await current.workbench.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
      if (path) console.log(`      screenshot: ${path}`);
    }
    await current.workbench.dismissOverlays().catch(() => undefined);
  },
  async afterAll(this: Context): Promise<void> {
    this.timeout(60_000);
    await current?.teardown();
    current = undefined;
  },
};

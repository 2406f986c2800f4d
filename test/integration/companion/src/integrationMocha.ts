/**
 * The one Mocha instance of the integration suite. Importing this module installs `describe`/`it`/hooks as globals
 * (mocha's `pre-require`), so the suite modules imported after it in integrationRunner.ts register into it.
 */
import Mocha from 'mocha';

export const integrationMocha = new Mocha({ ui: 'bdd', timeout: 30_000, reporter: 'spec', color: false });
integrationMocha.suite.emit('pre-require', globalThis, 'integration', integrationMocha);

/** Why tests were skipped at run time, by full title, for the report. */
export const skipReasons = new Map<string, string>();

/** Skips the current test and records why. */
export function skipBecause(context: Mocha.Context, reason: string): never {
  if (context.test) skipReasons.set(context.test.fullTitle(), reason);
  context.skip();
}

/** Figures a test reports (e.g. a soak's heap growth), by full title, for the report. */
export const testNotes = new Map<string, string[]>();

/** Adds a line to the current test's entry in the report; the e2e layer prints it under the test. */
export function reportNote(context: Mocha.Context, text: string): void {
  const title = context.test?.fullTitle();
  if (title === undefined) return;
  testNotes.set(title, [...(testNotes.get(title) ?? []), text]);
}

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

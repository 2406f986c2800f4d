// Mocha reporter for scripts/test-all.mjs: prints like "spec" and, at the end, writes the run's counts as JSON to
// the file given by `--reporter-option statsFile=<path>`.
'use strict';
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const reporterOptions = options.reporterOption ?? options.reporterOptions ?? {};
    const statsFile = reporterOptions.statsFile;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (!statsFile) return;
      const { passes, failures, pending } = runner.stats;
      writeFileSync(statsFile, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}

module.exports = StatsReporter;

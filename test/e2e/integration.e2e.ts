import assert from 'node:assert/strict';
import Mocha from 'mocha';
import type { IntegrationReport, IntegrationRunFailure } from '../integration/integrationReport';
import { sendCompanionRequest } from './harness/companionOutput';
import { e2e } from './harness/rootHooks';
import { parseJson, waitForFile } from './harness/waitFor';

// The companion runs test/integration/suites inside the extension host (real `vscode` API) when the harness drops an
// `integration` request file (never through the palette) and writes a JSON report; each reported test becomes a
// mocha test here, so it is counted and named in this suite's results.
describe('integration suite (inside the extension host)', function () {
  let report: IntegrationReport | undefined;

  before(async function () {
    this.timeout(480_000);
    const { outDir, integrationReportPath } = e2e();
    sendCompanionRequest(outDir, 'integration');
    const written = await waitForFile(integrationReportPath, {
      parse: parseJson<IntegrationReport | IntegrationRunFailure>,
      timeoutMs: 470_000,
      what: 'the integration report',
    });
    if ('error' in written) throw new Error(`the integration suite could not run: ${written.error}`);
    report = written;
    const suite = this.test?.parent;
    if (!suite) throw new Error('no parent suite to add the reported tests to');
    for (const result of report.tests) {
      suite.addTest(
        new Mocha.Test(result.fullTitle, function (this: Mocha.Context) {
          for (const note of result.notes ?? []) console.log(`      ${note}`);
          if (result.state === 'skipped') {
            console.log(`      skipped: ${result.error ?? 'no reason given'}`);
            this.skip();
          }
          if (result.state === 'failed') throw new Error(result.error ?? 'failed in the extension host');
        }),
      );
    }
  });

  it('ran in the extension host and reported its tests', () => {
    assert.ok(report, 'a report was written');
    assert.ok(report.tests.length >= 5, `at least 5 integration tests reported (got ${report.tests.length})`);
    assert.match(report.vscodeVersion, /^1\.\d+\.\d+/);
  });
});

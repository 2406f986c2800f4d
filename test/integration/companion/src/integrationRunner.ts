/**
 * Runs the integration suite (test/integration/suites) inside the extension host and returns a report.
 * Import order matters: integrationMocha installs the mocha globals before the suites load.
 */
import * as vscode from 'vscode';
import type Mocha from 'mocha';
import type { IntegrationReport, IntegrationTestResult } from '../../integrationReport';
import { integrationMocha, skipReasons, testNotes } from './integrationMocha';
import '../../suites/commands.test';
import '../../suites/configuration.test';
import '../../suites/secrets.test';
import '../../suites/languageModel.test';
import '../../suites/soak.test';

let ran = false;

function describeError(err: unknown): string {
  return err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
}

/** Runs the suite once per extension host (a Mocha instance cannot run twice). */
export function runIntegrationSuite(): Promise<IntegrationReport> {
  if (ran) return Promise.reject(new Error('the integration suite already ran in this extension host'));
  ran = true;
  const startedAt = new Date().toISOString();
  const tests: IntegrationTestResult[] = [];
  const record = (test: Mocha.Runnable, state: IntegrationTestResult['state'], error?: string): void => {
    const result: IntegrationTestResult = { fullTitle: test.titlePath().join(' › '), state };
    if (test.duration !== undefined) result.durationMs = test.duration;
    if (error !== undefined) result.error = error;
    const notes = testNotes.get(test.fullTitle());
    if (notes) result.notes = notes;
    tests.push(result);
  };
  return new Promise((resolve) => {
    const runner = integrationMocha.run(() =>
      resolve({ vscodeVersion: vscode.version, startedAt, endedAt: new Date().toISOString(), tests }),
    );
    runner.on('pass', (test) => record(test, 'passed'));
    runner.on('fail', (test, err) => record(test, 'failed', describeError(err)));
    runner.on('pending', (test) => record(test, 'skipped', skipReasons.get(test.fullTitle())));
  });
}

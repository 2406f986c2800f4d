/** The JSON report the companion writes after running the integration suite in the extension host. */
export interface IntegrationTestResult {
  /** "suite title › test title" */
  fullTitle: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
  /** Failure message and stack, or the reason a test was skipped. */
  error?: string;
  /** Figures the test reported, printed under it by the e2e layer. */
  notes?: string[];
}

export interface IntegrationReport {
  vscodeVersion: string;
  startedAt: string;
  endedAt: string;
  tests: IntegrationTestResult[];
}

/** What the companion writes when the suite could not run at all. */
export interface IntegrationRunFailure {
  error: string;
}

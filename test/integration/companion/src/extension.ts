/**
 * Parallax Test Companion: a test-only extension, installed unpacked next to Parallax by the e2e harness.
 * - registers a `vscode.lm` echo model (proposed API) for the vscode-lm adapter test;
 * - answers the harness's requests (requestChannel.ts: files in $PARALLAX_TEST_OUT, never the command palette, so
 *   it contributes no commands and shows nothing in the palette):
 *   - `state`: Parallax's activation state;
 *   - `watchRuns`: subscribes to Parallax's onDidFinishRun and writes each run to $PARALLAX_TEST_OUT/runs/;
 *   - `integration`: runs test/integration/suites and writes the report to $PARALLAX_INTEGRATION_REPORT;
 *   - the editor probes (open documents, test diagnostics, settings updates), see editorProbes.ts.
 * `run()` is the @vscode/test-electron entry point for the same suite (`npm run test:desktop`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { setCompanionContext } from './companionContext';
import { registerEchoLanguageModel } from './echoLanguageModel';
import { editorProbes } from './editorProbes';
import { runIntegrationSuite } from './integrationRunner';
import { activateParallax, PARALLAX_ID } from './parallaxApi';
import { startRequestChannel, writeJsonAtomic } from './requestChannel';

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeJsonAtomic(path, value);
}

export function activate(context: vscode.ExtensionContext): void {
  setCompanionContext(context);
  const echo = registerEchoLanguageModel();
  if (echo) context.subscriptions.push(echo);

  // Without PARALLAX_TEST_OUT (the desktop runner) nobody sends requests.
  const outDir = process.env.PARALLAX_TEST_OUT;
  if (!outDir) return;

  let watching: Promise<{ since: number }> | undefined;
  const watchRuns = async (): Promise<{ since: number }> => {
    const api = await activateParallax();
    context.subscriptions.push(api.onDidFinishRun((run) => writeJson(join(outDir, 'runs', `${run.runId}.json`), run)));
    return { since: Date.now() };
  };

  const probes = editorProbes();
  context.subscriptions.push(
    probes.disposable,
    startRequestChannel(outDir, {
      ...probes.handlers,
      state: () => {
        const ext = vscode.extensions.getExtension(PARALLAX_ID);
        return {
          installed: ext !== undefined,
          isActive: ext?.isActive ?? false,
          echoModelRegistered: echo !== undefined,
          modelIds: (vscode.workspace.getConfiguration('parallax').get<{ id?: unknown }[]>('models') ?? []).map((m) => String(m.id)),
          workspaceTrusted: vscode.workspace.isTrusted,
          writtenAt: Date.now(),
        };
      },
      // Once per extension host: a second request gets the first subscription's answer.
      watchRuns: () => {
        watching ??= watchRuns();
        return watching;
      },
      integration: async () => {
        const reportPath = process.env.PARALLAX_INTEGRATION_REPORT ?? join(outDir, 'integration-report.json');
        try {
          writeJson(reportPath, await runIntegrationSuite());
        } catch (err) {
          writeJson(reportPath, { error: err instanceof Error ? err.message : String(err) });
        }
        return { reportPath };
      },
    }),
  );
}

export function deactivate(): void {}

/** @vscode/test-electron calls this in the extension host; it rejects when any test failed. */
export async function run(): Promise<void> {
  // Under @vscode/test-electron this module is loaded as the tests entry: make sure the companion itself activated.
  await vscode.extensions.getExtension('parallax-dev.parallax-test-companion')?.activate();
  const report = await runIntegrationSuite();
  const failed = report.tests.filter((t) => t.state === 'failed');
  if (failed.length > 0) throw new Error(`${failed.length} integration test(s) failed: ${failed.map((t) => t.fullTitle).join('; ')}`);
}

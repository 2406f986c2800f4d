/**
 * Parallax Test Companion: a test-only extension, installed unpacked next to Parallax by the e2e harness.
 * - registers a `vscode.lm` echo model (proposed API) for the vscode-lm adapter test;
 * - "Parallax Test: Write State" writes Parallax's activation state to $PARALLAX_TEST_OUT/state.json;
 * - "Parallax Test: Watch Runs" subscribes to Parallax's onDidFinishRun and writes each run to $PARALLAX_TEST_OUT/runs/;
 * - "Parallax Test: Run Integration Suite" runs test/integration/suites and writes $PARALLAX_INTEGRATION_REPORT;
 * - the editor probes (open documents, test diagnostics, settings updates), see editorProbes.ts.
 * `run()` is the @vscode/test-electron entry point for the same suite (`npm run test:desktop`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { setCompanionContext } from './companionContext';
import { registerEchoLanguageModel } from './echoLanguageModel';
import { registerEditorProbes } from './editorProbes';
import { runIntegrationSuite } from './integrationRunner';
import { activateParallax, PARALLAX_ID } from './parallaxApi';

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename would be atomic; readers retry on a partial JSON instead, which is enough here.
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function outDir(): string {
  const dir = process.env.PARALLAX_TEST_OUT;
  if (!dir) throw new Error('PARALLAX_TEST_OUT is not set');
  return dir;
}

export function activate(context: vscode.ExtensionContext): void {
  setCompanionContext(context);
  const echo = registerEchoLanguageModel();
  if (echo) context.subscriptions.push(echo);

  context.subscriptions.push(
    ...registerEditorProbes({ outDir, writeJson }),
    vscode.commands.registerCommand('parallaxTest.writeState', () => {
      const ext = vscode.extensions.getExtension(PARALLAX_ID);
      writeJson(join(outDir(), 'state.json'), {
        installed: ext !== undefined,
        isActive: ext?.isActive ?? false,
        echoModelRegistered: echo !== undefined,
        modelIds: (vscode.workspace.getConfiguration('parallax').get<{ id?: unknown }[]>('models') ?? []).map((m) => String(m.id)),
        workspaceTrusted: vscode.workspace.isTrusted,
        writtenAt: Date.now(),
      });
    }),
    vscode.commands.registerCommand('parallaxTest.watchRuns', async () => {
      // Failures go to the file the harness waits for (a thrown error would open a modal dialog in the workbench).
      const marker = join(outDir(), 'watching.json');
      try {
        const api = await activateParallax();
        context.subscriptions.push(api.onDidFinishRun((run) => writeJson(join(outDir(), 'runs', `${run.runId}.json`), run)));
        writeJson(marker, { since: Date.now() });
      } catch (err) {
        writeJson(marker, { error: err instanceof Error ? err.message : String(err) });
      }
    }),
    vscode.commands.registerCommand('parallaxTest.runIntegration', async () => {
      const reportPath = process.env.PARALLAX_INTEGRATION_REPORT ?? join(outDir(), 'integration-report.json');
      try {
        writeJson(reportPath, await runIntegrationSuite());
      } catch (err) {
        writeJson(reportPath, { error: err instanceof Error ? err.message : String(err) });
      }
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

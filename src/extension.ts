/**
 * Activation: build the services, register commands, views, the code action and the panel serializer, and return
 * the public API. Nothing here loads a model SDK (the providers import them on the first run). If activation
 * fails, the user sees why.
 *
 * Loading this file runs almost nothing: the host's modules (zod schemas, markdown-it, the services) are imported
 * with `import()` inside `activate`; esbuild.mjs makes them a second bundle (dist/extensionWiring.js) that is read only then (see
 * bench/results.md, load row).
 */
import * as vscode from 'vscode';
import type { ConfigProblem } from './core/config/configProblems';
import type { FinishedRun } from './host/run/comparisonController';

export interface ParallaxApi {
  apiVersion: 1;
  /** Fires when every model of a run has settled (again after a retry). */
  onDidFinishRun: vscode.Event<FinishedRun>;
  /** The settings problems Parallax currently reports (bad `parallax.*` values, each naming entry and field). */
  getConfigProblems(): ConfigProblem[];
}

let shutdown: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ParallaxApi | undefined> {
  const log = vscode.window.createOutputChannel('Parallax', { log: true });
  context.subscriptions.push(log);
  try {
    const { wireExtension } = await import('./host/extensionWiring.js');
    const wired = wireExtension(context, log);
    const { onDidFinishRun, settings } = wired;
    shutdown = () => wired.shutdown();
    log.info('Parallax activated');
    return { apiVersion: 1, onDidFinishRun, getConfigProblems: () => settings.problems };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`Activation failed: ${err instanceof Error && err.stack ? err.stack : message}`);
    void vscode.window.showErrorMessage(`Parallax failed to start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    return undefined;
  }
}

/** Waits (bounded) until running comparisons are recorded as cancelled and every log write has finished. */
export async function deactivate(): Promise<void> {
  await shutdown?.();
}

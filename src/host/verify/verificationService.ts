/**
 * Verify All / Verify one column: picks the check, asks for trust and confirmation, builds each column's
 * candidate, runs the checks in isolated checkouts and shows each result in its column as it comes. Each finished
 * (or cancelled) check is appended to the log as a `verification` event; its output opens as a read-only document.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Candidate } from '../../core/verify/candidateChanges';
import { type CheckCommand, detectCheck } from '../../core/verify/checkDetection';
import { defaultCheckoutRoot } from '../../core/verify/checkoutRoot';
import type { CheckRun, Verification } from '../../core/verify/verificationOutcome';
import { BASELINE_KEY, runVerification } from '../../core/verify/verificationRunner';
import type { VerificationView } from '../../shared/verificationProtocol';
import type { HostToResults } from '../../shared/protocol';
import type { SettingsService } from '../config/settings';
import type { PreferenceService } from '../prefs/preferenceService';
import type { ComparisonController, LiveRun } from '../run/comparisonController';
import { candidateOfColumn } from './candidateFromColumn';
import { mayRunCheck } from './verifyConfirmation';
import { readVerifySettings } from './verifySettings';
import type { VerificationOutputs } from './verificationOutputs';

export interface VerificationDeps {
  controller: ComparisonController;
  preferences: PreferenceService;
  settings: SettingsService;
  outputs: VerificationOutputs;
  globalState: vscode.Memento;
  post(message: HostToResults): void;
  log: vscode.LogOutputChannel;
  checkoutRoot?: string;
}

/** A probe of the workspace folder's root files, for detection. */
/** Where a column's check output is kept: one per sample (Repeat N), the column id alone for sample 1. */
function outputKeyOf(columnId: string, sample: number): string {
  return sample > 1 ? `${columnId}/sample-${sample}` : columnId;
}

function probeOf(folder: string): { exists(p: string): boolean; read(p: string): string | undefined } {
  return {
    exists: (p) => existsSync(join(folder, p)),
    read: (p) => {
      const file = join(folder, p);
      return existsSync(file) && statSync(file).size < 1_000_000 ? readFileSync(file, 'utf8') : undefined;
    },
  };
}

export class VerificationService implements vscode.Disposable {
  private running: { runId: string; abort: AbortController } | undefined;
  private readonly runningChanged = new vscode.EventEmitter<boolean>();
  readonly onDidChangeRunning = this.runningChanged.event;

  constructor(private readonly d: VerificationDeps) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  cancel(): void {
    this.running?.abort.abort();
  }

  /** Verifies one column, or every column with code. */
  async verify(columnId?: string): Promise<void> {
    const live = this.d.controller.live;
    if (!live) {
      void vscode.window.showInformationMessage('There is no comparison to verify: run one first (a run from your log is read-only).');
      return;
    }
    if (this.running) {
      void vscode.window.showInformationMessage('A verification is already running: cancel it first, or wait for it to finish.');
      return;
    }
    if (live.session.running) {
      void vscode.window.showInformationMessage('The comparison is still running: verify once its answers are in.');
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(live.prepared.captured.target.uri);
    if (!folder || folder.uri.scheme !== 'file') {
      void vscode.window.showWarningMessage('Verification needs the compared file to be in a local workspace folder.');
      return;
    }
    const settings = readVerifySettings(this.d.settings.settings, folder.uri);
    const check = detectCheck(settings.command, probeOf(folder.uri.fsPath));
    if (!check) {
      const choice = await vscode.window.showWarningMessage('No check was found for this workspace (no test script, pytest, Cargo, Go or TypeScript project). Set the command to run.', 'Open Settings');
      if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', 'parallax.verify.command');
      return;
    }
    if (!(await mayRunCheck(this.d.globalState, folder, check, settings.commandSource))) return;
    const columnIds = columnId === undefined ? live.session.state.columnIds() : [columnId];
    await this.runChecks(live, folder, check, columnIds, settings);
  }

  private async runChecks(live: LiveRun, folder: vscode.WorkspaceFolder, check: CheckCommand, columnIds: readonly string[], settings: ReturnType<typeof readVerifySettings>): Promise<void> {
    const runId = live.session.runId;
    const candidates = new Map<string, Candidate>();
    // The attempt each candidate is (Repeat N: the sample its column shows now), fixed before the checks start; the
    // column shows each check with the sample it is for, so stepping to another sample never shows it there.
    const attempts = new Map(columnIds.map((c) => [c, Math.max(1, live.session.shownAttempt(live.session.state.modelIdOf(c) ?? ''))]));
    const samples = new Map(columnIds.map((c) => [c, live.session.shownSample(c)]));
    const show = (columnId: string, view: VerificationView): void => this.show(runId, columnId, samples.get(columnId) ?? 1, view);
    let baseline: Candidate | undefined;
    for (const columnId of columnIds) {
      const built = await candidateOfColumn(live, columnId, folder);
      if (built.ok) {
        candidates.set(columnId, built.candidate);
        baseline ??= built.baseline;
      } else if (columnId !== undefined && columnIds.length === 1) {
        show(columnId, { state: 'error', command: check.command, reason: check.reason, failing: [], broke: [], message: built.problem, hasOutput: false });
      }
    }
    if (candidates.size === 0) {
      void vscode.window.showInformationMessage('No answer proposed code to verify.');
      return;
    }
    const abort = new AbortController();
    this.running = { runId, abort };
    this.runningChanged.fire(true);
    void vscode.commands.executeCommand('setContext', 'parallax.verifying', true);
    this.d.outputs.keepRun(runId);
    const label = (columnId: string): string => (columnId === BASELINE_KEY ? 'Baseline (original)' : live.session.state.columnLabel(columnId) ?? columnId);
    const outputKey = (key: string): string => outputKeyOf(key, samples.get(key) ?? 1);
    const outputLabel = (key: string): string => ((samples.get(key) ?? 1) > 1 ? `${label(key)} sample ${samples.get(key)}` : label(key));
    const outputText = new Map<string, string>();
    const base = { command: check.command, reason: check.reason, failing: [], broke: [] };
    for (const columnId of candidates.keys()) show(columnId, { ...base, state: 'queued', hasOutput: false });
    this.d.log.info(`Verification of run ${runId}: "${check.command}" (${check.reason}) for ${candidates.size} answer(s), ${settings.concurrency} at once`);
    try {
      await runVerification(
        { folder: folder.uri.fsPath, checkoutRoot: this.d.checkoutRoot ?? defaultCheckoutRoot(), check, candidates, ...(baseline ? { baseline } : {}), concurrency: settings.concurrency, timeoutMs: settings.timeoutMs, signal: abort.signal },
        {
          started: (key) => {
            if (key !== BASELINE_KEY) show(key, { ...base, state: 'running', hasOutput: true });
          },
          output: (key, chunk) => outputText.set(key, (outputText.get(key) ?? '') + chunk),
          baselineFinished: (run) => this.keepOutput(runId, BASELINE_KEY, label(BASELINE_KEY), check, run),
          finished: (key, verification, run) => {
            const hasOutput = this.keepOutput(runId, outputKey(key), outputLabel(key), check, run);
            show(key, toView(verification, check, hasOutput));
            void this.record(live, key, attempts.get(key) ?? 1, check, verification);
          },
        },
      );
    } catch (err) {
      this.d.log.error(`Verification failed: ${String(err)}`);
      void vscode.window.showErrorMessage(`Verification failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = undefined;
      this.runningChanged.fire(false);
      void vscode.commands.executeCommand('setContext', 'parallax.verifying', false);
    }
  }

  /** Opens the output of the check of a column's sample (1 without Repeat N). */
  async openOutput(columnId: string, sample = 1): Promise<void> {
    const live = this.d.controller.live;
    const runId = live?.session.runId ?? this.d.controller.coordinator.shownRunId;
    const label = live?.session.state.columnLabel(columnId) ?? columnId;
    const uri = runId === undefined ? undefined : this.d.outputs.uriOf(runId, outputKeyOf(columnId, sample), sample > 1 ? `${label} sample ${sample}` : label);
    if (!uri || !this.d.outputs.has(uri)) {
      void vscode.window.showInformationMessage('This column’s check output is not kept any more.');
      return;
    }
    await this.d.outputs.open(uri);
  }

  private keepOutput(runId: string, key: string, label: string, check: CheckCommand, run: CheckRun): boolean {
    const header = `$ ${check.command}\n# ${label}; exit ${run.exitCode ?? '—'} (${run.ended}) after ${(run.durationMs / 1000).toFixed(1)} s\n\n`;
    this.d.outputs.set(this.d.outputs.uriOf(runId, key, label), header + run.output);
    return true;
  }

  private show(runId: string, columnId: string, sample: number, verification: VerificationView): void {
    this.d.post({ type: 'verification', runId, columnId, ...(sample > 1 ? { sample } : {}), verification });
  }

  private async record(live: LiveRun, columnId: string, attempt: number, check: CheckCommand, v: Verification): Promise<void> {
    const modelId = live.session.state.modelIdOf(columnId);
    if (modelId === undefined) return;
    // A check that could not run (error, cancelled) says nothing about the answer: it is not in the pass rate.
    if (v.state !== 'error' && v.state !== 'cancelled') live.session.sampleVerified(modelId, attempt, v.state === 'passed');
    await this.d.preferences.append({
      schemaVersion: 2,
      type: 'verification',
      runId: live.session.runId,
      modelId,
      attempt,
      at: new Date().toISOString(),
      command: check.command,
      state: v.state,
      ...(v.exitCode === undefined ? {} : { exitCode: v.exitCode }),
      durationMs: v.durationMs,
      ...(v.passedCount === undefined ? {} : { passedCount: v.passedCount }),
      ...(v.failedCount === undefined ? {} : { failedCount: v.failedCount }),
      failing: v.failing.map((n) => n.slice(0, 500)),
      broke: v.broke.map((n) => n.slice(0, 500)),
      baselineFailed: v.baselineFailed,
      ...(v.errors === undefined ? {} : { errors: v.errors }),
      ...(v.baselineErrors === undefined ? {} : { baselineErrors: v.baselineErrors }),
    });
  }

  dispose(): void {
    this.cancel();
    this.runningChanged.dispose();
  }
}

function toView(v: Verification, check: CheckCommand, hasOutput: boolean): VerificationView {
  const short = (names: readonly string[]): string[] => names.slice(0, 50).map((n) => n.slice(0, 200));
  return {
    state: v.state,
    command: check.command.slice(0, 200),
    reason: check.reason.slice(0, 200),
    durationMs: v.durationMs,
    ...(v.passedCount === undefined ? {} : { passedCount: v.passedCount }),
    ...(v.failedCount === undefined ? {} : { failedCount: v.failedCount }),
    failing: short(v.failing),
    broke: short(v.broke),
    baselineFailed: v.baselineFailed,
    ...(v.errors === undefined ? {} : { errors: v.errors }),
    ...(v.baselineErrors === undefined ? {} : { baselineErrors: v.baselineErrors }),
    ...(v.message === undefined ? {} : { message: v.message.slice(0, 200) }),
    hasOutput,
  };
}

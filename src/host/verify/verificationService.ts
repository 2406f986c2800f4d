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
interface CheckTarget {
  columnId: string;
  /** 1-based; 1 without Repeat N. */
  sample: number;
  /** The attempt the check is logged under. */
  attempt: number;
}

/** What to check, by runVerification key: each column's shown sample, or (everySample) each of its ended samples. */
function checkTargets(live: LiveRun, columnIds: readonly string[], everySample: boolean): Map<string, CheckTarget> {
  const targets = new Map<string, CheckTarget>();
  for (const columnId of columnIds) {
    const modelId = live.session.state.modelIdOf(columnId) ?? '';
    if (!everySample) {
      targets.set(columnId, { columnId, sample: live.session.shownSample(columnId), attempt: Math.max(1, live.session.shownAttempt(modelId)) });
      continue;
    }
    for (let sample = 1; sample <= live.session.samples.count; sample++) {
      const answer = live.session.sampleAnswer(columnId, sample);
      if (answer) targets.set(outputKeyOf(columnId, sample), { columnId, sample, attempt: Math.max(1, answer.attempt) });
    }
  }
  return targets;
}

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
    await this.runChecks(live, folder, check, columnIds, settings, columnId === undefined && live.session.samples.repeated);
  }

  /**
   * Checks the given columns: the sample each shows, fixed before the checks start (stepping to another sample
   * mid-check cannot log the wrong one), or with `everySample` (Verify all in a Repeat N run) every ended sample,
   * for the pass rate over all N. Each check is shown on its column with the sample it is for.
   */
  private async runChecks(live: LiveRun, folder: vscode.WorkspaceFolder, check: CheckCommand, columnIds: readonly string[], settings: ReturnType<typeof readVerifySettings>, everySample: boolean): Promise<void> {
    const runId = live.session.runId;
    const candidates = new Map<string, Candidate>();
    const targets = checkTargets(live, columnIds, everySample);
    const show = (key: string, view: VerificationView): void => {
      const target = targets.get(key);
      if (target) this.show(runId, target.columnId, target.sample, view);
    };
    let baseline: Candidate | undefined;
    for (const [key, target] of targets) {
      const built = await candidateOfColumn(live, target.columnId, folder, everySample ? target.sample : undefined);
      if (built.ok) {
        candidates.set(key, built.candidate);
        baseline ??= built.baseline;
      } else if (targets.size === 1) {
        show(key, { state: 'error', command: check.command, reason: check.reason, failing: [], broke: [], message: built.problem, hasOutput: false });
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
    const label = (key: string): string => {
      const target = targets.get(key);
      if (!target) return 'Baseline (original)';
      const column = live.session.state.columnLabel(target.columnId) ?? target.columnId;
      return target.sample > 1 ? `${column} sample ${target.sample}` : column;
    };
    const outputKey = (key: string): string => {
      const target = targets.get(key);
      return target ? outputKeyOf(target.columnId, target.sample) : key;
    };
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
            const hasOutput = this.keepOutput(runId, outputKey(key), label(key), check, run);
            show(key, toView(verification, check, hasOutput));
            const target = targets.get(key);
            if (target) void this.record(live, target.columnId, target.attempt, check, verification);
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

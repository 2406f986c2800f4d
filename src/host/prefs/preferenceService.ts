/**
 * The host side of the preference log: where it lives (setting, or `globalStorageUri/preferences.jsonl`), appends
 * of runs, votes and notes, and what happens when a write fails — the record stays in memory, the user is told and
 * can retry or save it elsewhere; nothing is dropped.
 */
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { type LogContents, PreferenceLog, PreferenceWriteError } from '../../core/prefs/preferenceLog';
import type { LogEntry } from '../../core/prefs/logEvents';
import { readTeamLogs, type TeamLogs } from '../../core/prefs/teamLogs';
import type { SettingsService } from '../config/settings';

export const DEFAULT_LOG_NAME = 'preferences.jsonl';

/** Changes to the file by another window are reported once they pause this long. */
const WATCH_DEBOUNCE_MS = 300;

export class PreferenceService implements vscode.Disposable {
  private log: PreferenceLog;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  private watcher: vscode.Disposable | undefined;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;

  /** Fires after anything was appended, here or (through a file watcher) by another window. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly globalStorage: vscode.Uri,
    private readonly settings: SettingsService,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.log = new PreferenceLog(this.resolvePath());
    this.watch(this.log.filePath);
    let teamFolder = settings.settings.teamLogFolder;
    this.subscription = settings.onDidChange(() => {
      const path = this.resolvePath();
      if (teamFolder !== settings.settings.teamLogFolder) {
        // A new team folder: the leaderboard re-reads.
        teamFolder = settings.settings.teamLogFolder;
        if (path === this.log.filePath) this.changed.fire();
      }
      if (path === this.log.filePath) return;
      const unsaved = this.log.pending();
      this.log = new PreferenceLog(path);
      this.watch(path);
      // Entries that failed on the old path are tried on the new one.
      if (unsaved.length > 0) void Promise.all(unsaved.map((e) => this.append(e)));
      this.changed.fire();
    });
  }

  get logPath(): string {
    return this.log.filePath;
  }

  readAll(): Promise<LogContents> {
    return this.log.readAll();
  }

  /**
   * The team board's logs from `parallax.teamLogFolder`, read only (the user's own log is skipped if it lies there);
   * undefined when no folder is set.
   */
  async readTeam(): Promise<TeamLogs | undefined> {
    const configured = this.settings.settings.teamLogFolder.trim();
    if (configured === '') return undefined;
    const folder = configured.startsWith('~') ? join(homedir(), configured.slice(1)) : configured;
    if (!isAbsolute(folder)) return { folder, files: [], error: 'parallax.teamLogFolder must be an absolute path.' };
    return readTeamLogs(folder, this.log.filePath);
  }

  /** Waits until every queued append has finished, at most `timeoutMs` (used on deactivation). */
  async flush(timeoutMs = 2_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([this.log.flush(), timeout]);
    if (timer !== undefined) clearTimeout(timer);
  }

  dispose(): void {
    this.subscription.dispose();
    this.watcher?.dispose();
    if (this.watchTimer !== undefined) clearTimeout(this.watchTimer);
    this.changed.dispose();
  }

  /**
   * Watches the log file, so that votes and notes another VS Code window appends show up here (leaderboard,
   * history) without a reload. The folder may be outside the workspace; VS Code watches it non-recursively.
   */
  private watch(path: string): void {
    this.watcher?.dispose();
    const pattern = new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path));
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const changed = (): void => {
      if (this.watchTimer !== undefined) clearTimeout(this.watchTimer);
      this.watchTimer = setTimeout(() => {
        this.watchTimer = undefined;
        this.changed.fire();
      }, WATCH_DEBOUNCE_MS);
    };
    const subscriptions = [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
    this.watcher = vscode.Disposable.from(...subscriptions);
  }

  /** Resolves true once saved; false when it was kept in memory (the user was told) or was invalid. */
  async append(entry: LogEntry): Promise<boolean> {
    try {
      await this.log.append(entry);
      this.changed.fire();
      return true;
    } catch (err) {
      if (err instanceof PreferenceWriteError) {
        this.output.error(`Preference log write failed (${err.code ?? 'unknown'}) at ${err.filePath}; kept in memory.`);
        void this.offerRecovery(err);
      } else {
        this.output.error(`Preference log entry rejected: ${err instanceof Error ? err.message : String(err)}`);
      }
      return false;
    }
  }

  private async offerRecovery(err: PreferenceWriteError): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      `Parallax could not save to ${err.filePath} (${err.code ?? 'write failed'}). Your vote and run are kept in memory until saved.`,
      'Retry',
      'Save Elsewhere…',
    );
    let target: string | undefined;
    if (choice === 'Save Elsewhere…') {
      const uri = await vscode.window.showSaveDialog({
        title: 'Save the Parallax preference log',
        defaultUri: vscode.Uri.file(join(homedir(), DEFAULT_LOG_NAME)),
        filters: { 'JSON Lines': ['jsonl'] },
      });
      if (!uri) return;
      target = uri.fsPath;
    } else if (choice !== 'Retry') {
      return;
    }
    try {
      const saved = await this.log.retryPending(target);
      this.changed.fire();
      const where = target ?? this.log.filePath;
      void vscode.window.showInformationMessage(saved > 0 ? `Saved ${saved} pending preference record(s) to ${where}.` : `Nothing was waiting to be saved; the log is ${where}.`);
    } catch (again) {
      if (again instanceof PreferenceWriteError) void this.offerRecovery(again);
    }
  }

  private resolvePath(): string {
    const configured = this.settings.settings.preferenceLogPath.trim();
    if (configured === '') return join(this.globalStorage.fsPath, DEFAULT_LOG_NAME);
    const expanded = configured.startsWith('~') ? join(homedir(), configured.slice(1)) : configured;
    return isAbsolute(expanded) ? expanded : join(this.globalStorage.fsPath, expanded);
  }
}

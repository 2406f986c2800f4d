/**
 * Reads the `parallax.*` settings, validates them with the core schema, and re-reads on change.
 *
 * `parallax.models` decides where code is sent, `parallax.preferenceLogPath` where data is written,
 * `parallax.context` how much code is sent, `parallax.prices` what a run is shown to cost, `parallax.confirmAboveUsd`
 * when a costly run is confirmed first and `parallax.limits` how
 * long a model may run, so only the user's own (global) value or the default is used for them — never a workspace
 * or folder value, which a cloned repository could set (e.g. the whole file at 100 MB, prices of 0, 1 ms limits).
 * They are application-scoped in the manifest too. A workspace that tries is logged and warned about once.
 */
import * as vscode from 'vscode';
import type { ConfigProblem } from '../../core/config/configProblems';
import { type ParallaxSettings, readSettings } from '../../core/config/settingsSchema';

const SECTION = 'parallax';
/** Keys (without the prefix) whose workspace values are ignored. */
const USER_ONLY_KEYS: ReadonlySet<string> = new Set(['models', 'preferenceLogPath', 'context', 'prices', 'limits', 'teamLogFolder', 'confirmAboveUsd']);

export class SettingsService implements vscode.Disposable {
  private current: { settings: ParallaxSettings; problems: ConfigProblem[] };
  private readonly warned = new Set<string>();
  private readonly changed = new vscode.EventEmitter<ParallaxSettings>();
  private readonly subscription: vscode.Disposable;

  /** Fires after the settings were re-read. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.current = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.current = this.read();
      this.changed.fire(this.current.settings);
    });
  }

  get settings(): ParallaxSettings {
    return this.current.settings;
  }

  get problems(): ConfigProblem[] {
    return this.current.problems;
  }

  /** Blind mode is a user preference: stored globally. */
  async setBlindMode(blind: boolean): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('blindMode', blind, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private read(): { settings: ParallaxSettings; problems: ConfigProblem[] } {
    const config = vscode.workspace.getConfiguration(SECTION);
    const result = readSettings((key) => (USER_ONLY_KEYS.has(key) ? this.userValue(config, key) : config.get(key)));
    for (const problem of result.problems) this.log.warn(`Settings: ${problem.message}`);
    return result;
  }

  private userValue(config: vscode.WorkspaceConfiguration, key: string): unknown {
    const inspected = config.inspect(key);
    if (!inspected) return undefined;
    if ((inspected.workspaceValue !== undefined || inspected.workspaceFolderValue !== undefined) && !this.warned.has(key)) {
      this.warned.add(key);
      const message = `This workspace sets "parallax.${key}". Parallax ignores workspace values for it and uses only your user settings.`;
      this.log.warn(message);
      void vscode.window.showWarningMessage(message);
    }
    return inspected.globalValue ?? inspected.defaultValue;
  }
}

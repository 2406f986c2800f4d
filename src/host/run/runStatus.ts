/**
 * Shows a running comparison: a status bar item with elapsed time and "3/5 done" (click opens the results) and a
 * window progress indicator (never a notification: one would cover the panel's vote bar). Cancel is in the panel
 * and in "Parallax: Cancel Comparison".
 */
import * as vscode from 'vscode';
import { runningStatusText } from './runLabels';

const TICK_MS = 1_000;

export class RunStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private done = 0;
  private total = 0;
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private finishProgress: (() => void) | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('parallax.run', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Parallax Comparison';
    this.item.command = 'parallax.openResults';
    this.item.tooltip = 'Parallax: open the results';
  }

  /** Starts showing a run of `total` models. */
  start(total: number, title: string): void {
    this.stop();
    this.startedAt = Date.now();
    this.done = 0;
    this.total = total;
    this.render();
    this.item.show();
    this.timer = setInterval(() => this.render(), TICK_MS);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Parallax: ${title}` },
      (progress) => {
        this.progress = progress;
        progress.report({ message: `0/${total} done` });
        return new Promise<void>((resolve) => {
          this.finishProgress = () => {
            resolve();
          };
        });
      },
    );
  }

  modelFinished(): void {
    this.done = Math.min(this.total, this.done + 1);
    this.render();
    this.progress?.report({ message: `${this.done}/${this.total} done`, increment: 100 / Math.max(1, this.total) });
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.item.hide();
    this.finishProgress?.();
    this.finishProgress = undefined;
    this.progress = undefined;
  }

  dispose(): void {
    this.stop();
    this.item.dispose();
  }

  private render(): void {
    this.item.text = runningStatusText(this.done, this.total, Date.now() - this.startedAt);
  }
}

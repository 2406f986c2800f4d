/** The `parallax.verify.*` settings, read when a verification starts, and where the command was set. */
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';

export interface VerifySettings {
  command: string;
  /** Where a non-empty command comes from: a workspace may set it, but then it is never run silently. */
  commandSource: 'user' | 'workspace' | 'default';
  concurrency: number;
  timeoutMs: number;
  autoRun: boolean;
}

export function readVerifySettings(scope: vscode.Uri | undefined): VerifySettings {
  const config = vscode.workspace.getConfiguration('parallax.verify', scope);
  const inspected = config.inspect<string>('command');
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  const command = (config.get<string>('command') ?? '').trim();
  const commandSource = command === '' ? 'default' : fromWorkspace !== undefined && fromWorkspace.trim() === command ? 'workspace' : 'user';
  const wanted = config.get<number>('concurrency') ?? 0;
  const concurrency = wanted >= 1 ? Math.floor(wanted) : Math.max(1, availableParallelism() - 1);
  const timeoutSeconds = Math.max(1, config.get<number>('timeoutSeconds') ?? 300);
  return { command, commandSource, concurrency, timeoutMs: timeoutSeconds * 1000, autoRun: config.get<boolean>('autoRun') ?? false };
}

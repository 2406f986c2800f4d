/**
 * The `parallax.verify.*` settings (validated by the core settings schema), and where the command was set: a
 * workspace may set it (it is restricted in untrusted workspaces), but then it never runs without the confirmation.
 */
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import type { ParallaxSettings } from '../../core/config/settingsSchema';

export interface VerifySettings {
  command: string;
  /** Where a non-empty command comes from. */
  commandSource: 'user' | 'workspace' | 'default';
  concurrency: number;
  timeoutMs: number;
  autoRun: boolean;
}

export function readVerifySettings(settings: ParallaxSettings, scope: vscode.Uri | undefined): VerifySettings {
  const inspected = vscode.workspace.getConfiguration('parallax', scope).inspect<unknown>('verify.command');
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  const command = settings['verify.command'].trim();
  const commandSource = command === '' ? 'default' : typeof fromWorkspace === 'string' && fromWorkspace.trim() === command ? 'workspace' : 'user';
  const wanted = settings['verify.concurrency'];
  return {
    command,
    commandSource,
    concurrency: wanted >= 1 ? wanted : Math.max(1, availableParallelism() - 1),
    timeoutMs: settings['verify.timeoutSeconds'] * 1000,
    autoRun: settings['verify.autoRun'],
  };
}

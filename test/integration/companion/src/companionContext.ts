/** The companion's own ExtensionContext, for suites that need one (its SecretStorage, say). */
import type * as vscode from 'vscode';

let current: vscode.ExtensionContext | undefined;

export function setCompanionContext(context: vscode.ExtensionContext): void {
  current = context;
}

export function companionContext(): vscode.ExtensionContext {
  if (!current) throw new Error('the companion extension is not activated');
  return current;
}

import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Parallax', { log: true });
  context.subscriptions.push(output);
  output.info('Parallax activated');
}

export function deactivate(): void {}

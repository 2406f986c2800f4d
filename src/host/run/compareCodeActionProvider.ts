/** The lightbulb entry: "Compare fixes with Parallax" on diagnostics. */
import * as vscode from 'vscode';

/** What the code action passes to `parallax.compareFixes`. */
export interface CompareFixesTarget {
  uri: vscode.Uri;
  range: vscode.Range;
}

export function isCompareFixesTarget(value: unknown): value is CompareFixesTarget {
  return typeof value === 'object' && value !== null && (value as CompareFixesTarget).uri instanceof vscode.Uri && (value as CompareFixesTarget).range instanceof vscode.Range;
}

export class CompareCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const [first, ...rest] = context.diagnostics;
    if (!first) return [];
    const range = rest.reduce((acc, d) => acc.union(d.range), first.range);
    const action = new vscode.CodeAction('Compare fixes with Parallax', vscode.CodeActionKind.QuickFix);
    action.diagnostics = [...context.diagnostics];
    const target: CompareFixesTarget = { uri: document.uri, range };
    action.command = { command: 'parallax.compareFixes', title: 'Compare fixes with Parallax', arguments: [target] };
    return [action];
  }
}

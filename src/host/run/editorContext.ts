/**
 * Captures what a comparison is about from an editor: the selection (or a given range), the lines around it,
 * the diagnostics on it and optionally the whole file, in the core `EditorContext` shape.
 */
import * as vscode from 'vscode';
import type { DiagnosticSeverity, EditorContext, EditorDiagnostic } from '../../core/prompts/contextAssembly';
import type { ContextSummaryView } from '../../shared/protocol';
import type { SelectionTarget } from '../results/applyEdit';

export interface CapturedContext {
  context: EditorContext;
  target: SelectionTarget;
  /** The document's base name, used for diff document names. */
  fileName: string;
}

export interface CaptureOptions {
  /** Use this range instead of the selection (e.g. a diagnostic's lines from the lightbulb). */
  range?: vscode.Range;
  includeWholeFile: boolean;
  /** Lines kept above and below (the core caps them again). */
  surroundingLines: number;
  errorText?: string;
}

const SEVERITIES: Record<vscode.DiagnosticSeverity, DiagnosticSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The range a comparison would use, or undefined when nothing (but whitespace) is selected. */
export function selectedRange(editor: vscode.TextEditor, range?: vscode.Range): vscode.Range | undefined {
  const chosen = range ?? editor.selection;
  if (chosen.isEmpty || editor.document.getText(chosen).trim() === '') return undefined;
  return chosen;
}

/** Whole lines covering a range: what the lightbulb sends when nothing is selected. */
export function fullLines(document: vscode.TextDocument, range: vscode.Range): vscode.Range {
  return new vscode.Range(range.start.line, 0, range.end.line, document.lineAt(range.end.line).text.length);
}

export function relativePath(document: vscode.TextDocument): string {
  return document.isUntitled ? document.fileName : vscode.workspace.asRelativePath(document.uri, false);
}

function diagnosticsOn(document: vscode.TextDocument, range: vscode.Range): EditorDiagnostic[] {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.range.intersection(range) !== undefined)
    .map((d) => {
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      return {
        severity: SEVERITIES[d.severity],
        message: d.message,
        ...(d.source ? { source: d.source } : {}),
        ...(code === undefined ? {} : { code }),
        // A diagnostic that starts above the selection is reported on its first selected line.
        line: Math.max(d.range.start.line, range.start.line),
      };
    });
}

export function captureContext(editor: vscode.TextEditor, options: CaptureOptions): CapturedContext | undefined {
  const range = selectedRange(editor, options.range);
  if (!range) return undefined;
  const { document } = editor;
  const n = options.surroundingLines;
  const beforeStart = Math.max(0, range.start.line - n);
  const afterEnd = Math.min(document.lineCount - 1, range.end.line + n);
  const before = new vscode.Range(beforeStart, 0, range.start.line, 0);
  const after = new vscode.Range(range.end.line + 1, 0, afterEnd, document.lineAt(afterEnd).text.length);
  const selectedText = document.getText(range);
  const context: EditorContext = {
    filePath: relativePath(document),
    languageId: document.languageId,
    selection: { startLine: range.start.line, startCharacter: range.start.character, endLine: range.end.line, endCharacter: range.end.character },
    selectedText,
    surroundingBefore: document.getText(before),
    surroundingAfter: range.end.line + 1 <= afterEnd ? document.getText(after) : '',
    diagnostics: diagnosticsOn(document, range),
    ...(options.includeWholeFile ? { wholeFile: document.getText() } : {}),
    ...(options.errorText?.trim() ? { errorText: options.errorText } : {}),
  };
  const fileName = document.uri.path.split('/').pop() || 'selection.txt';
  return {
    context,
    fileName,
    target: { uri: document.uri, range: { start: document.offsetAt(range.start), end: document.offsetAt(range.end) }, originalText: selectedText },
  };
}

const PREVIEW_CHARS = 4_000;

/** The sidebar's summary of the current selection, or null without one. */
export function contextSummary(editor: vscode.TextEditor | undefined): ContextSummaryView | null {
  if (!editor) return null;
  const range = selectedRange(editor);
  if (!range) return null;
  const text = editor.document.getText(range);
  return {
    filePath: relativePath(editor.document).slice(0, 2_000),
    languageId: editor.document.languageId.slice(0, 2_000),
    startLine: range.start.line + 1,
    endLine: range.end.line + 1,
    chars: text.length,
    diagnosticsCount: diagnosticsOn(editor.document, range).length,
    preview: text.slice(0, PREVIEW_CHARS),
  };
}

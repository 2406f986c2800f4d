/**
 * Turns what the editor knows (selection, nearby lines, diagnostics, optionally the whole file and an error
 * text) into size-capped prompt context. Every cut is recorded so the prompt can say so and the UI can warn.
 * Line and character numbers are 0-based, as VS Code reports them; prompts show 1-based line numbers.
 */

export interface SelectionRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface EditorDiagnostic {
  severity: DiagnosticSeverity;
  message: string;
  source?: string;
  code?: string | number;
  /** 0-based line. */
  line: number;
}

export interface EditorContext {
  /** Workspace-relative path (never an absolute path with the user's home in it). */
  filePath: string;
  /** VS Code language id, used as the code-fence tag. */
  languageId: string;
  selection: SelectionRange;
  selectedText: string;
  /** The lines just above the selection. */
  surroundingBefore: string;
  /** The lines just below the selection. */
  surroundingAfter: string;
  diagnostics: EditorDiagnostic[];
  wholeFile?: string;
  /** A pasted error message, stack trace or failing test output. */
  errorText?: string;
}

export interface ContextCaps {
  selectionChars: number;
  /** Lines kept above and (separately) below the selection. */
  surroundingLines: number;
  wholeFileChars: number;
  errorTextChars: number;
  maxDiagnostics: number;
}

export const DEFAULT_CONTEXT_CAPS: ContextCaps = {
  selectionChars: 20_000,
  surroundingLines: 40,
  wholeFileChars: 60_000,
  errorTextChars: 8_000,
  maxDiagnostics: 20,
};

export type ContextPart = 'selection' | 'surroundingBefore' | 'surroundingAfter' | 'wholeFile' | 'errorText' | 'diagnostics';

export interface Truncation {
  part: ContextPart;
  unit: 'chars' | 'lines' | 'items';
  original: number;
  kept: number;
}

/** The context as sent: every part within its cap; `diagnostics` holds only those on the selected lines, most severe first. */
export interface AssembledContext extends EditorContext {
  truncations: Truncation[];
}

const SEVERITY_ORDER: readonly DiagnosticSeverity[] = ['error', 'warning', 'information', 'hint'];

export function assembleContext(input: EditorContext, caps: ContextCaps = DEFAULT_CONTEXT_CAPS): AssembledContext {
  const truncations: Truncation[] = [];
  const keepChars = (part: ContextPart, text: string, max: number): string => {
    if (text.length <= max) return text;
    truncations.push({ part, unit: 'chars', original: text.length, kept: max });
    return text.slice(0, max);
  };
  const keepLines = (part: ContextPart, text: string, fromEnd: boolean): string => {
    if (text === '') return text;
    const lines = text.split('\n');
    if (lines.length <= caps.surroundingLines) return text;
    truncations.push({ part, unit: 'lines', original: lines.length, kept: caps.surroundingLines });
    return (fromEnd ? lines.slice(lines.length - caps.surroundingLines) : lines.slice(0, caps.surroundingLines)).join('\n');
  };

  const { startLine, endLine } = input.selection;
  const onSelection = input.diagnostics
    .filter((d) => d.line >= startLine && d.line <= endLine)
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.line - b.line);
  if (onSelection.length > caps.maxDiagnostics) {
    truncations.push({ part: 'diagnostics', unit: 'items', original: onSelection.length, kept: caps.maxDiagnostics });
  }

  const assembled: AssembledContext = {
    filePath: input.filePath,
    languageId: input.languageId,
    selection: { ...input.selection },
    selectedText: keepChars('selection', input.selectedText, caps.selectionChars),
    // Above the selection the closest lines are the last ones; below, the first ones.
    surroundingBefore: keepLines('surroundingBefore', input.surroundingBefore, true),
    surroundingAfter: keepLines('surroundingAfter', input.surroundingAfter, false),
    diagnostics: onSelection.slice(0, caps.maxDiagnostics),
    truncations,
  };
  if (input.wholeFile !== undefined) assembled.wholeFile = keepChars('wholeFile', input.wholeFile, caps.wholeFileChars);
  if (input.errorText !== undefined && input.errorText.trim() !== '') {
    assembled.errorText = keepChars('errorText', input.errorText, caps.errorTextChars);
  }
  return assembled;
}

export function isTruncated(context: AssembledContext, part: ContextPart): boolean {
  return context.truncations.some((t) => t.part === part);
}

/**
 * What edit extraction returns: the code a model proposes for the user's selection, how it was found,
 * and whether the answer followed the requested "one fenced block with the full revision" format.
 */

/** The user's selection the prompt was about. */
export interface OriginalSelection {
  text: string;
  /** VS Code language id, e.g. "typescript", "python". */
  languageId: string;
}

/** Which shape of answer the replacement came from. */
export type EditSource = 'single-fence' | 'best-fence' | 'search-replace' | 'unified-diff';

export type ExtractedEdit =
  | { kind: 'replacement'; code: string; source: EditSource; followedFormat: boolean; notes: string[] }
  | { kind: 'none'; followedFormat: false; reason: string };

/** The outcome of applying a list of edits (SEARCH/REPLACE blocks or diff hunks) to LF text. */
export interface AppliedEdits {
  text: string;
  applied: number;
  /** One human-readable line per edit that could not be applied. */
  failures: string[];
  /** Remarks about edits that applied, e.g. "matched ignoring indentation". */
  notes: string[];
}

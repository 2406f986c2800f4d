/**
 * Line statistics and unified diffs between a selection and a proposed replacement, and splicing the
 * replacement back into the document (with a check that the document still holds the original).
 */
import { createTwoFilesPatch, diffLines } from 'diff';

/** Character offsets into a document, `end` exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface LineDiffStats {
  added: number;
  removed: number;
}

/** How many lines the proposal adds and removes relative to the original. */
export function lineDiffStats(original: string, proposed: string): LineDiffStats {
  let added = 0;
  let removed = 0;
  for (const change of diffLines(original, proposed)) {
    if (change.added) added += change.count;
    if (change.removed) removed += change.count;
  }
  return { added, removed };
}

export interface UnifiedDiffLabels {
  fromLabel: string;
  toLabel: string;
  /** Context lines around each hunk; 3 when omitted. */
  context?: number;
}

/** A unified diff (with ---/+++ headers) from `original` to `proposed`. */
export function unifiedDiff(original: string, proposed: string, labels: UnifiedDiffLabels): string {
  return createTwoFilesPatch(labels.fromLabel, labels.toLabel, original, proposed, undefined, undefined, {
    context: labels.context ?? 3,
  });
}

function checkRange(documentText: string, range: OffsetRange): void {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > documentText.length) {
    throw new RangeError(`range ${start}..${end} is outside a document of length ${documentText.length}`);
  }
}

/** `documentText` with `range` replaced by `code`. Throws RangeError for a range outside the text. */
export function applyReplacement(documentText: string, range: OffsetRange, code: string): string {
  checkRange(documentText, range);
  return documentText.slice(0, range.start) + code + documentText.slice(range.end);
}

/** True when `range` of `documentText` still holds exactly `originalText` (the document did not change there). */
export function isStillOriginal(documentText: string, range: OffsetRange, originalText: string): boolean {
  if (range.start < 0 || range.end < range.start || range.end > documentText.length) return false;
  return documentText.slice(range.start, range.end) === originalText;
}

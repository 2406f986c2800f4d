/**
 * Line statistics and unified diffs between a selection and a proposed replacement, and splicing the
 * replacement back into the document (with a check that the document still holds the original).
 */
import { formatPatch, structuredPatch, type StructuredPatch, type StructuredPatchHunk } from 'diff';

/** Character offsets into a document, `end` exclusive. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface LineDiffStats {
  added: number;
  removed: number;
  /**
   * Set when the texts were too large or too different to diff within the bounds: the counts are then an upper
   * bound (every line between the common first and last lines counted as changed), not the minimal diff.
   */
  approximate?: true;
}

/**
 * Bounds on every diff, which runs on the extension host's main thread: jsdiff gives up past this edit distance
 * (in lines) or this time, and the caller gets the approximate result instead of a blocked host.
 */
export const DIFF_MAX_EDIT_LENGTH = 2_000;
export const DIFF_TIMEOUT_MS = 50;

export interface DiffBounds {
  maxEditLength?: number;
  timeoutMs?: number;
  /** lineDiffStats only: work units (diagonals visited + lines compared) before it gives up. */
  maxEffort?: number;
}

/**
 * lineDiffStats' default bound, in work rather than wall-clock time, so that its result does not depend on how
 * loaded the machine is: about 10–20 ms of one core. Two 10k-line files with 5% changed need ~0.5 M.
 */
export const DIFF_MAX_EFFORT = 8_000_000;

function jsdiffBounds(bounds: DiffBounds): { maxEditLength: number; timeout: number } {
  return { maxEditLength: bounds.maxEditLength ?? DIFF_MAX_EDIT_LENGTH, timeout: bounds.timeoutMs ?? DIFF_TIMEOUT_MS };
}

/** Lines with their line breaks kept (as jsdiff counts them): `a\nb` is two lines, `a\n` one. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Common leading and trailing lines of two line lists, never overlapping. Linear. */
function commonEnds(a: readonly string[], b: readonly string[]): { prefix: number; suffix: number } {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/**
 * Interns lines as integers (equal lines, equal ids), so the diff below compares numbers, not strings.
 */
function internLines(a: readonly string[], b: readonly string[], from: number, toA: number, toB: number): { ia: Int32Array; ib: Int32Array } {
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[], to: number): Int32Array => {
    const out = new Int32Array(to - from);
    for (let i = from; i < to; i++) {
      const line = lines[i] as string;
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      out[i - from] = id;
    }
    return out;
  };
  return { ia: intern(a, toA), ib: intern(b, toB) };
}

/**
 * The shortest edit script's length (insertions + deletions) between two id sequences: Myers' greedy O((N+M)·D)
 * forward search, on typed arrays, computing only the length (no path is kept). Undefined past `maxEditLength`,
 * `maxEffort` work units or `deadline` (a Date.now() value, checked every few edit lengths).
 */
function shortestEditLength(a: Int32Array, b: Int32Array, maxEditLength: number, deadline: number, maxEffort: number): number | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return n + m <= maxEditLength ? n + m : undefined;
  const max = Math.min(n + m, maxEditLength);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  let effort = 0;
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      const from = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      effort += 1 + x - from;
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
    if (effort > maxEffort || ((d & 31) === 31 && Date.now() > deadline)) return undefined;
  }
  return undefined;
}

/**
 * How many lines the proposal adds and removes relative to the original; bounded (see {@link LineDiffStats.approximate}).
 * Exact like jsdiff's `diffLines` (a minimal diff: its length D is unique, and added − removed is the difference in
 * line counts, so both counts are determined), but lines are compared as interned integers after trimming the
 * common first and last lines: two 10k-line files with 5% changed take a few milliseconds. Bounded by
 * {@link DIFF_MAX_EDIT_LENGTH} and {@link DIFF_MAX_EFFORT} (so the same texts always give the same result), and by
 * `timeoutMs` when given.
 */
export function lineDiffStats(original: string, proposed: string, bounds: DiffBounds = {}): LineDiffStats {
  // Bounded by work (deterministic), and by wall-clock time only when the caller asks for it.
  const maxEditLength = bounds.maxEditLength ?? DIFF_MAX_EDIT_LENGTH;
  const deadline = bounds.timeoutMs === undefined ? Infinity : Date.now() + bounds.timeoutMs;
  const a = splitLines(original);
  const b = splitLines(proposed);
  const { prefix, suffix } = commonEnds(a, b);
  const { ia, ib } = internLines(a, b, prefix, a.length - suffix, b.length - suffix);
  const length = shortestEditLength(ia, ib, maxEditLength, deadline, bounds.maxEffort ?? DIFF_MAX_EFFORT);
  const delta = b.length - a.length;
  if (length === undefined) return { added: b.length - prefix - suffix, removed: a.length - prefix - suffix, approximate: true };
  return { added: (length + delta) / 2, removed: (length - delta) / 2 };
}

export interface UnifiedDiffLabels {
  fromLabel: string;
  toLabel: string;
  /** Context lines around each hunk; 3 when omitted. */
  context?: number;
}

const NO_NEWLINE = '\\ No newline at end of file';

/**
 * One hunk replacing everything between the common first and last lines: a correct (not minimal) patch, built in
 * linear time when jsdiff gives up.
 */
function wholeBlockPatch(original: string, proposed: string, labels: UnifiedDiffLabels, context: number): StructuredPatch {
  const a = splitLines(original);
  const b = splitLines(proposed);
  const { prefix, suffix } = commonEnds(a, b);
  const hunks: StructuredPatchHunk[] = [];
  if (prefix + suffix < a.length || prefix + suffix < b.length) {
    const before = Math.max(0, prefix - context);
    const afterA = Math.min(a.length, a.length - suffix + context);
    const afterB = Math.min(b.length, b.length - suffix + context);
    const lines: string[] = [];
    const push = (marker: string, line: string) => {
      lines.push(marker + line.replace(/\n$/, ''));
      if (!line.endsWith('\n')) lines.push(NO_NEWLINE);
    };
    a.slice(before, prefix).forEach((line) => push(' ', line));
    a.slice(prefix, a.length - suffix).forEach((line) => push('-', line));
    b.slice(prefix, b.length - suffix).forEach((line) => push('+', line));
    a.slice(a.length - suffix, afterA).forEach((line) => push(' ', line));
    const oldLines = afterA - before;
    const newLines = afterB - before;
    hunks.push({ oldStart: before + 1, oldLines, newStart: before + 1, newLines, lines });
  }
  return { oldFileName: labels.fromLabel, newFileName: labels.toLabel, oldHeader: undefined, newHeader: undefined, hunks };
}

/** A unified diff (with ---/+++ headers) from `original` to `proposed`; bounded like {@link lineDiffStats}. */
export function unifiedDiff(original: string, proposed: string, labels: UnifiedDiffLabels, bounds: DiffBounds = {}): string {
  const context = labels.context ?? 3;
  const patch =
    structuredPatch(labels.fromLabel, labels.toLabel, original, proposed, undefined, undefined, { context, ...jsdiffBounds(bounds) }) ??
    wholeBlockPatch(original, proposed, labels, context);
  return formatPatch(patch);
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

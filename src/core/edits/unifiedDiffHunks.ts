/**
 * Unified diffs from model answers, applied leniently: hunk-header line numbers and counts are not trusted
 * (models get them wrong); each hunk is located by its context and removed lines, exactly first, then
 * with whitespace leniency, and as a last resort with jsdiff's fuzzy context matching.
 */
import { applyPatch, type StructuredPatch } from 'diff';
import type { AppliedEdits } from './editTypes';
import { describeLeniency, quoteFirstLine } from './editDescriptions';
import { locateLineBlock, spliceHit } from './lineBlockMatch';

export interface DiffHunk {
  /** The old-side start line from the header, when it had one (a hint only). */
  oldStart?: number;
  /** Body lines, each starting with ' ', '-' or '+'. */
  lines: string[];
}

const HUNK_HEADER = /^@@/;
const HUNK_OLD_START = /^@@\s*-(\d+)/;
const HUNK_BODY = /^[ +-]/;

function isFileHeader(line: string, next: string | undefined): boolean {
  return /^(diff --git |Index: )/.test(line) || (line.startsWith('--- ') && (next ?? '').startsWith('+++ '));
}

/** Drops trailing blank context (answer spacing, not code) and hunks that change nothing. */
function finishHunk(hunk: DiffHunk): DiffHunk | undefined {
  while (hunk.lines.length > 0 && (hunk.lines[hunk.lines.length - 1] ?? '').trim() === '') hunk.lines.pop();
  return hunk.lines.some((line) => line[0] === '+' || line[0] === '-') ? hunk : undefined;
}

/** The hunks of every `@@` section in `textLf`, whatever their headers say. */
export function parseUnifiedDiff(textLf: string): DiffHunk[] {
  const lines = textLf.split('\n');
  const hunks: DiffHunk[] = [];
  let current: DiffHunk | undefined;
  const close = (): void => {
    const finished = current === undefined ? undefined : finishHunk(current);
    if (finished !== undefined) hunks.push(finished);
    current = undefined;
  };
  lines.forEach((line, index) => {
    if (HUNK_HEADER.test(line)) {
      close();
      const start = HUNK_OLD_START.exec(line)?.[1];
      current = start === undefined ? { lines: [] } : { oldStart: Number(start), lines: [] };
    } else if (current === undefined || line.startsWith('\\')) {
      return;
    } else if (isFileHeader(line, lines[index + 1])) {
      close();
    } else if (line === '') {
      current.lines.push(' ');
    } else if (HUNK_BODY.test(line)) {
      current.lines.push(line);
    } else {
      close();
    }
  });
  close();
  return hunks;
}

/** True when `textLf` holds at least one `@@` hunk that adds or removes a line. */
export function looksLikeUnifiedDiff(textLf: string): boolean {
  return parseUnifiedDiff(textLf).length > 0;
}

function sides(hunk: DiffHunk): { before: string[]; after: string[] } {
  const before = hunk.lines.filter((line) => line[0] !== '+').map((line) => line.slice(1));
  const after = hunk.lines.filter((line) => line[0] !== '-').map((line) => line.slice(1));
  return { before, after };
}

/** jsdiff's fuzzy hunk fitting (context may differ by up to two lines), as the last resort. */
function applyWithFuzz(lines: readonly string[], hunk: DiffHunk, before: string[], after: string[]): string[] | undefined {
  const oldStart = Math.max(1, Math.min(hunk.oldStart ?? 1, lines.length));
  const patch: StructuredPatch = {
    oldFileName: 'original',
    newFileName: 'proposed',
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [{ oldStart, oldLines: before.length, newStart: oldStart, newLines: after.length, lines: hunk.lines }],
  };
  const result = applyPatch(lines.join('\n'), patch, {
    fuzzFactor: 2,
    // jsdiff passes `undefined` for positions past the end of the text, despite its `string` type.
    compareLine: (_lineNumber, line: string | undefined, _operation, patchContent) =>
      line !== undefined && line.trimEnd() === patchContent.trimEnd(),
  });
  return result === false ? undefined : result.split('\n');
}

/** Applies hunks to `originalLf` in order; hunks that fit nowhere are reported, not fatal. */
export function applyUnifiedDiff(originalLf: string, hunks: readonly DiffHunk[]): AppliedEdits {
  let lines = originalLf.split('\n');
  let cursor = 0;
  const failures: string[] = [];
  const notes: string[] = [];
  let applied = 0;
  hunks.forEach((hunk, index) => {
    const label = `diff hunk ${index + 1}`;
    const { before, after } = sides(hunk);
    if (before.every((line) => line.trim() === '')) {
      if (originalLf.trim() === '') {
        lines = after;
        applied++;
      } else {
        failures.push(`${label} has no context or removed lines to place it`);
      }
      return;
    }
    const hit = locateLineBlock(lines, before, after, cursor) ?? locateLineBlock(lines, before, after, 0);
    if (hit !== undefined) {
      const leniency = describeLeniency(hit.match);
      if (leniency !== undefined) notes.push(`${label} ${leniency}`);
      lines = spliceHit(lines, hit);
      cursor = hit.start + hit.replacement.length;
      applied++;
      return;
    }
    const fuzzed = applyWithFuzz(lines, hunk, before, after);
    if (fuzzed !== undefined) {
      notes.push(`${label} applied with fuzzy context matching`);
      lines = fuzzed;
      applied++;
      return;
    }
    const changed = hunk.lines.filter((line) => line[0] === '-').map((line) => line.slice(1));
    failures.push(`${label} did not apply: ${quoteFirstLine(changed.length > 0 ? changed : before)}`);
  });
  return { text: lines.join('\n'), applied, failures, notes };
}

/**
 * Finds the file-labelled edits of an answer: unified diffs with ---/+++ headers (several files, a/ b/ prefixes,
 * /dev/null for new and deleted files), SEARCH/REPLACE blocks under a file name (Aider style), and labelled fences
 * that give a whole file. Hunks and blocks are parsed by the single-file parsers (unifiedDiffHunks.ts,
 * searchReplaceBlocks.ts); this file only decides which file each one belongs to.
 */
import { findPlacedFencedBlocks, type PlacedFencedBlock } from './fencedBlocks';
import { canonicalLanguage } from './languageAliases';
import { toLf } from './lineEndings';
import { firstLinePath, infoStringPath, labelledPath } from './patchSetLabels';
import type { FileEdit, ParsedFileEdits } from './patchSetTypes';
import { hasSearchReplaceMarkers, parseSearchReplaceBlocks } from './searchReplaceBlocks';
import { looksLikeUnifiedDiff, parseUnifiedDiff } from './unifiedDiffHunks';

/** A path from a ---/+++ header: no timestamp, no a/ b/ prefix; undefined for /dev/null. */
function headerPath(rest: string): string | undefined {
  const path = (rest.split('\t')[0] ?? '').trim().replace(/^"(.*)"$/, '$1');
  if (path === '/dev/null' || path === '') return undefined;
  return /^[ab]\//.test(path) ? path.slice(2) : path;
}

const isHeaderPair = (lines: readonly string[], i: number): boolean =>
  (lines[i] ?? '').startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
const CLOSING_FENCE = /^[ \t>]*(`{3,}|~{3,})[ \t]*$/;

interface LineSpan {
  start: number;
  end: number;
}

/** Every ---/+++ section of the answer (inside a fence or not), one edit per file section. */
function headerDiffs(lines: readonly string[]): { edits: FileEdit[]; spans: LineSpan[] } {
  const edits: FileEdit[] = [];
  const spans: LineSpan[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isHeaderPair(lines, i)) continue;
    const oldPath = headerPath((lines[i] ?? '').slice(4));
    const newPath = headerPath((lines[i + 1] ?? '').slice(4));
    let end = i + 2;
    while (end < lines.length && !isHeaderPair(lines, end) && !/^diff --git /.test(lines[end] ?? '') && !CLOSING_FENCE.test(lines[end] ?? '')) end++;
    const hunks = parseUnifiedDiff(lines.slice(i + 2, end).join('\n'));
    const added = hunks.flatMap((h) => h.lines.filter((l) => l[0] === '+').map((l) => l.slice(1)));
    if (oldPath !== undefined || newPath !== undefined) {
      edits.push({ kind: 'diff', ...(oldPath === undefined ? {} : { oldPath }), ...(newPath === undefined ? {} : { newPath }), hunks, added });
    }
    spans.push({ start: i, end });
    i = end - 1;
  }
  return { edits, spans };
}

const overlaps = (block: PlacedFencedBlock, spans: readonly LineSpan[]): boolean =>
  spans.some((s) => s.start < block.endLine && s.end > block.startLine);

interface Label {
  line: number;
  path: string;
}

/** Path labels outside fences, and paths in fence info strings (at the fence's opening line). */
function findLabels(lines: readonly string[], fences: readonly PlacedFencedBlock[], diffSpans: readonly LineSpan[]): Label[] {
  const insideFence = (i: number): boolean =>
    fences.some((f) => i >= f.startLine && i < f.endLine) || diffSpans.some((s) => i >= s.start && i < s.end);
  const labels: Label[] = [];
  lines.forEach((line, i) => {
    if (insideFence(i)) return;
    const path = labelledPath(line);
    if (path !== undefined) labels.push({ line: i, path });
  });
  for (const fence of fences) {
    const path = infoStringPath(fence.info);
    if (path !== undefined) labels.push({ line: fence.startLine, path });
  }
  return labels.sort((a, b) => a.line - b.line);
}

/** The label on the non-blank line just above a fence (at most one blank line between), if any. */
function labelAbove(lines: readonly string[], fence: PlacedFencedBlock, labels: readonly Label[]): string | undefined {
  let j = fence.startLine - 1;
  while (j >= 0 && fence.startLine - j <= 2 && (lines[j] ?? '').trim() === '') j--;
  if (fence.startLine - j > 2) return undefined;
  return labels.find((l) => l.line === j)?.path;
}

/** SEARCH/REPLACE blocks, each attributed to the label above it; blocks above every label are unnamed. */
function searchReplaceEdits(lines: readonly string[], labels: readonly Label[]): { edits: FileEdit[]; problems: string[]; unnamed: boolean } {
  const edits: FileEdit[] = [];
  const problems: string[] = [];
  let unnamed = false;
  const cuts = [0, ...labels.map((l) => l.line), lines.length];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const text = lines.slice(cuts[k], cuts[k + 1]).join('\n');
    if (!hasSearchReplaceMarkers(text)) continue;
    const path = k === 0 ? undefined : labels[k - 1]?.path;
    const { blocks, unterminated } = parseSearchReplaceBlocks(text);
    if (path === undefined) {
      unnamed ||= blocks.length > 0;
      continue;
    }
    if (unterminated > 0) problems.push(`${path}: ${unterminated} SEARCH/REPLACE block(s) were not closed and were skipped`);
    if (blocks.length > 0) edits.push({ kind: 'search-replace', path, blocks });
  }
  return { edits, problems, unnamed };
}

const isDiffFence = (block: PlacedFencedBlock): boolean => canonicalLanguage(block.lang) === 'diff' || looksLikeUnifiedDiff(block.code);

/** The body of a header-less diff block as one hunk when it has no `@@` line (models often omit it). */
function headerlessHunks(code: string): ReturnType<typeof parseUnifiedDiff> {
  return parseUnifiedDiff(/^@@/m.test(code) ? code : `@@\n${code}`);
}

/** All file-labelled edits of `answer`, in answer order per kind. */
export function parseFileEdits(answer: string): ParsedFileEdits {
  const answerLf = toLf(answer);
  const lines = answerLf.split('\n');
  const fences = findPlacedFencedBlocks(answerLf);
  const diffs = headerDiffs(lines);
  const labels = findLabels(lines, fences, diffs.spans);
  const searchReplace = hasSearchReplaceMarkers(answerLf) ? searchReplaceEdits(lines, labels) : { edits: [], problems: [], unnamed: false };
  const edits: FileEdit[] = [...diffs.edits, ...searchReplace.edits];
  let unlabelledCode = searchReplace.unnamed;
  const unlabelledFences: ParsedFileEdits['unlabelledFences'] = [];
  for (const fence of fences) {
    if (overlaps(fence, diffs.spans) || hasSearchReplaceMarkers(fence.code) || fence.code.trim() === '') continue;
    const commentPath = isDiffFence(fence) ? undefined : firstLinePath(fence.code);
    const path = infoStringPath(fence.info) ?? commentPath ?? labelAbove(lines, fence, labels);
    if (path === undefined) {
      unlabelledCode = true;
      if (!isDiffFence(fence)) unlabelledFences.push({ lang: fence.lang, code: fence.code, terminated: fence.terminated });
    } else if (isDiffFence(fence)) {
      edits.push({ kind: 'diff', oldPath: path, newPath: path, hunks: headerlessHunks(fence.code), added: [] });
    } else {
      const content = commentPath === undefined ? fence.code : fence.code.slice(fence.code.indexOf('\n') + 1);
      edits.push({ kind: 'full', path, content, terminated: fence.terminated });
    }
  }
  return { edits, problems: searchReplace.problems, unlabelledCode, unlabelledFences };
}

/** The paths an edit names (a diff may name two). */
export function pathsOf(edit: FileEdit): string[] {
  if (edit.kind === 'selection') return [];
  if (edit.kind !== 'diff') return [edit.path];
  return [edit.oldPath, edit.newPath].filter((p): p is string => p !== undefined);
}

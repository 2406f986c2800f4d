/**
 * Locates a block of lines (the SEARCH side of an edit block or the old side of a diff hunk) in a text's
 * lines and builds its replacement. Tries an exact match first, then ignores trailing whitespace, then
 * ignores a uniform indentation shift (re-indenting the replacement to fit), the way Aider is lenient
 * about models that drift in whitespace.
 */

export type LineMatchKind = 'exact' | 'trailing-whitespace' | 'indentation';

export interface LineBlockHit {
  /** First matched line. */
  start: number;
  /** One past the last matched line. */
  end: number;
  /** The lines that take the place of lines[start, end). */
  replacement: string[];
  match: LineMatchKind;
}

const isBlank = (line: string): boolean => line.trim() === '';
const indentOf = (line: string): string => /^[ \t]*/.exec(line)?.[0] ?? '';

function minIndent(lines: readonly string[]): number {
  const widths = lines.filter((line) => !isBlank(line)).map((line) => indentOf(line).length);
  return widths.length === 0 ? 0 : Math.min(...widths);
}

/** `line` without its first `width` indentation characters (or all of them, when it has fewer). */
function dedent(line: string, width: number): string {
  return line.slice(Math.min(width, indentOf(line).length));
}

function windowMatches(
  lines: readonly string[],
  at: number,
  search: readonly string[],
  same: (fileLine: string, searchLine: string) => boolean,
): boolean {
  return search.every((searchLine, j) => same(lines[at + j] ?? '', searchLine));
}

function findWindow(
  lines: readonly string[],
  search: readonly string[],
  fromLine: number,
  same: (fileLine: string, searchLine: string) => boolean,
): number | undefined {
  for (let at = fromLine; at + search.length <= lines.length; at++) {
    if (windowMatches(lines, at, search, same)) return at;
  }
  return undefined;
}

/** Match ignoring a uniform indentation difference; returns the hit with the replacement re-indented. */
function findShiftedIndent(
  lines: readonly string[],
  search: readonly string[],
  replace: readonly string[],
  fromLine: number,
): LineBlockHit | undefined {
  const searchIndent = minIndent(search);
  const searchBody = search.map((line) => dedent(line, searchIndent).trimEnd());
  for (let at = fromLine; at + search.length <= lines.length; at++) {
    const window = lines.slice(at, at + search.length);
    const fileIndent = minIndent(window);
    const same = window.every((line, j) =>
      isBlank(line) ? searchBody[j] === '' : dedent(line, fileIndent).trimEnd() === searchBody[j],
    );
    if (!same) continue;
    const prefix = indentOf(window.find((line) => !isBlank(line)) ?? '').slice(0, fileIndent);
    const replacement = replace.map((line) => (isBlank(line) ? '' : prefix + dedent(line, searchIndent)));
    return { start: at, end: at + search.length, replacement, match: 'indentation' };
  }
  return undefined;
}

function locateExactly(
  lines: readonly string[],
  search: readonly string[],
  replace: readonly string[],
  fromLine: number,
): LineBlockHit | undefined {
  const exact = findWindow(lines, search, fromLine, (a, b) => a === b);
  if (exact !== undefined) {
    return { start: exact, end: exact + search.length, replacement: [...replace], match: 'exact' };
  }
  const trimmed = findWindow(lines, search, fromLine, (a, b) => a.trimEnd() === b.trimEnd());
  if (trimmed !== undefined) {
    return { start: trimmed, end: trimmed + search.length, replacement: [...replace], match: 'trailing-whitespace' };
  }
  return findShiftedIndent(lines, search, replace, fromLine);
}

/** `lines` without up to `maxHead` leading and `maxTail` trailing blank lines. */
function trimBlankEnds(lines: readonly string[], maxHead: number, maxTail: number): string[] {
  let start = 0;
  while (start < maxHead && start < lines.length && isBlank(lines[start] ?? '')) start++;
  let end = lines.length;
  while (lines.length - end < maxTail && end > start && isBlank(lines[end - 1] ?? '')) end--;
  return lines.slice(start, end);
}

/**
 * Finds `search` in `lines` at or after `fromLine` and returns where it is and what replaces it, or
 * undefined when no tier matches. An empty (or all-blank) `search` never matches.
 */
export function locateLineBlock(
  lines: readonly string[],
  search: readonly string[],
  replace: readonly string[],
  fromLine = 0,
): LineBlockHit | undefined {
  if (search.every(isBlank)) return undefined;
  const hit = locateExactly(lines, search, replace, fromLine);
  if (hit !== undefined) return hit;
  // Models often pad a block with blank lines the text does not have: retry without the padding.
  const innerSearch = trimBlankEnds(search, Infinity, Infinity);
  if (innerSearch.length === search.length) return undefined;
  const head = search.findIndex((line) => !isBlank(line));
  const innerReplace = trimBlankEnds(replace, head, search.length - head - innerSearch.length);
  return locateExactly(lines, innerSearch, innerReplace, fromLine);
}

/** `lines` with the hit's range swapped for its replacement. */
export function spliceHit(lines: readonly string[], hit: LineBlockHit): string[] {
  return [...lines.slice(0, hit.start), ...hit.replacement, ...lines.slice(hit.end)];
}

/**
 * An answer's code as an inline diff against the original selection, for the results panel: removed and added lines
 * with their changed words marked (jsdiff `diffWordsWithSpace` on each removed/added line pair), so several
 * candidates' diffs can be read side by side. Bounded in lines, characters and diff effort: a larger diff is cut and
 * says so, and a diff jsdiff gives up on is shown as whole removed and added lines.
 */
import { diffLines, diffWordsWithSpace } from 'diff';
import { INLINE_DIFF_CAPS } from '../../shared/vocabulary';
import { DIFF_MAX_EDIT_LENGTH, DIFF_TIMEOUT_MS } from './diffStats';

export type InlineDiffPart = { text: string; changed: boolean };
export type InlineDiffLine = { kind: 'same' | 'add' | 'del'; parts: InlineDiffPart[] };
export type InlineDiff = { lines: InlineDiffLine[]; truncated: boolean };

export const INLINE_DIFF_MAX_LINES = INLINE_DIFF_CAPS.lines;
export const INLINE_DIFF_MAX_CHARS = INLINE_DIFF_CAPS.chars;
/** Unchanged lines kept around each change; longer unchanged runs are folded to these. */
const CONTEXT_LINES = 3;

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Marks the words that differ between a removed and an added line. */
function wordPair(removed: string, added: string): [InlineDiffLine, InlineDiffLine] {
  const del: InlineDiffPart[] = [];
  const add: InlineDiffPart[] = [];
  for (const change of diffWordsWithSpace(removed, added)) {
    if (!change.added) del.push({ text: change.value, changed: Boolean(change.removed) });
    if (!change.removed) add.push({ text: change.value, changed: Boolean(change.added) });
  }
  return [{ kind: 'del', parts: del }, { kind: 'add', parts: add }];
}

function whole(kind: InlineDiffLine['kind'], text: string): InlineDiffLine {
  return { kind, parts: [{ text, changed: false }] };
}

export function inlineDiff(original: string, proposed: string): InlineDiff {
  const changes = diffLines(original, proposed, { maxEditLength: DIFF_MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS }) ?? [
    { value: original, removed: true, added: false, count: 0 },
    { value: proposed, added: true, removed: false, count: 0 },
  ];
  const out: InlineDiffLine[] = [];
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (!change) continue;
    const lines = linesOf(change.value);
    if (!change.added && !change.removed) {
      const folded = lines.length > CONTEXT_LINES * 2 && i > 0 && i < changes.length - 1;
      const kept = i === 0 ? lines.slice(-CONTEXT_LINES) : i === changes.length - 1 ? lines.slice(0, CONTEXT_LINES) : folded ? [...lines.slice(0, CONTEXT_LINES), '⋯', ...lines.slice(-CONTEXT_LINES)] : lines;
      out.push(...kept.map((l) => whole('same', l)));
      continue;
    }
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // A replaced block: pair its lines for word-level marks; extra lines stay whole.
      const added = linesOf(next.value);
      const dels: InlineDiffLine[] = [];
      const adds: InlineDiffLine[] = [];
      for (let k = 0; k < Math.max(lines.length, added.length); k++) {
        const a = lines[k];
        const b = added[k];
        if (a !== undefined && b !== undefined) {
          const [d, p] = wordPair(a, b);
          dels.push(d);
          adds.push(p);
        } else if (a !== undefined) dels.push(whole('del', a));
        else if (b !== undefined) adds.push(whole('add', b));
      }
      out.push(...dels, ...adds);
      i++;
      continue;
    }
    out.push(...lines.map((l) => whole(change.added ? 'add' : 'del', l)));
  }
  return bound(out);
}

function bound(lines: InlineDiffLine[]): InlineDiff {
  let chars = 0;
  for (let n = 0; n < lines.length; n++) {
    chars += (lines[n]?.parts ?? []).reduce((sum, p) => sum + p.text.length, 0);
    if (n >= INLINE_DIFF_MAX_LINES || chars > INLINE_DIFF_MAX_CHARS) return { lines: lines.slice(0, n), truncated: true };
  }
  return { lines, truncated: false };
}

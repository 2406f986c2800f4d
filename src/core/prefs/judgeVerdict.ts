/**
 * Reading a judge's answer (issue 12): its final `PICK: B` line, parsed robustly (markdown emphasis, "Model B",
 * "Candidate B", a trailing full stop, lower case), and masking, which replaces any model name the judge wrote with
 * the candidate's blind label, so a judge cannot give away who is who. Pure.
 */

export type JudgePick = { kind: 'pick'; index: number } | { kind: 'none' };

/** `PICK: X` anywhere on a line; the last such line wins (a judge may quote the format before answering). */
const PICK_LINE = /^[\s>*_`#-]*(?:final\s+)?pick\s*[:=\-–]\s*[*_`"'\s]*(?:(?:model|candidate|answer|option)\s+)?([a-z0-9]+)[*_`"'\s.!]*$/i;

/**
 * The candidate the judge picked: its index in `letters` ("A", "B", …), `none` when it rejected them all, or
 * undefined when the answer has no readable PICK line (or names a letter no candidate has).
 */
export function parsePick(text: string, letters: readonly string[]): JudgePick | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = PICK_LINE.exec(lines[i] ?? '');
    const value = match?.[1];
    if (!value) continue;
    if (/^(?:none|neither|nobody|no)$/i.test(value)) return { kind: 'none' };
    const index = letters.findIndex((l) => l.toLowerCase() === value.toLowerCase());
    return index >= 0 ? { kind: 'pick', index } : undefined;
  }
  return undefined;
}

export interface MaskName {
  /** A model id, label or provider model name, as configured. */
  name: string;
  /** What it becomes: the candidate's blind label, or a neutral word for a model that is not a candidate. */
  replacement: string;
}

/** Names shorter than this are not masked: they would hit ordinary words. */
const MIN_MASKED_CHARS = 3;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every occurrence (case-insensitive, as a whole word: not inside a longer name) of each name with its
 * replacement, longest names first so "gpt-4.1-mini" is not masked as "gpt-4.1" plus "-mini".
 */
export function maskModelNames(text: string, names: readonly MaskName[]): string {
  const byName = new Map<string, string>();
  for (const { name, replacement } of names) {
    const key = name.trim().toLowerCase();
    if (key.length >= MIN_MASKED_CHARS && !byName.has(key)) byName.set(key, replacement);
  }
  if (byName.size === 0) return text;
  const keys = [...byName.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_.-])(?:${keys.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_]|[.-][\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, (found) => byName.get(found.toLowerCase()) ?? found);
}

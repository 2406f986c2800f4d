/** Short human-readable wording shared by the edit appliers' notes and failures. */
import type { LineMatchKind } from './lineBlockMatch';

/** The first non-blank line of `lines`, trimmed and shortened, quoted for a note. */
export function quoteFirstLine(lines: readonly string[]): string {
  const first = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  return JSON.stringify(first.length > 60 ? `${first.slice(0, 57)}...` : first);
}

export function describeLeniency(match: LineMatchKind): string | undefined {
  switch (match) {
    case 'exact':
      return undefined;
    case 'trailing-whitespace':
      return 'matched ignoring trailing whitespace';
    case 'indentation':
      return 'matched ignoring indentation (replacement re-indented)';
  }
}

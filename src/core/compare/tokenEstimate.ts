/**
 * A cheap, dependency-free token-count ESTIMATE, used only when a provider reports no usage.
 * Real tokenizers differ per model; this aims at roughly the right order of magnitude for source code
 * (≈ 4 characters per token for identifiers, symbols counted in small runs, indentation nearly free).
 */

/** Identifier/number runs, CJK and other non-ASCII letters, symbol runs, whitespace runs. */
// eslint-disable-next-line no-control-regex -- \x00-\x7F is the ASCII range, not a control character to match
const PIECES = /[A-Za-z0-9_]+|[^\x00-\x7F]|[^\sA-Za-z0-9_\x80-\uFFFF]+|\s+/gu;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    const first = piece.charCodeAt(0);
    if (/\s/.test(piece[0] ?? '')) {
      // A space before a word is absorbed into it; a line break plus indentation is about one token.
      tokens += piece.includes('\n') ? 1 : 0;
    } else if (first > 0x7f) {
      tokens += 1;
    } else if (/[A-Za-z0-9_]/.test(piece[0] ?? '')) {
      tokens += Math.ceil(piece.length / 4);
    } else {
      // Operators and brackets: pairs such as `=>`, `();` usually merge into one token.
      tokens += Math.ceil(piece.length / 2);
    }
  }
  return tokens;
}

/**
 * A cheap, dependency-free token-count ESTIMATE, used only when a provider reports no usage.
 * Real tokenizers differ per model; this aims at roughly the right order of magnitude for source code
 * (≈ 4 characters per token for identifiers, symbols counted in small runs, indentation nearly free).
 *
 * The text is cut into pieces, leftmost first: an identifier/number run (`[A-Za-z0-9_]+`), else one non-ASCII code
 * point, else a run of ASCII symbols (astral code points continue such a run), else a whitespace run. An
 * identifier counts ⌈length / 4⌉, a symbol run ⌈length / 2⌉ (UTF-16 units), a non-ASCII character 1 (0 if it is
 * whitespace), a whitespace run 1 if it holds a line break, else 0. It runs once per streamed delta, so it scans
 * character codes instead of matching a regular expression (test/unit/compare/tokenEstimate.test.ts holds the
 * regular-expression definition and checks that both agree).
 */

const isWord = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

export function estimateTokens(text: string): number {
  const n = text.length;
  let tokens = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWord(c)) {
      let j = i + 1;
      while (j < n && isWord(text.charCodeAt(j))) j++;
      tokens += Math.ceil((j - i) / 4);
      i = j;
    } else if (c > 0x7f) {
      // One code point (a surrogate pair is one); whitespace such as U+00A0 counts nothing.
      if (!isSpace(c)) tokens += 1;
      i += isHigh(c) && i + 1 < n && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    } else if (isSpace(c)) {
      let j = i + 1;
      let lineBreak = c === 10;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (!isSpace(d)) break;
        if (d === 10) lineBreak = true;
      }
      if (lineBreak) tokens += 1;
      i = j;
    } else {
      // ASCII symbols, and astral code points after the first symbol (outside the \x80-\uFFFF the run stops at).
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d <= 0x7f) {
          if (isWord(d) || isSpace(d)) break;
        } else if (isHigh(d) && j + 1 < n && isLow(text.charCodeAt(j + 1))) j++;
        else break;
      }
      tokens += Math.ceil((j - i) / 2);
      i = j;
    }
  }
  return tokens;
}

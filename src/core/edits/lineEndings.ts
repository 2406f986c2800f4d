/**
 * Line-ending handling: answers are matched as LF text, results go back with the original's line
 * endings and trailing-newline shape.
 */

export type Eol = '\n' | '\r\n';

/** The dominant line ending of `text` (LF when it has no line breaks). */
export function detectEol(text: string): Eol {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const all = text.match(/\n/g)?.length ?? 0;
  return crlf > 0 && crlf * 2 >= all ? '\r\n' : '\n';
}

export function toLf(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function fromLf(text: string, eol: Eol): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

/** The run of line breaks that ends `text`, e.g. "", "\n" or "\n\n" (LF text). */
function trailingLineBreaks(lfText: string): string {
  return /\n*$/.exec(lfText)?.[0] ?? '';
}

/**
 * Gives `code` (LF) the same ending as `originalLf`: trailing blank lines of the code are dropped and the
 * original's trailing line breaks are appended.
 */
export function matchTrailingNewlines(code: string, originalLf: string): string {
  const lines = code.split('\n');
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  return lines.join('\n') + trailingLineBreaks(originalLf);
}

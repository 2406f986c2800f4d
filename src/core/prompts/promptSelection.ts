/**
 * The selected code a logged prompt was built from, read back from its "Selected code" section (promptTemplates.ts
 * writes it in a fence longer than any backtick run inside, so the fence's closing line is unambiguous). A run
 * reopened from history diffs and applies against this text, so nothing beyond the prompt needs to be logged.
 */
import type { SelectionRange } from './contextAssembly';

const SECTION = /^Selected code \([^\n]*\):\n(`{3,})[^\n`]*\n/m;

/**
 * Undefined when the prompt has no such section. `selection` decides the one ambiguity of the fence: a body always
 * ends with a line break, which is the selection's own only when the selection ends at the start of a line.
 */
export function selectedCodeOfPrompt(user: string, selection: SelectionRange): string | undefined {
  const open = SECTION.exec(user);
  if (!open?.[1]) return undefined;
  const fence = open[1];
  const start = open.index + open[0].length;
  let close = -1;
  for (let from = start; from <= user.length; ) {
    const at = user.indexOf(`\n${fence}`, from - 1);
    if (at < 0) break;
    const after = at + 1 + fence.length;
    if (after === user.length || user[after] === '\n') {
      close = at + 1;
      break;
    }
    from = after + 1;
  }
  if (close < start) return undefined;
  const body = user.slice(start, close);
  const endsWithBreak = selection.endCharacter === 0 && selection.endLine > selection.startLine;
  // The fence added the final "\n" only when the code did not end with one.
  return endsWithBreak || !body.endsWith('\n') ? body : body.slice(0, -1);
}

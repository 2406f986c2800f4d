/**
 * Keyboard shortcuts of the vote bar: 1–8 pick a column, T a tie, B "all bad". Ignored while the user is typing in
 * a text field or holds a modifier (so Ctrl+1 etc. stay VS Code's). Pure.
 */
export type VoteKeyAction = { kind: 'winner'; columnIndex: number } | { kind: 'tie' } | { kind: 'all-bad' };

export type VoteKeyContext = {
  columnCount: number;
  /** True when focus is in an input, textarea, select or contenteditable element. */
  typing: boolean;
  modifiers: boolean;
};

export function voteActionForKey(key: string, context: VoteKeyContext): VoteKeyAction | undefined {
  if (context.typing || context.modifiers) return undefined;
  if (/^[1-8]$/.test(key)) {
    const columnIndex = Number(key) - 1;
    return columnIndex < context.columnCount ? { kind: 'winner', columnIndex } : undefined;
  }
  const lower = key.toLowerCase();
  if (lower === 't') return { kind: 'tie' };
  if (lower === 'b') return { kind: 'all-bad' };
  return undefined;
}

/** Whether a focused element takes text input (the DOM side of `VoteKeyContext.typing`). */
export function isTextEntry(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/**
 * The vote being composed in the vote bar, and its conversion to the protocol's vote. Pure.
 */
import type { VoteView } from '../../shared/protocol';

export type VoteDraft = {
  kind?: VoteView['kind'];
  winnerColumnId?: string;
  /** columnId → rank (1 = best); unranked columns are absent. */
  ranks: Map<string, number>;
  tags: Set<string>;
  note: string;
};

export function emptyDraft(): VoteDraft {
  return { ranks: new Map(), tags: new Set(), note: '' };
}

/** A complete vote, or undefined when nothing has been picked yet (Submit stays disabled). */
export function voteFromDraft(draft: VoteDraft, columnOrder: readonly string[]): VoteView | undefined {
  if (!draft.kind) return undefined;
  if (draft.kind === 'winner' && (!draft.winnerColumnId || !columnOrder.includes(draft.winnerColumnId))) return undefined;
  const ranked = columnOrder
    .filter((id) => draft.ranks.has(id))
    .sort((a, b) => (draft.ranks.get(a) ?? 0) - (draft.ranks.get(b) ?? 0) || columnOrder.indexOf(a) - columnOrder.indexOf(b));
  const note = draft.note.trim();
  return {
    kind: draft.kind,
    ...(draft.kind === 'winner' && draft.winnerColumnId ? { winnerColumnId: draft.winnerColumnId } : {}),
    ...(ranked.length >= 2 ? { rankingColumnIds: ranked } : {}),
    tags: [...draft.tags],
    ...(note ? { note } : {}),
  };
}

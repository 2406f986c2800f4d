/**
 * The vote being composed in the vote bar, and its conversion to the protocol's vote. Pure.
 */
import type { VoteDraftView, VoteView } from '../../shared/protocol';

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

/** The draft as the host keeps it (plain JSON). */
export function draftToView(draft: VoteDraft): VoteDraftView {
  return {
    ...(draft.kind ? { kind: draft.kind } : {}),
    ...(draft.winnerColumnId ? { winnerColumnId: draft.winnerColumnId } : {}),
    ranks: Object.fromEntries(draft.ranks),
    tags: [...draft.tags],
    note: draft.note,
  };
}

/** Restores a kept draft onto an empty one, dropping columns and tags the run does not have. */
export function draftFromView(view: VoteDraftView, columnOrder: readonly string[], tags: readonly string[]): VoteDraft {
  const draft = emptyDraft();
  if (view.kind) draft.kind = view.kind;
  if (view.kind === 'winner' && view.winnerColumnId && columnOrder.includes(view.winnerColumnId)) draft.winnerColumnId = view.winnerColumnId;
  if (view.kind === 'winner' && draft.winnerColumnId === undefined) delete draft.kind;
  for (const [columnId, rank] of Object.entries(view.ranks)) if (columnOrder.includes(columnId)) draft.ranks.set(columnId, rank);
  for (const tag of view.tags) if (tags.includes(tag)) draft.tags.add(tag);
  draft.note = view.note;
  return draft;
}

/**
 * Turns votes into pairwise comparisons between models, the input of the rating fit.
 *
 * - A ranking gives every pair the order implies (earlier beats later).
 * - A 'winner' vote: the winner beats every other column not already ordered by the ranking.
 * - 'tie' and 'all-bad': every pair not ordered by a ranking is a tie (half a win each way).
 * Models are identified across runs by {@link modelKey}: the entry id with its provider and model, so renaming a
 * label keeps the history together.
 */
import type { RunModel, RunRecord } from './preferenceRecord';

export interface Comparison {
  a: string;
  b: string;
  /** a's score: 1 when a won, 0.5 for a tie, 0 when b won. */
  scoreA: 0 | 0.5 | 1;
}

/** The stable identity of a model across runs: `provider:model:entry id` (labels are free to change). */
export function modelKey(model: Pick<RunModel, 'provider' | 'model' | 'id'>): string {
  return `${model.provider}:${model.model}:${model.id}`;
}

export function comparisonsFromRun(run: RunRecord): Comparison[] {
  const vote = run.vote;
  if (!vote) return [];
  const keyById = new Map(run.models.map((m) => [m.id, modelKey(m)]));
  const ids = run.models.map((m) => m.id);
  const decided = new Set<string>();
  const out: Comparison[] = [];

  const add = (first: string, second: string, scoreA: Comparison['scoreA']): void => {
    const pair = [first, second].sort().join('\u0000');
    const a = keyById.get(first);
    const b = keyById.get(second);
    if (decided.has(pair) || a === undefined || b === undefined || a === b) return;
    decided.add(pair);
    out.push({ a, b, scoreA });
  };

  const ranking = vote.ranking ?? [];
  ranking.forEach((better, i) => ranking.slice(i + 1).forEach((worse) => add(better, worse, 1)));

  if (vote.kind === 'winner') {
    const winner = vote.winner;
    if (winner !== undefined) {
      for (const other of ids) if (other !== winner) add(winner, other, 1);
    }
  } else {
    ids.forEach((first, i) => ids.slice(i + 1).forEach((second) => add(first, second, 0.5)));
  }
  return out;
}

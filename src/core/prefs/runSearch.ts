/**
 * In-memory search over logged runs: prompt text, model labels / entry ids / provider model ids, vote tags and notes.
 * Case-insensitive; every whitespace-separated word of the query must match somewhere in the run. Results keep the
 * input order, so the same runs and query always give the same answer.
 */
import { type RunRecord, runNotes } from './preferenceRecord';

export function searchRuns(runs: readonly RunRecord[], query: string): RunRecord[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...runs];
  return runs.filter((run) => {
    const haystack = searchableText(run);
    return words.every((w) => haystack.includes(w));
  });
}

function searchableText(run: RunRecord): string {
  return [
    run.prompt.system,
    run.prompt.user,
    ...run.models.flatMap((m) => [m.label, m.id, m.model]),
    ...(run.vote?.tags ?? []),
    ...runNotes(run),
  ]
    .join('\n')
    .toLowerCase();
}

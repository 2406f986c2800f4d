/** Builders for preference-log records used by the prefs tests. */
import type { LegacyRunEntry, LogEventV2 } from '../../../src/core/prefs/logEvents';
import { foldLegacyRun } from '../../../src/core/prefs/logFold';
import type { RunOutput, RunRecord, Vote } from '../../../src/core/prefs/preferenceRecord';

export interface SampleRunOptions {
  id?: string;
  /** Model entry ids; each becomes label = id upper-cased, model = `model-<id>`. Default a, b, c. */
  models?: string[];
  vote?: Vote;
  note?: string;
  createdAt?: string;
  template?: LegacyRunEntry['template'];
  languageId?: string;
  user?: string;
  /** Answer text per model id (default `answer from <id>`). */
  texts?: Record<string, string>;
  /** Per-model overrides of an output's fields. */
  outputs?: Record<string, Partial<LegacyRunEntry['outputs'][number]>>;
}

/** A schema-1 `run` line (older logs); {@link folded} gives the record it reads back as. */
export function sampleRun(options: SampleRunOptions = {}): LegacyRunEntry {
  const ids = options.models ?? ['a', 'b', 'c'];
  return {
    schemaVersion: 1,
    type: 'run',
    id: options.id ?? 'run-1',
    createdAt: options.createdAt ?? '2025-06-01T10:00:00.000Z',
    template: options.template ?? 'fix',
    languageId: options.languageId ?? 'typescript',
    requestHash: 'f'.repeat(64),
    prompt: { system: 'You are a careful engineer.', user: options.user ?? 'Fix the off-by-one in loop()' },
    context: { filePath: 'src/loop.ts', selection: { startLine: 3, startCharacter: 0, endLine: 9, endCharacter: 1 }, truncated: { wholeFile: false } },
    models: ids.map((id) => ({ id, label: id.toUpperCase(), provider: 'openai', model: `model-${id}`, params: { temperature: 0 } })),
    outputs: ids.map((id) => ({
      modelId: id,
      state: 'done',
      text: options.texts?.[id] ?? `answer from ${id}`,
      metrics: { ttftMs: 100, totalMs: 1000, outputTokens: 50, tokensEstimated: false, tokensPerSecond: 55 },
      ...options.outputs?.[id],
    })),
    ...(options.vote && { vote: options.vote }),
    ...(options.note !== undefined && { note: options.note }),
    blind: false,
    shownOrder: [...ids],
  };
}

export function winnerVote(winner: string, ranking?: string[]): Vote {
  return { kind: 'winner', winner, ...(ranking && { ranking }), tags: [], votedAt: '2025-06-01T10:05:00.000Z' };
}

export function tieVote(kind: 'tie' | 'all-bad' = 'tie'): Vote {
  return { kind, tags: [], votedAt: '2025-06-01T10:05:00.000Z' };
}

/** The record a schema-1 run line reads back as. */
export function folded(entry: LegacyRunEntry): RunRecord {
  return foldLegacyRun(entry);
}

/** The schema-2 events that record the same run: a run-start, one attempt per output, then the vote and note. */
export function asEvents(entry: LegacyRunEntry): LogEventV2[] {
  const { id: runId, createdAt: at, outputs, vote, note, schemaVersion: _v, type: _t, ...shape } = entry;
  const events: LogEventV2[] = [{ schemaVersion: 2, type: 'run-start', runId, at, ...shape }];
  for (const output of outputs) events.push({ schemaVersion: 2, type: 'attempt', runId, attempt: 1, at, output });
  if (vote) events.push({ schemaVersion: 2, type: 'vote', runId, vote, at: vote.votedAt });
  if (note !== undefined) events.push({ schemaVersion: 2, type: 'note', runId, note, at });
  return events;
}

/** A schema-2 attempt event (a retry when `attempt` > 1). */
export function attemptEvent(runId: string, attempt: number, output: RunOutput, at = '2025-06-01T10:02:00.000Z'): LogEventV2 {
  return { schemaVersion: 2, type: 'attempt', runId, attempt, at, output };
}

/** A schema-2 note event. */
export function noteEvent(runId: string, note: string, at = '2025-06-01T10:06:00.000Z'): LogEventV2 {
  return { schemaVersion: 2, type: 'note', runId, note, at };
}

/** A schema-2 vote event. */
export function voteEvent(runId: string, vote: Vote): LogEventV2 {
  return { schemaVersion: 2, type: 'vote', runId, vote, at: vote.votedAt };
}

/** Log text: one JSON line per entry. */
export function logText(entries: readonly unknown[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

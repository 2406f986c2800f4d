/**
 * Reading the log: every line is validated, then the events are folded, in file order, into one `RunRecord` per
 * run. History, the leaderboard and every export read this fold and nothing else, so they cannot disagree.
 *
 * Folding rules: a run starts at its `run-start` (or schema-1 `run` line); an `attempt` replaces the model's answer
 * on screen and is kept in `attempts`; a later `vote` replaces the earlier one; every `note` is kept; `reveal`,
 * `apply`, `cancel`, `verification` and `judge` are recorded as they came (a judge is never a vote). Events for an unknown run, or naming a model the run does not
 * have, are reported as problems and skipped; nothing is ever dropped silently.
 */
import { z } from 'zod';
import { judgeMismatch } from './judgeEvent';
import { eventV1Schema, eventV2Schema, type LegacyRunEntry, type LogEntry, type LogEventV2 } from './logEvents';
import { type AttemptRecord, type RunOutput, type RunRecord, voteMismatch } from './preferenceRecord';

export interface LogProblem {
  /** 1-based line number in the file. */
  line: number;
  error: string;
}

export interface LogContents {
  /** Set when the log is large enough to slow reading down. */
  sizeBytes?: number;
  /** Runs in the order they started, with every later event folded on. */
  runs: RunRecord[];
  problems: LogProblem[];
}

/** Validates one parsed JSON line; the error names the failing field. */
export function parseEntry(json: unknown): { ok: true; entry: LogEntry } | { ok: false; error: string } {
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  const schema = version === 2 ? eventV2Schema : version === 1 ? eventV1Schema : undefined;
  if (!schema) return { ok: false, error: `unknown schemaVersion ${JSON.stringify(version)}` };
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, entry: parsed.data } : { ok: false, error: oneLine(z.prettifyError(parsed.error)) };
}

/** Folds events into runs. `lines` pairs each entry with its 1-based line number, in file order. */
export class LogFolder {
  private readonly runs = new Map<string, RunRecord>();
  readonly problems: LogProblem[] = [];

  add(entry: LogEntry, line: number): void {
    if (entry.schemaVersion === 1) this.addLegacy(entry, line);
    else this.addEvent(entry, line);
  }

  problem(line: number, error: string): void {
    this.problems.push({ line, error });
  }

  result(): LogContents {
    const problems = [...this.problems].sort((a, b) => a.line - b.line);
    return { runs: [...this.runs.values()], problems };
  }

  private addEvent(event: LogEventV2, line: number): void {
    if (event.type === 'run-start') {
      if (this.runs.has(event.runId)) return this.problem(line, `duplicate run id '${event.runId}' (the first one is kept)`);
      const { runId, at, schemaVersion: _v, type: _t, ...shape } = event;
      const outputs: RunOutput[] = [];
      this.runs.set(runId, { id: runId, createdAt: at, ...shape, outputs, attempts: [], notes: [], applied: [] });
      return;
    }
    const run = this.runs.get(event.runId);
    if (!run) return this.problem(line, `${event.type} for unknown run '${event.runId}'`);
    const ids = new Set(run.models.map((m) => m.id));
    switch (event.type) {
      case 'attempt': {
        if (!ids.has(event.output.modelId)) return this.problem(line, `attempt for run '${run.id}': unknown model '${event.output.modelId}'`);
        const attempt: AttemptRecord = { ...event.output, attempt: event.attempt, ...(event.sample === undefined ? {} : { sample: event.sample }), at: event.at };
        run.attempts.push(attempt);
        run.outputs = orderOutputs(run, [...run.outputs.filter((o) => o.modelId !== event.output.modelId), event.output]);
        return;
      }
      case 'vote': {
        const mismatch = voteMismatch(event.vote, ids);
        if (mismatch) return this.problem(line, `vote for run '${run.id}': ${mismatch}`);
        run.vote = event.vote;
        return;
      }
      case 'note':
        run.notes.push(event.note);
        return;
      case 'reveal':
        run.revealedAt ??= event.at;
        return;
      case 'apply':
        if (!ids.has(event.modelId)) return this.problem(line, `apply for run '${run.id}': unknown model '${event.modelId}'`);
        run.applied.push({ modelId: event.modelId, attempt: event.attempt, at: event.at, ...(event.files ? { files: event.files } : {}) });
        return;
      case 'verification': {
        if (!ids.has(event.modelId)) return this.problem(line, `verification for run '${run.id}': unknown model '${event.modelId}'`);
        const { schemaVersion: _v, type: _t, runId: _r, ...verification } = event;
        (run.verifications ??= []).push(verification);
        return;
      }
      case 'judge': {
        const mismatch = judgeMismatch(event, ids);
        if (mismatch) return this.problem(line, `judge for run '${run.id}': ${mismatch}`);
        const { schemaVersion: _v, type: _t, runId: _r, ...judgement } = event;
        (run.judgements ??= []).push(judgement);
        return;
      }
      case 'cancel':
        // The first cause is why the run stopped early; a later one (the window closing on it) changes nothing.
        if (event.modelIds === undefined || event.reason !== 'user') run.cancelled ??= event.reason;
        return;
    }
  }

  private addLegacy(entry: LegacyRunEntry | Extract<LogEntry, { schemaVersion: 1; type: 'vote' | 'note' }>, line: number): void {
    if (entry.type === 'run') {
      if (this.runs.has(entry.id)) return this.problem(line, `duplicate run id '${entry.id}' (the first one is kept)`);
      const { schemaVersion: _v, type: _t, note, ...rest } = entry;
      this.runs.set(entry.id, {
        ...rest,
        attempts: entry.outputs.map((o) => ({ ...o, attempt: 1, at: entry.createdAt })),
        notes: note === undefined ? [] : [note],
        applied: [],
      });
      return;
    }
    const run = this.runs.get(entry.runId);
    if (!run) return this.problem(line, `${entry.type} for unknown run '${entry.runId}'`);
    if (entry.type === 'note') {
      run.notes.push(entry.note);
      return;
    }
    const mismatch = voteMismatch(entry.vote, new Set(run.models.map((m) => m.id)));
    if (mismatch) this.problem(line, `vote for run '${entry.runId}': ${mismatch}`);
    else run.vote = entry.vote;
  }
}

/** Outputs in the run's model order. */
function orderOutputs(run: RunRecord, outputs: RunOutput[]): RunOutput[] {
  const order = run.models.map((m) => m.id);
  return outputs.sort((a, b) => order.indexOf(a.modelId) - order.indexOf(b.modelId));
}

/** Parses log text: validates every line and folds the events. */
export function parseLog(text: string): LogContents {
  const folder = new LogFolder();
  const lines = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  lines.forEach((raw, index) => foldLine(folder, raw, index + 1, index === lines.length - 1 && !endsCleanly));
  return folder.result();
}

/** Validates one raw line and folds it, or reports why not. */
export function foldLine(folder: LogFolder, raw: string, line: number, isTornTail: boolean): void {
  if (raw.trim() === '') return;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    folder.problem(line, isTornTail ? 'incomplete last line (interrupted write)' : `not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const parsed = parseEntry(json);
  if (parsed.ok) folder.add(parsed.entry, line);
  else folder.problem(line, `not a valid entry: ${parsed.error}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}

/** The record one schema-1 `run` line folds into (for importing older logs, and in tests). */
export function foldLegacyRun(entry: LegacyRunEntry): RunRecord {
  const folder = new LogFolder();
  folder.add(entry, 1);
  const run = folder.result().runs[0];
  if (!run) throw new Error(`run '${entry.id}' did not fold`);
  return run;
}

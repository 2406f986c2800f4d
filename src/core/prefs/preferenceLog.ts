/**
 * The user's preference log: an append-only JSONL file of runs, votes and notes.
 *
 * - Every entry is one `JSON.stringify` line plus `\n`, written through an `O_APPEND` handle.
 * - Appends are serialized through an in-process queue, so concurrent appends never interleave.
 * - A torn last line (a crash mid-write) is left alone; the next append starts on a fresh line.
 * - Reading validates each line; bad lines are skipped and reported, never deleted or rewritten.
 * - A failed write keeps the entry in memory ({@link PreferenceLog.pending}) for a retry or another path; the
 *   next append writes the kept entries first, in order, so a passing failure (a full disk) heals by itself.
 * - Strings that look like API keys are scrubbed before anything is written.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type LogEntry, logEntrySchema, type NoteEvent, type RunRecord, type VoteEvent, voteMismatch } from './preferenceRecord';
import { scrubStrings } from './secretScrubber';

export interface LogProblem {
  /** 1-based line number in the file. */
  line: number;
  error: string;
}

export interface LogContents {
  /** Runs in file order, with later vote and note events folded on. */
  runs: RunRecord[];
  problems: LogProblem[];
}

/** A write to the log failed; `entry` (already scrubbed) was not saved and is kept in `pending()`. */
export class PreferenceWriteError extends Error {
  override readonly name = 'PreferenceWriteError';

  constructor(
    readonly entry: LogEntry,
    readonly filePath: string,
    /** The system error code, e.g. ENOSPC, EACCES, EROFS, ENOTDIR. */
    readonly code: string | undefined,
    options: { cause: unknown },
  ) {
    super(`Could not save to the preference log ${filePath}: ${describe(options.cause)}`, options);
  }
}

export class PreferenceLog {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsaved: LogEntry[] = [];

  constructor(readonly filePath: string) {}

  /**
   * Validates, scrubs and appends one entry, after any entries kept from failed writes. Rejects with a `TypeError`
   * for an invalid entry (nothing is kept) and with {@link PreferenceWriteError} when the file cannot be written
   * (the entry is kept in `pending()`, after those still unsaved).
   */
  append(entry: LogEntry): Promise<void> {
    const parsed = logEntrySchema.safeParse(scrubStrings(entry));
    if (!parsed.success) {
      return Promise.reject(new TypeError(`Invalid preference log entry: ${oneLine(z.prettifyError(parsed.error))}`));
    }
    const clean = parsed.data;
    return this.enqueue(async () => {
      try {
        await this.flushUnsaved(this.filePath);
        await appendLine(this.filePath, clean);
      } catch (err) {
        this.unsaved.push(clean);
        throw writeError(clean, this.filePath, err);
      }
    });
  }

  /** Entries whose write failed, oldest first. */
  pending(): LogEntry[] {
    return [...this.unsaved];
  }

  /**
   * Writes the pending entries, in order, to `targetPath` (default: this log's file). Each saved entry leaves
   * `pending()`. Resolves with the number saved; rejects with {@link PreferenceWriteError} at the first failure,
   * keeping that entry and the ones after it.
   */
  retryPending(targetPath: string = this.filePath): Promise<number> {
    return this.enqueue(async () => {
      try {
        return await this.flushUnsaved(targetPath);
      } catch (err) {
        throw writeError(this.unsaved[0] as LogEntry, targetPath, err);
      }
    });
  }

  /** Reads and validates the whole log. A missing file is an empty log. */
  async readAll(): Promise<LogContents> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return { runs: [], problems: [] };
      throw err;
    }
    return parseLog(text);
  }

  /** Writes the unsaved entries in order, each leaving the list once written; throws the first write error. */
  private async flushUnsaved(targetPath: string): Promise<number> {
    let saved = 0;
    for (let entry = this.unsaved[0]; entry !== undefined; entry = this.unsaved[0]) {
      await appendLine(targetPath, entry);
      this.unsaved.shift();
      saved += 1;
    }
    return saved;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** Parses log text: validates every line and folds vote/note events onto their runs. */
export function parseLog(text: string): LogContents {
  const lines = text.split('\n');
  const endsCleanly = text.endsWith('\n');
  const runs = new Map<string, RunRecord>();
  const events: Array<{ line: number; event: VoteEvent | NoteEvent }> = [];
  const problems: LogProblem[] = [];

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const isTornTail = index === lines.length - 1 && !endsCleanly;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      problems.push({ line, error: isTornTail ? 'incomplete last line (interrupted write)' : `not valid JSON: ${describe(err)}` });
      return;
    }
    const parsed = logEntrySchema.safeParse(json);
    if (!parsed.success) {
      problems.push({ line, error: `not a valid entry: ${oneLine(z.prettifyError(parsed.error))}` });
      return;
    }
    const entry = parsed.data;
    if (entry.type !== 'run') {
      events.push({ line, event: entry });
    } else if (runs.has(entry.id)) {
      problems.push({ line, error: `duplicate run id '${entry.id}' (the first one is kept)` });
    } else {
      runs.set(entry.id, entry);
    }
  });

  for (const { line, event } of events) {
    const run = runs.get(event.runId);
    if (!run) {
      problems.push({ line, error: `${event.type} for unknown run '${event.runId}'` });
    } else if (event.type === 'note') {
      run.note = event.note;
    } else {
      const mismatch = voteMismatch(event.vote, new Set(run.models.map((m) => m.id)));
      if (mismatch) problems.push({ line, error: `vote for run '${event.runId}': ${mismatch}` });
      else run.vote = event.vote;
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { runs: [...runs.values()], problems };
}

async function appendLine(filePath: string, entry: LogEntry): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  const handle = await open(filePath, 'a+');
  try {
    const { size } = await handle.stat();
    let separator = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) separator = '\n';
    }
    const data = Buffer.from(`${separator}${JSON.stringify(entry)}\n`, 'utf8');
    // One write call; the loop only continues after a short write, which the kernel may do on a nearly full disk.
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

function writeError(entry: LogEntry, filePath: string, cause: unknown): PreferenceWriteError {
  return new PreferenceWriteError(entry, filePath, errorCode(cause), { cause });
}

function errorCode(err: unknown): string | undefined {
  if (err instanceof Error && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}

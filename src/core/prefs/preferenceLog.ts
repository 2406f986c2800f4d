/**
 * The user's preference log: an append-only JSONL file of events (see `logEvents.ts`), folded on read.
 *
 * - Every entry is one `JSON.stringify` line plus `\n`, written through an `O_APPEND` handle.
 * - Appends are serialized through an in-process queue, so concurrent appends never interleave.
 * - A torn last line (a crash mid-write) is left alone; the next append starts on a fresh line.
 * - Reading streams the file line by line (a log past V8's string limit still reads), validates each line and folds
 *   the events; bad lines are skipped and reported, never deleted or rewritten.
 * - Appends are atomic on local disks (one O_APPEND write); on network or synced folders they may not be.
 * - A failed write keeps the entry in memory ({@link PreferenceLog.pending}) for a retry or another path; the
 *   next append writes the kept entries first, in order, so a passing failure (a full disk) heals by itself.
 * - Strings that look like API keys are scrubbed before anything is written.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { LogEntry } from './logEvents';
import { foldLine, LogFolder, type LogContents, parseEntry } from './logFold';
import { SCRUB_SLICE_CHARS, scrubStrings, scrubStringsInSlices, stringChars } from './secretScrubber';

export type { LogContents, LogProblem } from './logFold';
export { parseLog } from './logFold';

/** Above this size reading the log gets slow enough to mention. */
export const LARGE_LOG_BYTES = 50 * 1024 * 1024;

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
    // A large entry (an answer of megabytes) is checked now and scrubbed in slices in its turn in the queue, so the
    // host's event loop is never blocked by it; the queue keeps the order of appends either way.
    const large = stringChars(entry) > SCRUB_SLICE_CHARS;
    const parsed = parseEntry(large ? entry : scrubStrings(entry));
    if (!parsed.ok) return Promise.reject(new TypeError(`Invalid preference log entry: ${parsed.error}`));
    return this.enqueue(async () => {
      let clean = parsed.entry;
      if (large) {
        const scrubbed = parseEntry(await scrubStringsInSlices(parsed.entry));
        if (!scrubbed.ok) throw new TypeError(`Invalid preference log entry: ${scrubbed.error}`);
        clean = scrubbed.entry;
      }
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

  /** Resolves once every append queued so far has finished (saved or kept in `pending()`). */
  flush(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Reads, validates and folds the whole log, streaming it line by line. A missing file is an empty log. */
  async readAll(): Promise<LogContents> {
    let size: number;
    try {
      size = (await stat(this.filePath)).size;
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return { runs: [], problems: [] };
      throw err;
    }
    const folder = new LogFolder();
    const lines = createInterface({ input: createReadStream(this.filePath, { encoding: 'utf8' }), crlfDelay: Infinity });
    let previous: string | undefined;
    let line = 0;
    for await (const raw of lines) {
      if (previous !== undefined) foldLine(folder, previous, line, false);
      previous = raw;
      line += 1;
    }
    // readline drops the information whether the last line ended with '\n': a torn tail is a short file end.
    if (previous !== undefined) foldLine(folder, previous, line, !(await endsWithNewline(this.filePath, size)));
    return { ...folder.result(), ...(size > LARGE_LOG_BYTES ? { sizeBytes: size } : {}) };
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

async function endsWithNewline(filePath: string, size: number): Promise<boolean> {
  if (size === 0) return true;
  const handle = await open(filePath, 'r');
  try {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

async function appendLine(filePath: string, entry: LogEntry): Promise<void> {
  const dir = dirname(filePath);
  await mkdir(dir, { recursive: true });
  const existed = await stat(filePath).then(
    () => true,
    () => false,
  );
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
  // A new file's directory entry is only durable once the directory itself is synced.
  if (!existed) await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems (and Windows) cannot open or sync a directory; the data itself was synced.
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

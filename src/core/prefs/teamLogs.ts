/**
 * The team board (issue 12): a folder of JSONL preference logs, one per person (a shared git repository, a synced
 * folder), read beside the user's own log. Reading only: Parallax never writes, moves or rewrites a team file — the
 * user's own log is the only file it writes.
 *
 * - Each `*.jsonl` file in the folder (not in sub-folders) is one person: the `author` of its first run that has one,
 *   else the file name without `.jsonl`. The user's own log, if it lies in the folder, is not read twice.
 * - Runs are de-duplicated by run id: the user's own copy wins, then the first file by name.
 * - Each file's unreadable lines are reported per file (name and count), never mixed into another file's.
 */
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { LogContents, LogProblem } from './logFold';
import { PreferenceLog } from './preferenceLog';
import type { RunRecord } from './preferenceRecord';

export interface TeamFile {
  /** The file name, e.g. "ana.jsonl". */
  file: string;
  person: string;
  runs: RunRecord[];
  problems: LogProblem[];
  /** Set when the file could not be read at all. */
  error?: string;
}

export interface TeamLogs {
  folder: string;
  files: TeamFile[];
  /** Set when the folder itself could not be listed. */
  error?: string;
}

/** Where a run of the merged board came from. */
export type RunOrigin = { kind: 'mine' } | { kind: 'team'; person: string; file: string };

export interface MergedRun {
  run: RunRecord;
  origin: RunOrigin;
}

export interface MergedBoard {
  runs: MergedRun[];
  /** Copies of a run already taken from the user's own log or an earlier file. */
  duplicates: number;
}

/** What a board is built from: the user's own runs, the whole team, or one person. */
export type BoardSource = { kind: 'mine' } | { kind: 'team' } | { kind: 'person'; person: string };

const LOG_FILE = /\.jsonl$/i;

/** The person a file stands for: the first run's author, else the file name without `.jsonl`. */
export function personOf(file: string, runs: readonly RunRecord[]): string {
  const author = runs.find((r) => r.author !== undefined && r.author.trim() !== '')?.author?.trim();
  return author ?? basename(file).replace(LOG_FILE, '');
}

/** Reads every log in `folder` (read-only), skipping `ownLogPath`. */
export async function readTeamLogs(folder: string, ownLogPath?: string): Promise<TeamLogs> {
  let names: string[];
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && LOG_FILE.test(e.name)).map((e) => e.name).sort((a, b) => a.localeCompare(b));
  } catch (err) {
    return { folder, files: [], error: describe(err) };
  }
  const own = ownLogPath === undefined ? undefined : resolve(ownLogPath);
  const files: TeamFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    if (own !== undefined && resolve(path) === own) continue;
    let contents: LogContents;
    try {
      contents = await new PreferenceLog(path).readAll();
    } catch (err) {
      files.push({ file: name, person: personOf(name, []), runs: [], problems: [], error: describe(err) });
      continue;
    }
    files.push({ file: name, person: personOf(name, contents.runs), runs: contents.runs, problems: contents.problems });
  }
  return { folder, files };
}

/** The user's runs and every team file's, one copy per run id: the user's own copy wins, then the first file. */
export function mergeTeamRuns(own: readonly RunRecord[], team: TeamLogs | undefined): MergedBoard {
  const seen = new Set<string>();
  const runs: MergedRun[] = [];
  let duplicates = 0;
  for (const run of own) {
    if (seen.has(run.id)) continue;
    seen.add(run.id);
    runs.push({ run, origin: { kind: 'mine' } });
  }
  for (const file of team?.files ?? []) {
    for (const run of file.runs) {
      if (seen.has(run.id)) {
        duplicates += 1;
        continue;
      }
      seen.add(run.id);
      runs.push({ run, origin: { kind: 'team', person: file.person, file: file.file } });
    }
  }
  return { runs, duplicates };
}

/** The runs a board shows for `source`. A person's board is that person's file(s), de-duplicated by run id. */
export function runsForSource(own: readonly RunRecord[], team: TeamLogs | undefined, source: BoardSource): RunRecord[] {
  if (source.kind === 'mine') return [...own];
  if (source.kind === 'team') return mergeTeamRuns(own, team).runs.map((m) => m.run);
  const seen = new Set<string>();
  const runs: RunRecord[] = [];
  for (const file of team?.files ?? []) {
    if (file.person !== source.person) continue;
    for (const run of file.runs) {
      if (seen.has(run.id)) continue;
      seen.add(run.id);
      runs.push(run);
    }
  }
  return runs;
}

/** Each person once, in file order. */
export function teamPeople(team: TeamLogs | undefined): string[] {
  return [...new Set((team?.files ?? []).map((f) => f.person))];
}

/** The files with unreadable lines (or that could not be read), each with its count. */
export function teamProblems(team: TeamLogs | undefined): Array<{ file: string; lines: number; error?: string }> {
  return (team?.files ?? [])
    .filter((f) => f.problems.length > 0 || f.error !== undefined)
    .map((f) => ({ file: f.file, lines: f.problems.length, ...(f.error === undefined ? {} : { error: f.error }) }));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

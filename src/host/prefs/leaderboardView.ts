/**
 * Maps the preference log to the leaderboard panel's view: the filter becomes a core query, the core leaderboard
 * becomes protocol rows and a win-rate matrix. Pure: no vscode import, so it is unit-tested directly.
 */
import { buildLeaderboard, type LeaderboardQuery, type LeaderboardRow } from '../../core/prefs/leaderboard';
import { type RunRecord, TEMPLATE_IDS } from '../../core/prefs/preferenceRecord';
import { type BoardSource, runsForSource, type TeamLogs, teamPeople, teamProblems } from '../../core/prefs/teamLogs';
import type { TemplateId } from '../../shared/protocol';
import type { LeaderboardFilter, LeaderboardRowView, LeaderboardView } from '../../shared/leaderboardProtocol';
import { capText } from '../../shared/vocabulary';

/** What the preference log reader returns: folded runs and the lines it had to skip. */
export interface PreferenceContents {
  runs: RunRecord[];
  problems: { line: number; error: string }[];
}

export interface RatingOptions {
  seed?: number;
  samples?: number;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The protocol caps language ids at 100 characters. */
const MAX_LANGUAGE_ID = 100;

/**
 * A date-only bound ("2025-03-01", what a date input gives) covers the whole local day: `from` starts at its
 * local midnight, `to` ends at the last millisecond of its day. Other ISO strings pass through unchanged.
 */
export function dateBound(value: string | undefined, end: 'from' | 'to'): Date | string | undefined {
  if (value === undefined || value === '') return undefined;
  const match = DATE_ONLY.exec(value);
  if (!match) return value;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return end === 'from' ? new Date(year, month, day) : new Date(year, month, day + 1, 0, 0, 0, -1);
}

export function leaderboardQuery(filter: LeaderboardFilter, options: RatingOptions = {}): LeaderboardQuery {
  const from = dateBound(filter.from, 'from');
  const to = dateBound(filter.to, 'to');
  return {
    ...(filter.template !== undefined && { template: filter.template }),
    ...(filter.languageId !== undefined && filter.languageId !== '' && { languageId: filter.languageId }),
    ...(from !== undefined && { from }),
    ...(to !== undefined && { to }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.samples !== undefined && { samples: options.samples }),
  };
}

/** The filter choices: every template and language that occurs anywhere in the log, whatever the filter. */
export function filterChoices(runs: readonly RunRecord[]): { templates: TemplateId[]; languages: string[] } {
  const templates = new Set(runs.map((r) => r.template));
  const languages = new Set(runs.map((r) => r.languageId).filter((l) => l !== '' && l.length <= MAX_LANGUAGE_ID));
  return {
    templates: TEMPLATE_IDS.filter((t) => templates.has(t)),
    languages: [...languages].sort((a, b) => a.localeCompare(b)),
  };
}

type RatedRow = LeaderboardRow & Required<Pick<LeaderboardRow, 'rating' | 'ciLow' | 'ciHigh' | 'rank'>>;

function isRated(row: LeaderboardRow): row is RatedRow {
  return row.rating !== undefined && row.ciLow !== undefined && row.ciHigh !== undefined && row.rank !== undefined;
}

function toRowView(row: RatedRow): LeaderboardRowView {
  return {
    key: row.key,
    label: row.label,
    model: row.model,
    provider: row.provider,
    rating: row.rating,
    ciLow: row.ciLow,
    ciHigh: row.ciHigh,
    rank: row.rank,
    wins: row.wins,
    votes: row.votes,
    medianTtftMs: row.medianTtftMs,
    medianTotalMs: row.medianTotalMs,
    medianTokensPerSecond: row.medianTokensPerSecond,
    totalCostUsd: row.totalCostUsd,
    formatFollowedRate: row.formatFollowedRate,
    verifiedPassRate: row.verifiedPassRate,
    verifiedRuns: row.verifiedRuns,
  };
}

const PERSON_PREFIX = 'person:';

/** The filter's source as a board source; a team source without a team folder is the user's own board. */
export function boardSource(source: string | undefined, team: TeamLogs | undefined): BoardSource {
  if (team === undefined || source === undefined) return { kind: 'mine' };
  if (source === 'team') return { kind: 'team' };
  if (source.startsWith(PERSON_PREFIX)) return { kind: 'person', person: source.slice(PERSON_PREFIX.length) };
  return { kind: 'mine' };
}

/** The picker's value of a person's board. */
export function personSource(person: string): string {
  return `${PERSON_PREFIX}${person}`;
}

/** The team part of the view: who is in the folder and which files had unreadable lines. */
function teamView(team: TeamLogs): NonNullable<LeaderboardView['team']> {
  return {
    people: teamPeople(team).slice(0, 500).map((p) => capText(p)),
    problems: teamProblems(team).slice(0, 500).map((p) => ({ file: capText(p.file), lines: p.lines, ...(p.error === undefined ? {} : { error: capText(p.error) }) })),
    ...(team.error === undefined ? {} : { error: capText(team.error) }),
  };
}

/**
 * The panel's view. Only models that took part in a voted run have a rating, so only they get a row; the matrix
 * follows the row order (rank, then rating).
 */
export function toLeaderboardView(contents: PreferenceContents, filter: LeaderboardFilter, options: RatingOptions = {}, team?: TeamLogs): LeaderboardView {
  const source = boardSource(filter.source, team);
  const runs = runsForSource(contents.runs, team, source);
  const board = buildLeaderboard(runs, leaderboardQuery(filter, options));
  const rows = board.rows.filter(isRated);
  const index = new Map(board.matrix.keys.map((key, i) => [key, i]));
  const matrix = rows.map((a) =>
    rows.map((b) => {
      const i = index.get(a.key);
      const j = index.get(b.key);
      if (i === undefined || j === undefined || i === j) return null;
      return board.matrix.cells[i]?.[j]?.rate ?? null;
    }),
  );
  return {
    rows: rows.map(toRowView),
    matrix,
    totalVotes: board.totalVotes,
    meaningful: board.meaningful,
    filter,
    ...filterChoices(runs),
    skippedLines: source.kind === 'person' ? 0 : contents.problems.length,
    ...(team ? { team: teamView(team) } : {}),
    ...(board.judgeAgreement.runs > 0
      ? {
          judgeAgreement: {
            runs: board.judgeAgreement.runs,
            agreed: board.judgeAgreement.agreed,
            judges: board.judgeAgreement.judges.slice(0, 100).map((j) => ({ label: capText(j.label), model: capText(j.model), runs: j.runs, agreed: j.agreed })),
          },
        }
      : {}),
  };
}

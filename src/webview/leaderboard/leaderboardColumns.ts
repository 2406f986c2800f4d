/**
 * The leaderboard table's columns: header text, how each cell reads, and how rows sort by it.
 * Pure: no DOM, no vscode.
 */
import { z } from 'zod';
import type { LeaderboardRowView } from '../../shared/leaderboardProtocol';
import {
  formatCost,
  formatDuration,
  formatInterval,
  formatPercent,
  formatRating,
  formatTokensPerSecond,
  formatWins,
} from './leaderboardFormat';

const COLUMN_IDS = ['rank', 'model', 'rating', 'verified', 'wins', 'ttft', 'total', 'tps', 'cost', 'format'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export type SortDirection = 'ascending' | 'descending';

/** The sort, as the webview state keeps it across reloads. */
export const sortStateSchema = z.object({ column: z.enum(COLUMN_IDS), direction: z.enum(['ascending', 'descending']) });
export type SortState = z.infer<typeof sortStateSchema>;

export interface LeaderboardColumn {
  id: ColumnId;
  header: string;
  /** Spoken and shown as a tooltip when the header is terse. */
  description: string;
  numeric: boolean;
  /** The direction a first click sorts in: best first. */
  firstDirection: SortDirection;
  sortValue(row: LeaderboardRowView): number | string | undefined;
  text(row: LeaderboardRowView): string;
}

const winRate = (row: LeaderboardRowView): number | undefined => (row.votes > 0 ? row.wins / row.votes : undefined);

export const LEADERBOARD_COLUMNS: readonly LeaderboardColumn[] = [
  {
    id: 'rank',
    header: 'Rank',
    description: 'Rank by the upper bound of the 95% interval',
    numeric: true,
    firstDirection: 'ascending',
    sortValue: (r) => r.rank,
    text: (r) => r.rank.toString(),
  },
  {
    id: 'model',
    header: 'Model',
    description: 'Model label and model id',
    numeric: false,
    firstDirection: 'ascending',
    sortValue: (r) => r.label.toLocaleLowerCase(),
    text: (r) => `${r.label} (${r.model})`,
  },
  {
    id: 'rating',
    header: 'Rating',
    description: 'Bradley-Terry rating with its 95% bootstrap interval',
    numeric: true,
    firstDirection: 'descending',
    sortValue: (r) => r.rating,
    text: (r) => `${formatRating(r.rating)} (${formatInterval(r.ciLow, r.ciHigh)})`,
  },
  {
    id: 'verified',
    header: 'Verified',
    description: 'Verified pass rate: share of checked answers that passed the check in their own checkout (not a vote)',
    numeric: true,
    firstDirection: 'descending',
    sortValue: (r) => r.verifiedPassRate,
    text: (r) => (r.verifiedPassRate === undefined ? '—' : `${formatPercent(r.verifiedPassRate)} of ${r.verifiedRuns ?? 0}`),
  },
  {
    id: 'wins',
    header: 'Wins / votes',
    description: 'Wins (a tie counts half) out of the voted runs the model was in',
    numeric: true,
    firstDirection: 'descending',
    sortValue: winRate,
    text: (r) => formatWins(r.wins, r.votes),
  },
  {
    id: 'ttft',
    header: 'TTFT',
    description: 'Median time to first token',
    numeric: true,
    firstDirection: 'ascending',
    sortValue: (r) => r.medianTtftMs,
    text: (r) => formatDuration(r.medianTtftMs),
  },
  {
    id: 'total',
    header: 'Total',
    description: 'Median total time',
    numeric: true,
    firstDirection: 'ascending',
    sortValue: (r) => r.medianTotalMs,
    text: (r) => formatDuration(r.medianTotalMs),
  },
  {
    id: 'tps',
    header: 'Speed',
    description: 'Median output tokens per second',
    numeric: true,
    firstDirection: 'descending',
    sortValue: (r) => r.medianTokensPerSecond,
    text: (r) => formatTokensPerSecond(r.medianTokensPerSecond),
  },
  {
    id: 'cost',
    header: 'Cost',
    description: 'Total cost of the model’s answers (unknown prices excluded)',
    numeric: true,
    firstDirection: 'ascending',
    sortValue: (r) => r.totalCostUsd,
    text: (r) => formatCost(r.totalCostUsd),
  },
  {
    id: 'format',
    header: 'Format',
    description: 'Share of answers that followed the requested format',
    numeric: true,
    firstDirection: 'descending',
    sortValue: (r) => r.formatFollowedRate,
    text: (r) => formatPercent(r.formatFollowedRate),
  },
];

export const DEFAULT_SORT: SortState = { column: 'rank', direction: 'ascending' };

function columnById(id: ColumnId): LeaderboardColumn {
  const column = LEADERBOARD_COLUMNS.find((c) => c.id === id);
  if (!column) throw new Error(`unknown column ${id}`);
  return column;
}

/** Clicking the sorted column flips its direction; clicking another sorts it best first. */
export function nextSort(current: SortState, clicked: ColumnId): SortState {
  if (current.column === clicked) {
    return { column: clicked, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { column: clicked, direction: columnById(clicked).firstDirection };
}

/**
 * A sorted copy. Unknown values go last whichever the direction; equal values fall back to rank, then rating
 * (models sharing a rank have overlapping intervals), then key, so the result is deterministic.
 */
export function sortRows(rows: readonly LeaderboardRowView[], sort: SortState): LeaderboardRowView[] {
  const column = columnById(sort.column);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = column.sortValue(a);
    const vb = column.sortValue(b);
    if (va === undefined || vb === undefined) {
      if (va !== vb) return va === undefined ? 1 : -1;
    } else if (va !== vb) {
      const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      if (order !== 0) return sign * order;
    }
    return a.rank - b.rank || b.rating - a.rating || a.key.localeCompare(b.key);
  });
}

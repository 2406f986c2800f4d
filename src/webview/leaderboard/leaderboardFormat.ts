/**
 * Number formatting for the leaderboard: ratings, durations, speeds, costs and rates. Pure: no DOM, no vscode.
 * Unknown values render as an em dash, never as 0.
 */

export const UNKNOWN = '—';

/** Ratings are shown as whole Elo-scale points. */
export function formatRating(rating: number): string {
  return Math.round(rating).toString();
}

/** "1002–1066": the 95% interval, whole points. */
export function formatInterval(low: number, high: number): string {
  return `${formatRating(low)}–${formatRating(high)}`;
}

/** "412 ms" under a second, "1.2 s" from one second, "65 s" from a minute. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return UNKNOWN;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** "54.3 tok/s". */
export function formatTokensPerSecond(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return UNKNOWN;
  return `${rate.toFixed(1)} tok/s`;
}

/** "$1.23", or four decimals under a cent so small runs do not all read "$0.00". */
export function formatCost(usd: number | undefined): string {
  if (usd === undefined || !Number.isFinite(usd)) return UNKNOWN;
  if (usd === 0) return '$0.00';
  return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

/** A 0..1 rate as "67%". */
export function formatPercent(rate: number | undefined): string {
  if (rate === undefined || !Number.isFinite(rate)) return UNKNOWN;
  return `${Math.round(rate * 100)}%`;
}

/** Wins may be fractional (a tie is half a win): "2.5 / 4". */
export function formatWins(wins: number, votes: number): string {
  const w = Number.isInteger(wins) ? wins.toString() : wins.toFixed(1);
  return `${w} / ${votes}`;
}

/** Shading buckets for the win-rate matrix; the CSS colours each class. */
export type WinRateBucket = 'none' | 'low' | 'below' | 'even' | 'above' | 'high';

export function winRateBucket(rate: number | null | undefined): WinRateBucket {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 'none';
  if (rate < 0.2) return 'low';
  if (rate < 0.4) return 'below';
  if (rate <= 0.6) return 'even';
  if (rate <= 0.8) return 'above';
  return 'high';
}

/** The wording is fixed (end-to-end tests look for it), including "votes" for a single vote. */
/** "1 vote", "3 votes", "1 model". */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function notMeaningfulMessage(totalVotes: number): string {
  return `Ratings are not yet meaningful: ${countOf(totalVotes, 'vote')} so far (about 10 needed)`;
}

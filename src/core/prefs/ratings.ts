/**
 * Ratings from pairwise comparisons: Bradley-Terry point estimates with bootstrap 95% intervals, rank by upper
 * bound, and a win-rate matrix. Deterministic: the bootstrap draws from a seeded PRNG.
 *
 * Speed: each run is tallied once into integer pair counts; a resample adds the drawn runs' tallies into one
 * reused table and fits from it. The tallies are exact (sums of 0, ½ and 1), so this gives bit-for-bit the same
 * fits as concatenating the drawn runs' comparisons (test/unit/prefs/ratingsBootstrap.test.ts keeps the old way as
 * the reference).
 */
import { type FitOptions, fitLogStrengths, logStrengthStandardErrors, strengthsByKey, type Tally, tally, toEloScale } from './bradleyTerry';
import type { Comparison } from './pairwiseOutcomes';
import { mulberry32 } from './seededRandom';

export interface BootstrapOptions extends FitOptions {
  /** Number of bootstrap resamples. Default 200. */
  samples?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
}

export interface ModelRating {
  key: string;
  /** Point estimate on the Elo-like scale (mean 1000). */
  rating: number;
  /** 95% bootstrap interval, widened if needed so that ciLow ≤ rating ≤ ciHigh. */
  ciLow: number;
  ciHigh: number;
  /** 1 + the number of models whose lower bound is above this model's upper bound. */
  rank: number;
}

export interface WinRateCell {
  /** Row model's wins against the column model, ties counting half. */
  wins: number;
  games: number;
  /** wins / games; undefined when they never met. */
  rate?: number;
}

export interface WinRateMatrix {
  keys: string[];
  /** cells[i][j]: keys[i] against keys[j]. */
  cells: WinRateCell[][];
}

/** How the intervals are made, in words the leaderboard can show next to them. */
export const RATING_METHOD_DESCRIPTION =
  'Bradley-Terry ratings (Elo-like scale, mean 1000) with one virtual tied game per model against an average player, ' +
  'so a model with few votes stays near 1000. The 95% interval is the wider of a bootstrap over voted runs (200 ' +
  'resamples) and the fit\'s own uncertainty, so it never shrinks to a point after one or two votes.';

/** Elo points per unit of θ = ln p: 400·log10(e^θ) = θ · 400 / ln 10. */
const ELO_PER_THETA = 400 / Math.LN10;
const Z_95 = 1.959963984540054;

/**
 * Ratings with 95% intervals. `groups` holds one array of comparisons per voted run: the bootstrap resamples
 * runs (not single comparisons) with replacement, refits, and takes the 2.5th / 97.5th percentiles. A bootstrap
 * over one or two runs barely varies, so each interval is widened to at least rating ± 1.96 standard errors from
 * the curvature of the fit with its prior (see {@link RATING_METHOD_DESCRIPTION}). Results follow the order of
 * `keys`.
 */
export function rateModels(
  keys: readonly string[],
  groups: readonly (readonly Comparison[])[],
  options: BootstrapOptions = {},
): ModelRating[] {
  const prior = options.priorGames ?? 1;
  const counts = tally(keys, groups.flat());
  const theta = fitLogStrengths(counts, prior);
  const point = toEloScale(strengthsByKey(keys, theta, prior));
  const errors = groups.length > 0 ? logStrengthStandardErrors(counts, theta, prior) : undefined;
  const draws = bootstrapRatings(keys, groups, options);
  const intervals = keys.map((key, i) => {
    const rating = point.get(key) ?? 1000;
    const sorted = draws[i] ?? [];
    const halfWidth = errors ? Z_95 * ELO_PER_THETA * (errors[i] ?? 0) : 0;
    const low = sorted.length > 0 ? percentile(sorted, 0.025) : rating;
    const high = sorted.length > 0 ? percentile(sorted, 0.975) : rating;
    return { key, rating, ciLow: Math.min(low, rating - halfWidth), ciHigh: Math.max(high, rating + halfWidth) };
  });
  const ranks = rankByUpperBound(intervals);
  return intervals.map((r, i) => ({ ...r, rank: ranks[i] as number }));
}

/**
 * The bootstrap alone: per key (in `keys` order), the ascending Elo-scale ratings of each resample. Empty arrays
 * when there are no groups.
 */
export function bootstrapRatings(
  keys: readonly string[],
  groups: readonly (readonly Comparison[])[],
  options: BootstrapOptions = {},
): number[][] {
  const prior = options.priorGames ?? 1;
  const samples = options.samples ?? 200;
  const random = mulberry32(options.seed ?? 1);
  const n = keys.length;
  const draws = keys.map(() => [] as number[]);
  const index = new Map(keys.map((k, i) => [k, i]));
  const perRun = groups.map((group) => sparseTally(index, group));
  const counts: Tally = { wins: new Array<number>(n).fill(0), games: keys.map(() => new Array<number>(n).fill(0)) };
  for (let s = 0; s < samples && groups.length > 0; s++) {
    counts.wins.fill(0);
    for (const row of counts.games) row.fill(0);
    for (let g = 0; g < groups.length; g++) addTally(counts, perRun[Math.floor(random() * groups.length)]);
    const ratings = toEloScale(strengthsByKey(keys, fitLogStrengths(counts, prior), prior));
    keys.forEach((k, i) => draws[i]?.push(ratings.get(k) ?? 1000));
  }
  for (const d of draws) d.sort((x, y) => x - y);
  return draws;
}

/** One run's tally as [i, w] pairs and [i, j, n] triples (i < j), summed into the table by addTally. */
interface SparseTally {
  wins: number[];
  pairs: number[];
}

/** One run's tally straight from its comparisons (skipping, like `tally`, unknown keys and self-pairs). */
function sparseTally(index: ReadonlyMap<string, number>, group: readonly Comparison[]): SparseTally {
  const sparse: SparseTally = { wins: [], pairs: [] };
  for (const c of group) {
    const a = index.get(c.a);
    const b = index.get(c.b);
    if (a === undefined || b === undefined || a === b) continue;
    sparse.wins.push(a, c.scoreA, b, 1 - c.scoreA);
    sparse.pairs.push(Math.min(a, b), Math.max(a, b), 1);
  }
  return sparse;
}

function addTally(into: Tally, run: SparseTally | undefined): void {
  if (!run) return;
  for (let k = 0; k < run.wins.length; k += 2) {
    const i = run.wins[k] as number;
    into.wins[i] = (into.wins[i] ?? 0) + (run.wins[k + 1] as number);
  }
  for (let k = 0; k < run.pairs.length; k += 3) {
    const i = run.pairs[k] as number;
    const j = run.pairs[k + 1] as number;
    const nij = run.pairs[k + 2] as number;
    const rowI = into.games[i] as number[];
    const rowJ = into.games[j] as number[];
    rowI[j] = (rowI[j] ?? 0) + nij;
    rowJ[i] = (rowJ[i] ?? 0) + nij;
  }
}

/** rank_i = 1 + #{ j : ciLow_j > ciHigh_i }. Models whose intervals overlap share a rank. */
export function rankByUpperBound(intervals: readonly { ciLow: number; ciHigh: number }[]): number[] {
  return intervals.map((mine) => 1 + intervals.filter((other) => other.ciLow > mine.ciHigh).length);
}

export function winRateMatrix(keys: readonly string[], comparisons: readonly Comparison[]): WinRateMatrix {
  const index = new Map(keys.map((k, i) => [k, i]));
  const cells = keys.map(() => keys.map((): WinRateCell => ({ wins: 0, games: 0 })));
  const cell = (i: number, j: number): WinRateCell => (cells[i] as WinRateCell[])[j] as WinRateCell;
  for (const c of comparisons) {
    const a = index.get(c.a);
    const b = index.get(c.b);
    if (a === undefined || b === undefined || a === b) continue;
    cell(a, b).wins += c.scoreA;
    cell(a, b).games += 1;
    cell(b, a).wins += 1 - c.scoreA;
    cell(b, a).games += 1;
  }
  for (const row of cells) for (const c of row) if (c.games > 0) c.rate = c.wins / c.games;
  return { keys: [...keys], cells };
}

/** Linear-interpolation percentile (type 7) of an ascending, non-empty array. */
function percentile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const low = sorted[lo] as number;
  const high = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return low + (h - lo) * (high - low);
}

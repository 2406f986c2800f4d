/**
 * Ratings from pairwise comparisons: Bradley-Terry point estimates with bootstrap 95% intervals, rank by upper
 * bound, and a win-rate matrix. Deterministic: the bootstrap draws from a seeded PRNG.
 *
 * Speed: each run is flattened once into kinds of comparison (a distinct winner, loser and score, by key index);
 * a resample counts each kind over the drawn runs in an integer array and turns the counts into reused typed
 * tallies, then fits on them (bradleyTerry.ts `fitFlat`),
 * starting Newton from the point fit. The tallies are exact (sums of 0, ½ and 1), so every resample fits the very
 * numbers that concatenating the drawn runs' comparisons would; the warm start reaches the same maximum to the
 * fit's tolerance (test/unit/prefs/ratingsBootstrap.test.ts and ratingsEquivalence.test.ts keep plain references:
 * equal to within 1e-9 rating points).
 */
import { fitFlat, type FitOptions, fitLogStrengths, logStrengthStandardErrors, strengthsByKey, tally, toEloScale } from './bradleyTerry';
import type { Comparison } from './pairwiseOutcomes';
import { mulberry32Indices } from './seededRandom';

export interface BootstrapOptions extends FitOptions {
  /** Number of bootstrap resamples. Default 200. */
  samples?: number;
  /** PRNG seed. Default 1. */
  seed?: number;
  /** θ to start each resample's fit from (the point fit); computed when absent. */
  start?: readonly number[];
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
  const draws = bootstrapRatings(keys, groups, { ...options, start: theta });
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
 *
 * Each resample draws runs with the seeded PRNG (one draw per run, as ever) and counts, over the drawn runs, each
 * kind of comparison (winner, loser, score) in an integer array; the counts times the scores give flat typed
 * tallies: wins are sums of halves and games are integers, so the sums are exact in any order and the fit sees the
 * very same numbers as concatenating the drawn runs' comparisons would. Each fit starts
 * from `options.start` (the point fit), which resamples stay close to.
 */
export function bootstrapRatings(
  keys: readonly string[],
  groups: readonly (readonly Comparison[])[],
  options: BootstrapOptions = {},
): number[][] {
  const prior = options.priorGames ?? 1;
  const samples = options.samples ?? 200;
  const random = mulberry32Indices(options.seed ?? 1);
  const n = keys.length;
  const draws = keys.map(() => [] as number[]);
  const runs = flatRunTallies(keys, groups);
  const start = groups.length === 0 ? [] : (options.start ?? fitLogStrengths(tally(keys, groups.flat()), prior));
  const wins = new Float64Array(n);
  const games = new Float64Array(n * n);
  const { start: runStart, kind: edgeKind, kindA, kindB, kindScore } = runs;
  const kinds = kindA.length;
  const kindCount = new Int32Array(kinds);
  const drawnRuns = new Int32Array(groups.length);
  const runCount = groups.length;
  for (let s = 0; s < samples && runCount > 0; s++) {
    // Each draw adds one to the count of every kind of comparison in the drawn run: integer counts, so the
    // tallies below are exact (sums of halves and integers) and independent of the order of the draws.
    kindCount.fill(0);
    random.fill(drawnRuns, runCount);
    for (let g = 0; g < runCount; g++) {
      const run = drawnRuns[g] as number;
      const end = runStart[run + 1] as number;
      for (let e = runStart[run] as number; e < end; e++) {
        const k = edgeKind[e] as number;
        kindCount[k] = (kindCount[k] as number) + 1;
      }
    }
    wins.fill(0);
    games.fill(0);
    for (let k = 0; k < kinds; k++) {
      const times = kindCount[k] as number;
      if (times === 0) continue;
      const a = kindA[k] as number;
      const b = kindB[k] as number;
      const scoreA = kindScore[k] as number;
      wins[a] = (wins[a] as number) + times * scoreA;
      wins[b] = (wins[b] as number) + times * (1 - scoreA);
      games[a * n + b] = (games[a * n + b] as number) + times;
      games[b * n + a] = (games[b * n + a] as number) + times;
    }
    const ratings = toEloScale(strengthsByKey(keys, Array.from(fitFlat(wins, games, prior, start)), prior));
    keys.forEach((k, i) => draws[i]?.push(ratings.get(k) ?? 1000));
  }
  for (const d of draws) d.sort((x, y) => x - y);
  return draws;
}

/**
 * Every run's comparisons as kinds, run after run (run r's entries are start[r] … start[r + 1] − 1), skipping like
 * `tally` unknown keys and self-pairs. A kind is one distinct (a, b, scoreA) triple, by key index: however many
 * votes there are, 20 models make at most 20 · 19 · 3 kinds of a win, a tie or a loss. Built once, before
 * resampling: no Map look-ups per resample, and a resample adds integers per kind instead of scores per comparison.
 */
function flatRunTallies(
  keys: readonly string[],
  groups: readonly (readonly Comparison[])[],
): { start: Int32Array; kind: Int32Array; kindA: Int32Array; kindB: Int32Array; kindScore: Float64Array } {
  const index = new Map(keys.map((k, i) => [k, i]));
  const total = groups.reduce((sum, g) => sum + g.length, 0);
  const start = new Int32Array(groups.length + 1);
  const kind = new Int32Array(total);
  const kindIds = new Map<string, number>();
  const a: number[] = [];
  const b: number[] = [];
  const scoreA: number[] = [];
  let e = 0;
  groups.forEach((group, r) => {
    start[r] = e;
    for (const c of group) {
      const i = index.get(c.a);
      const j = index.get(c.b);
      if (i === undefined || j === undefined || i === j) continue;
      const id = `${i} ${j} ${c.scoreA}`;
      let k = kindIds.get(id);
      if (k === undefined) {
        k = a.length;
        kindIds.set(id, k);
        a.push(i);
        b.push(j);
        scoreA.push(c.scoreA);
      }
      kind[e++] = k;
    }
  });
  start[groups.length] = e;
  return { start, kind, kindA: Int32Array.from(a), kindB: Int32Array.from(b), kindScore: Float64Array.from(scoreA) };
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

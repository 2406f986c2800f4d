/**
 * Ratings from pairwise comparisons: Bradley-Terry point estimates with bootstrap 95% intervals, rank by upper
 * bound, and a win-rate matrix. Deterministic: the bootstrap draws from a seeded PRNG.
 */
import { type FitOptions, fitBradleyTerry, toEloScale } from './bradleyTerry';
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

/**
 * Ratings with bootstrap CIs. `groups` holds one array of comparisons per voted run: the bootstrap resamples
 * runs (not single comparisons) with replacement, refits, and takes the 2.5th / 97.5th percentiles.
 * Results follow the order of `keys`.
 */
export function rateModels(
  keys: readonly string[],
  groups: readonly (readonly Comparison[])[],
  options: BootstrapOptions = {},
): ModelRating[] {
  const fit = { priorGames: options.priorGames ?? 1 };
  const point = toEloScale(fitBradleyTerry(keys, groups.flat(), fit));
  const samples = options.samples ?? 200;
  const random = mulberry32(options.seed ?? 1);
  const draws = new Map(keys.map((k) => [k, [] as number[]]));
  for (let s = 0; s < samples && groups.length > 0; s++) {
    const resample: Comparison[] = [];
    for (let g = 0; g < groups.length; g++) {
      resample.push(...(groups[Math.floor(random() * groups.length)] ?? []));
    }
    for (const [k, r] of toEloScale(fitBradleyTerry(keys, resample, fit))) draws.get(k)?.push(r);
  }
  const intervals = keys.map((key) => {
    const rating = point.get(key) ?? 1000;
    const sorted = (draws.get(key) ?? []).sort((x, y) => x - y);
    const low = sorted.length > 0 ? percentile(sorted, 0.025) : rating;
    const high = sorted.length > 0 ? percentile(sorted, 0.975) : rating;
    return { key, rating, ciLow: Math.min(low, rating), ciHigh: Math.max(high, rating) };
  });
  const ranks = rankByUpperBound(intervals);
  return intervals.map((r, i) => ({ ...r, rank: ranks[i] as number }));
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

/**
 * The Bradley-Terry fit as it was before the typed-array rewrite (nested arrays, every log-sum-exp and sigmoid
 * written out, the likelihood recomputed before each step), kept verbatim as the plain reference that
 * ratingsEquivalence.test.ts compares the fast fit and bootstrap with (to 1e-9 rating points), and the baseline of
 * the bench's leaderboard row (bench/hostCases.ts).
 */
import type { Comparison } from '../../../src/core/prefs/pairwiseOutcomes';

interface FitOptions {
  priorGames?: number;
}

const MAX_ITERATIONS = 100;
const TOLERANCE = 1e-13;

/** Wins (ties half) per model and games per pair, by index into the keys: the fit's whole input. */
export interface Tally {
  wins: number[];
  games: number[][];
}

/** Bradley-Terry strengths per key. */
export function fitBradleyTerry(
  keys: readonly string[],
  comparisons: readonly Comparison[],
  options: FitOptions = {},
): Map<string, number> {
  const theta = fitLogStrengths(tally(keys, comparisons), options.priorGames ?? 1);
  return strengthsByKey(keys, theta, options.priorGames ?? 1);
}

/** exp(θ) per key; without a prior the θ are centred first (geometric mean 1). */
export function strengthsByKey(keys: readonly string[], theta: readonly number[], prior: number): Map<string, number> {
  const n = keys.length;
  if (prior === 0) {
    const mean = theta.reduce((a, b) => a + b, 0) / Math.max(1, n);
    return new Map(keys.map((k, i) => [k, Math.exp((theta[i] ?? 0) - mean)]));
  }
  return new Map(keys.map((k, i) => [k, Math.exp(theta[i] ?? 0)]));
}

/** The fitted θ = ln p from a tally (see the file comment). Deterministic: the same tally gives the same θ. */
export function fitLogStrengths({ wins, games }: Tally, prior: number): number[] {
  const n = wins.length;
  const theta = new Array<number>(n).fill(0);
  // Without a prior the likelihood only sees differences of θ: hold θ_0 at 0 and solve for the rest.
  const free = prior > 0 ? wins.map((_, i) => i) : wins.map((_, i) => i).slice(1);

  const logLikelihood = (t: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const ti = t[i] ?? 0;
      sum += ((wins[i] ?? 0) + prior / 2) * ti - prior * logSumExp(ti, 0);
      for (let j = i + 1; j < n; j++) sum -= (games[i]?.[j] ?? 0) * logSumExp(ti, t[j] ?? 0);
    }
    return sum;
  };

  for (let iteration = 0; iteration < MAX_ITERATIONS && free.length > 0; iteration++) {
    const { gradient, negHessian } = derivatives({ wins, games }, theta, prior);
    const step = solve(
      free.map((i) => free.map((j) => negHessian[i]?.[j] ?? 0)),
      free.map((i) => gradient[i] ?? 0),
    );
    if (!step) break;
    const before = logLikelihood(theta);
    let scale = 1;
    let next = theta;
    for (let halvings = 0; halvings < 30; halvings++, scale /= 2) {
      next = [...theta];
      free.forEach((i, k) => (next[i] = (theta[i] ?? 0) + scale * (step[k] ?? 0)));
      if (logLikelihood(next) >= before - 1e-12 * Math.abs(before)) break;
    }
    const change = Math.max(...free.map((i) => Math.abs((next[i] ?? 0) - (theta[i] ?? 0))));
    theta.splice(0, n, ...next);
    if (!(change > TOLERANCE)) break;
  }
  return theta;
}

/**
 * Standard errors of each θ_i − mean(θ) (what the mean-centred Elo scale shows) from the curvature of the
 * log-posterior at θ: the Laplace approximation, covariance = inverse of the negative Hessian, prior included.
 * Needs a prior > 0; undefined otherwise.
 */
export function logStrengthStandardErrors(counts: Tally, theta: readonly number[], prior: number): number[] | undefined {
  if (!(prior > 0)) return undefined;
  const n = theta.length;
  const { negHessian } = derivatives(counts, theta, prior);
  const covariance: number[][] = [];
  for (let i = 0; i < n; i++) {
    const unit = new Array<number>(n).fill(0);
    unit[i] = 1;
    const column = solve(negHessian.map((row) => [...row]), unit);
    if (!column) return undefined;
    covariance.push(column);
  }
  const rowMeans = covariance.map((row) => row.reduce((a, b) => a + b, 0) / n);
  const grandMean = rowMeans.reduce((a, b) => a + b, 0) / n;
  return covariance.map((row, i) => Math.sqrt(Math.max(0, (row[i] ?? 0) - 2 * (rowMeans[i] ?? 0) + grandMean)));
}

function derivatives({ wins, games }: Tally, theta: readonly number[], prior: number): { gradient: number[]; negHessian: number[][] } {
  const n = theta.length;
  const gradient = new Array<number>(n).fill(0);
  const negHessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const ti = theta[i] ?? 0;
    const reference = sigmoid(ti);
    const row = negHessian[i] as number[];
    gradient[i] = (wins[i] ?? 0) + prior / 2 - prior * reference;
    row[i] = prior * reference * (1 - reference);
    for (let j = 0; j < n; j++) {
      const nij = games[i]?.[j] ?? 0;
      if (j === i || nij === 0) continue;
      const s = sigmoid(ti - (theta[j] ?? 0));
      gradient[i] = (gradient[i] ?? 0) - nij * s;
      row[i] = (row[i] ?? 0) + nij * s * (1 - s);
      row[j] = -nij * s * (1 - s);
    }
  }
  return { gradient, negHessian };
}

/** 400·log10(strength), shifted so the mean rating is 1000. */
export function toEloScale(strengths: ReadonlyMap<string, number>): Map<string, number> {
  const raw = [...strengths].map(([k, s]) => [k, 400 * Math.log10(s)] as const);
  const mean = raw.reduce((sum, [, r]) => sum + r, 0) / Math.max(1, raw.length);
  return new Map(raw.map(([k, r]) => [k, 1000 + r - mean]));
}

/** Tallies comparisons by key index; comparisons naming an unknown key, or a model against itself, are skipped. */
export function tally(keys: readonly string[], comparisons: readonly Comparison[]): Tally {
  const index = new Map(keys.map((k, i) => [k, i]));
  const wins = new Array<number>(keys.length).fill(0);
  const games = keys.map(() => new Array<number>(keys.length).fill(0));
  for (const c of comparisons) {
    const a = index.get(c.a);
    const b = index.get(c.b);
    const rowA = a === undefined ? undefined : games[a];
    const rowB = b === undefined ? undefined : games[b];
    if (a === undefined || b === undefined || a === b || !rowA || !rowB) continue;
    wins[a] = (wins[a] ?? 0) + c.scoreA;
    wins[b] = (wins[b] ?? 0) + 1 - c.scoreA;
    rowA[b] = (rowA[b] ?? 0) + 1;
    rowB[a] = (rowB[a] ?? 0) + 1;
  }
  return { wins, games };
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** ln(e^x + e^y) without overflow. */
function logSumExp(x: number, y: number): number {
  const m = Math.max(x, y);
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}

/**
 * Solves A·x = b by Gaussian elimination with partial pivoting; undefined when A is (numerically) singular.
 * Works on one flat Float64Array (the same operations in the same order as on nested arrays, so the same results,
 * without the bounds checks and boxing that made it most of a bootstrap's time).
 */
function solve(matrix: number[][], rhs: number[]): number[] | undefined {
  const m = rhs.length;
  const width = m + 1;
  const a = new Float64Array(m * width);
  for (let i = 0; i < m; i++) {
    const row = matrix[i] ?? [];
    for (let j = 0; j < m; j++) a[i * width + j] = row[j] ?? 0;
    a[i * width + m] = rhs[i] ?? 0;
  }
  const swap = new Float64Array(width);
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) {
      if (Math.abs(a[r * width + col] as number) > Math.abs(a[pivot * width + col] as number)) pivot = r;
    }
    const pivotValue = a[pivot * width + col] as number;
    if (Math.abs(pivotValue) < 1e-300) return undefined;
    if (pivot !== col) {
      swap.set(a.subarray(pivot * width, pivot * width + width));
      a.copyWithin(pivot * width, col * width, col * width + width);
      a.set(swap, col * width);
    }
    const p = col * width;
    for (let r = col + 1; r < m; r++) {
      const q = r * width;
      const factor = (a[q + col] as number) / pivotValue;
      for (let c = col; c <= m; c++) a[q + c] = (a[q + c] as number) - factor * (a[p + c] as number);
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    const q = r * width;
    let sum = a[q + m] as number;
    for (let c = r + 1; c < m; c++) sum -= (a[q + c] as number) * (x[c] ?? 0);
    x[r] = sum / (a[q + r] as number);
  }
  return x;
}

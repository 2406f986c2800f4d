/**
 * Bradley-Terry fit: P(i beats j) = p_i / (p_i + p_j), ties counting as half a win each way.
 *
 * The maximum-likelihood strengths satisfy, for every model i, the score equation
 *     W_i = Σ_j n_ij · p_i / (p_i + p_j)          (W_i: i's wins, n_ij: games between i and j).
 * A small prior — `priorGames` virtual games, all ties, against a reference of strength 1 — keeps an undefeated
 * (or never-winning) model finite: it adds priorGames/2 to W_i and priorGames · p_i / (p_i + 1) to the right side.
 *
 * Solved by Newton's method on θ = ln p, where the log-likelihood is concave, with step halving so every step
 * increases it. Converges in a handful of iterations, which keeps a 200-sample bootstrap cheap. Deterministic.
 * Reported ratings use the Elo-like scale of Chatbot Arena: 400·log10(p), shifted so the mean is 1000.
 */
import type { Comparison } from './pairwiseOutcomes';

export interface FitOptions {
  /**
   * Virtual tied games per model against a reference of strength 1. Default 1. With 0 the scale is fixed by a
   * geometric mean of 1 instead, and every model must have won and lost (strictly: the win graph must be
   * strongly connected) for the strengths to be finite.
   */
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
  const flatWins = Float64Array.from(wins, (w) => w ?? 0);
  const flatGames = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) flatGames[i * n + j] = games[i]?.[j] ?? 0;
  return Array.from(fitFlat(flatWins, flatGames, prior));
}

/**
 * The fit on flat typed arrays (`games[i * n + j]`), as the bootstrap calls it once per resample. The same Newton
 * iteration as the plain nested-array version it replaced (kept in test/unit/prefs/plainBradleyTerry.ts), with
 * less work per step: each pair's derivatives once (games are symmetric), a Cholesky solve of the positive definite
 * system instead of elimination, and the likelihood of the accepted step reused as the next step's starting value.
 * Both converge to the same maximum to the tolerance (1e-13 in θ), not bit for bit (tested to 1e-9 rating points).
 *
 * `start`, when given, is where Newton starts instead of θ = 0 (the bootstrap starts each resample from the point
 * fit: a few iterations instead of ~18). The likelihood is strictly concave with the prior, so it converges to the
 * same maximum. Without a prior θ_0 is held at 0, so the start is shifted to match.
 */
export function fitFlat(wins: Float64Array, games: Float64Array, prior: number, start?: ArrayLike<number>): Float64Array {
  const n = wins.length;
  const theta = new Float64Array(n);
  if (start) for (let i = 0; i < n; i++) theta[i] = (start[i] ?? 0) - (prior > 0 ? 0 : (start[0] ?? 0));
  const next = new Float64Array(n);
  // Without a prior the likelihood only sees differences of θ: hold θ_0 at 0 and solve for the rest.
  const first = prior > 0 ? 0 : 1;
  const m = n - first;
  const gradient = new Float64Array(n);
  const negHessian = new Float64Array(n * n);
  const system = new Float64Array(m * (m + 1));
  const step = new Float64Array(m);
  let before = Number.NaN;
  for (let iteration = 0; iteration < MAX_ITERATIONS && m > 0; iteration++) {
    flatDerivatives(wins, games, theta, prior, gradient, negHessian);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < m; c++) system[r * (m + 1) + c] = negHessian[(r + first) * n + c + first] as number;
      system[r * (m + 1) + m] = gradient[r + first] as number;
    }
    if (!solveSymmetric(system, m, step)) break;
    if (iteration === 0) before = flatLogLikelihood(wins, games, theta, prior);
    let scale = 1;
    let after = before;
    for (let halvings = 0; halvings < 30; halvings++, scale /= 2) {
      next.set(theta);
      for (let k = 0; k < m; k++) next[k + first] = (theta[k + first] as number) + scale * (step[k] as number);
      after = flatLogLikelihood(wins, games, next, prior);
      if (after >= before - 1e-12 * Math.abs(before)) break;
    }
    let change = -Infinity;
    for (let k = first; k < n; k++) change = Math.max(change, Math.abs((next[k] as number) - (theta[k] as number)));
    theta.set(next);
    before = after;
    if (!(change > TOLERANCE)) break;
  }
  return theta;
}

function flatLogLikelihood(wins: Float64Array, games: Float64Array, t: Float64Array, prior: number): number {
  const n = wins.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i] as number;
    sum += ((wins[i] as number) + prior / 2) * ti - prior * logSumExp(ti, 0);
    for (let j = i + 1; j < n; j++) sum -= (games[i * n + j] as number) * logSumExp(ti, t[j] as number);
  }
  return sum;
}

/**
 * Gradient and negative Hessian at θ, each pair once: games are symmetric, σ(θ_j − θ_i) = 1 − σ(θ_i − θ_j), and
 * the pair's curvature is the same both ways.
 */
function flatDerivatives(wins: Float64Array, games: Float64Array, theta: Float64Array, prior: number, gradient: Float64Array, negHessian: Float64Array): void {
  const n = theta.length;
  for (let i = 0; i < n; i++) {
    const reference = sigmoid(theta[i] as number);
    gradient[i] = (wins[i] as number) + prior / 2 - prior * reference;
    negHessian[i * n + i] = prior * reference * (1 - reference);
  }
  for (let i = 0; i < n; i++) {
    const ti = theta[i] as number;
    const row = i * n;
    for (let j = i + 1; j < n; j++) {
      const nij = games[row + j] as number;
      if (nij === 0) {
        negHessian[row + j] = 0;
        negHessian[j * n + i] = 0;
        continue;
      }
      const s = sigmoid(ti - (theta[j] as number));
      const curvature = nij * s * (1 - s);
      gradient[i] = (gradient[i] as number) - nij * s;
      gradient[j] = (gradient[j] as number) - nij * (1 - s);
      negHessian[row + i] = (negHessian[row + i] as number) + curvature;
      negHessian[j * n + j] = (negHessian[j * n + j] as number) + curvature;
      negHessian[row + j] = -curvature;
      negHessian[j * n + i] = -curvature;
    }
  }
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
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * ln(e^x + e^y) without overflow: m + ln(e^(x−m) + e^(y−m)) with m = max(x, y), where one of the two terms is
 * e^0 = 1 exactly (the same value as computing it; NaN inputs take the general form).
 */
function logSumExp(x: number, y: number): number {
  if (x >= y) return x + Math.log(1 + Math.exp(y - x));
  if (y > x) return y + Math.log(Math.exp(x - y) + 1);
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
  const x = new Float64Array(m);
  return solveFlat(a, m, new Float64Array(width), x) ? Array.from(x) : undefined;
}

/** {@link solve} on the augmented matrix `a` (m rows of m + 1), in place; the solution goes to `x`. False when singular. */
function solveFlat(a: Float64Array, m: number, swap: Float64Array, x: Float64Array): boolean {
  const width = m + 1;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) {
      if (Math.abs(a[r * width + col] as number) > Math.abs(a[pivot * width + col] as number)) pivot = r;
    }
    const pivotValue = a[pivot * width + col] as number;
    if (Math.abs(pivotValue) < 1e-300) return false;
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
  x.fill(0);
  for (let r = m - 1; r >= 0; r--) {
    const q = r * width;
    let sum = a[q + m] as number;
    for (let c = r + 1; c < m; c++) sum -= (a[q + c] as number) * (x[c] as number);
    x[r] = sum / (a[q + r] as number);
  }
  return true;
}

/**
 * Solves A·x = b for a symmetric positive definite A (the negative Hessian, with a prior or with θ_0 held), given
 * as the augmented matrix `a` (m rows of m + 1), by Cholesky factorisation A = L·Lᵀ in place: half the work of
 * elimination. False when A is not (numerically) positive definite, where the fit stops as for a singular system.
 */
function solveSymmetric(a: Float64Array, m: number, x: Float64Array): boolean {
  const width = m + 1;
  for (let j = 0; j < m; j++) {
    const rj = j * width;
    let d = a[rj + j] as number;
    for (let k = 0; k < j; k++) d -= (a[rj + k] as number) * (a[rj + k] as number);
    if (!(d > 1e-300)) return false;
    const diagonal = Math.sqrt(d);
    a[rj + j] = diagonal;
    for (let i = j + 1; i < m; i++) {
      const ri = i * width;
      let sum = a[ri + j] as number;
      for (let k = 0; k < j; k++) sum -= (a[ri + k] as number) * (a[rj + k] as number);
      a[ri + j] = sum / diagonal;
    }
  }
  // L·y = b, then Lᵀ·x = y.
  for (let i = 0; i < m; i++) {
    const ri = i * width;
    let sum = a[ri + m] as number;
    for (let k = 0; k < i; k++) sum -= (a[ri + k] as number) * (x[k] as number);
    x[i] = sum / (a[ri + i] as number);
  }
  for (let i = m - 1; i >= 0; i--) {
    let sum = x[i] as number;
    for (let k = i + 1; k < m; k++) sum -= (a[k * width + i] as number) * (x[k] as number);
    x[i] = sum / (a[i * width + i] as number);
  }
  return true;
}

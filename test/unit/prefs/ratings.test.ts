import assert from 'node:assert/strict';
import { type Comparison, comparisonsFromRun } from '../../../src/core/prefs/pairwiseOutcomes';
import { fitBradleyTerry, toEloScale } from '../../../src/core/prefs/bradleyTerry';
import { bootstrapRatings, rankByUpperBound, rateModels, winRateMatrix } from '../../../src/core/prefs/ratings';
import { mulberry32 } from '../../../src/core/prefs/seededRandom';
import { folded, sampleRun, tieVote, winnerVote } from './sampleRuns';

const win = (a: string, b: string): Comparison => ({ a, b, scoreA: 1 });
const tie = (a: string, b: string): Comparison => ({ a, b, scoreA: 0.5 });
const times = (n: number, c: Comparison): Comparison[] => Array.from({ length: n }, () => c);

/** A beats B 3×, B beats C 2×, B–C one tie, A–C 1–1. */
const SMALL: Comparison[] = [...times(3, win('A', 'B')), ...times(2, win('B', 'C')), tie('B', 'C'), win('A', 'C'), win('C', 'A')];

/*
 * Hand-worked MLE for SMALL without a prior.
 * Wins (ties half): W_A = 3 + 1 = 4, W_B = 2 + 0.5 = 2.5, W_C = 0.5 + 1 = 1.5; games n_AB = 3, n_BC = 3, n_AC = 2.
 * Let x = a/(a+b), y = b/(b+c), z = c/(a+c). The score equations W_i = Σ_j n_ij p_i/(p_i+p_j) become linear:
 *   A: 3x + 2(1 − z) = 4      →  z = (3x − 2)/2
 *   B: 3(1 − x) + 3y = 2.5    →  y = x − 1/6
 *   (C is their sum's complement.)  The odds must multiply to one: (a/b)(b/c)(c/a) = 1, i.e.
 *   x·y·z = (1 − x)(1 − y)(1 − z)  →  x(6x − 1)(3x − 2) = (1 − x)(7 − 6x)(4 − 3x)
 *   →  36x³ − 78x² + 75x − 28 = 0.  Its derivative 108x² − 156x + 75 has no real root, so the cubic has one real
 *   root; bisection on (2/3, 1) (f(2/3) = −2, f(1) = 5) gives x = 0.7732229973849403,
 *   so y = 0.6065563307182736, z = 0.1598344960774103,
 *   a/b = x/(1−x) = 3.4096182084981503, b/c = y/(1−y) = 1.5416599073143236.
 *   With a·b·c = 1 (geometric mean 1): a = 2.616977731708263, b = 0.7675280842839513, c = 0.49785823750261327.
 *   Elo-like: 1000 + 400·log10(p):  A = 1167.1200108691, B = 954.0377102077, C = 878.8422789232 (mean 1000).
 */
const HAND_X = 0.7732229973849403;
const HAND_STRENGTHS = { A: 2.616977731708263, B: 0.7675280842839513, C: 0.49785823750261327 };
const HAND_ELO = { A: 1167.1200108691, B: 954.0377102077, C: 878.8422789232 };

describe('Bradley-Terry fit', () => {
  it('matches the hand-worked MLE on a small dataset (no prior)', () => {
    const p = fitBradleyTerry(['A', 'B', 'C'], SMALL, { priorGames: 0 });
    for (const [k, expected] of Object.entries(HAND_STRENGTHS)) {
      assert.ok(Math.abs((p.get(k) ?? NaN) - expected) < 1e-6, `${k}: ${p.get(k)} vs ${expected}`);
    }
    const a = p.get('A') ?? NaN;
    const b = p.get('B') ?? NaN;
    assert.ok(Math.abs(a / (a + b) - HAND_X) < 1e-6);
    const elo = toEloScale(p);
    for (const [k, expected] of Object.entries(HAND_ELO)) {
      assert.ok(Math.abs((elo.get(k) ?? NaN) - expected) < 0.01, `${k}: ${elo.get(k)} vs ${expected}`);
    }
  });

  it('with the default prior, satisfies the score equations including one virtual tie against strength 1', () => {
    const keys = ['A', 'B', 'C'];
    const p = fitBradleyTerry(keys, SMALL);
    const s = (k: string): number => p.get(k) ?? NaN;
    const games: Record<string, Record<string, number>> = { A: { B: 3, C: 2 }, B: { A: 3, C: 3 }, C: { A: 2, B: 3 } };
    const wins: Record<string, number> = { A: 4, B: 2.5, C: 1.5 };
    for (const i of keys) {
      const expected = Object.entries(games[i] ?? {}).reduce((sum, [j, n]) => sum + (n * s(i)) / (s(i) + s(j)), 0) + s(i) / (s(i) + 1);
      assert.ok(Math.abs((wins[i] ?? NaN) + 0.5 - expected) < 1e-6, `${i}: residual ${(wins[i] ?? NaN) + 0.5 - expected}`);
    }
    // The prior pulls towards the reference, so the spread is smaller than without it, but the order is the same.
    assert.ok(s('A') > s('B') && s('B') > s('C'));
    assert.ok(s('A') / s('C') < HAND_STRENGTHS.A / HAND_STRENGTHS.C);
  });

  it('keeps an undefeated model finite with the prior', () => {
    const elo = toEloScale(fitBradleyTerry(['A', 'B'], times(5, win('A', 'B'))));
    const a = elo.get('A') ?? NaN;
    const b = elo.get('B') ?? NaN;
    assert.ok(Number.isFinite(a) && Number.isFinite(b));
    assert.ok(a > b + 100, `A ${a} should be well above B ${b}`);
    assert.ok(Math.abs((a + b) / 2 - 1000) < 1e-9);
  });

  it('is deterministic', () => {
    assert.deepEqual(fitBradleyTerry(['A', 'B', 'C'], SMALL), fitBradleyTerry(['A', 'B', 'C'], SMALL));
  });
});

describe('bootstrap ratings', () => {
  // One group per "run": a 3-model dataset where A usually beats B and B usually beats C.
  const pattern: Comparison[][] = [
    [win('A', 'B'), win('A', 'C')],
    [win('A', 'B'), win('A', 'C')],
    [win('B', 'A'), win('B', 'C')],
    [win('B', 'A'), win('B', 'C')],
    [win('A', 'B'), win('A', 'C')],
    [tie('A', 'B'), tie('A', 'C'), tie('B', 'C')],
    [win('C', 'A'), win('C', 'B')],
    [win('B', 'A'), win('B', 'C')],
  ];
  const keys = ['A', 'B', 'C'];
  const repeat = (n: number): Comparison[][] => Array.from({ length: n }, () => pattern).flat();

  it('is identical across two calls with the same seed, and bounds the point estimate', () => {
    const first = rateModels(keys, repeat(2), { seed: 42 });
    const second = rateModels(keys, repeat(2), { seed: 42 });
    assert.deepEqual(first, second);
    for (const r of first) {
      assert.ok(r.ciLow <= r.rating && r.rating <= r.ciHigh, JSON.stringify(r));
      assert.ok(r.ciHigh - r.ciLow > 1, `a real interval, not a point: ${JSON.stringify(r)}`);
    }
    const point = toEloScale(fitBradleyTerry(keys, repeat(2).flat()));
    for (const r of first) assert.equal(r.rating, point.get(r.key));
  });

  it('depends on the seed (the bootstrap; with few runs the fit’s own uncertainty sets the interval)', () => {
    const a = bootstrapRatings(keys, repeat(2), { seed: 1 });
    const b = bootstrapRatings(keys, repeat(2), { seed: 2 });
    assert.notDeepEqual(a, b);
  });

  it('narrows with more data', () => {
    const small = rateModels(keys, repeat(2), { seed: 7 });
    const large = rateModels(keys, repeat(12), { seed: 7 });
    for (const k of keys) {
      const s = small.find((r) => r.key === k);
      const l = large.find((r) => r.key === k);
      assert.ok(s && l);
      assert.ok(l.ciHigh - l.ciLow < s.ciHigh - s.ciLow, `${k}: ${l.ciHigh - l.ciLow} !< ${s.ciHigh - s.ciLow}`);
    }
  });

  it('mulberry32 is reproducible and uniform-looking', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05);
  });
});

describe('rank by upper bound', () => {
  it('counts the models whose lower bound is above this upper bound', () => {
    const ranks = rankByUpperBound([
      { ciLow: 1100, ciHigh: 1200 }, // X: nobody is surely better → 1
      { ciLow: 1050, ciHigh: 1150 }, // Y: overlaps X → 1
      { ciLow: 900, ciHigh: 1000 }, // Z: X and Y are surely better → 3
      { ciLow: 800, ciHigh: 1060 }, // W: only X (1100 > 1060) is surely better → 2
    ]);
    assert.deepEqual(ranks, [1, 1, 3, 2]);
  });
});

describe('win-rate matrix', () => {
  it('counts wins per pair with ties as half', () => {
    const m = winRateMatrix(['A', 'B', 'C'], SMALL);
    const cell = (i: number, j: number) => m.cells[i]?.[j];
    assert.deepEqual(cell(0, 1), { wins: 3, games: 3, rate: 1 });
    assert.deepEqual(cell(1, 0), { wins: 0, games: 3, rate: 0 });
    assert.deepEqual(cell(1, 2), { wins: 2.5, games: 3, rate: 2.5 / 3 });
    assert.deepEqual(cell(2, 1), { wins: 0.5, games: 3, rate: 0.5 / 3 });
    assert.deepEqual(cell(0, 2), { wins: 1, games: 2, rate: 0.5 });
    assert.deepEqual(cell(0, 0), { wins: 0, games: 0 });
  });
});

describe('comparisons from votes', () => {
  const key = (id: string): string => `openai:model-${id}:${id}`;

  it('a winner beats every other column', () => {
    assert.deepEqual(comparisonsFromRun(folded(sampleRun({ vote: winnerVote('b') }))), [
      { a: key('b'), b: key('a'), scoreA: 1 },
      { a: key('b'), b: key('c'), scoreA: 1 },
    ]);
  });

  it('tie and all-bad are ties among all columns', () => {
    for (const vote of [tieVote('tie'), tieVote('all-bad')]) {
      const c = comparisonsFromRun(folded(sampleRun({ vote })));
      assert.equal(c.length, 3);
      assert.ok(c.every((x) => x.scoreA === 0.5));
    }
  });

  it('a ranking gives every implied pair; the winner still beats unranked columns', () => {
    const run = folded(sampleRun({ models: ['a', 'b', 'c', 'd'], vote: winnerVote('b', ['b', 'a', 'c']) }));
    assert.deepEqual(comparisonsFromRun(run), [
      { a: key('b'), b: key('a'), scoreA: 1 },
      { a: key('b'), b: key('c'), scoreA: 1 },
      { a: key('a'), b: key('c'), scoreA: 1 },
      { a: key('b'), b: key('d'), scoreA: 1 },
    ]);
  });

  it('no vote, no comparisons', () => {
    assert.deepEqual(comparisonsFromRun(folded(sampleRun())), []);
  });
});

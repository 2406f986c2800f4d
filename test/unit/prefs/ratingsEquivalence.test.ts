/**
 * The typed-array fit gives the results of the plain nested-array fit it replaced (plainBradleyTerry.ts, the old
 * code verbatim) to within 1e-9 rating points (the same maximum, reached with fewer operations), and the bootstrap (which starts each resample's fit from the point fit) the plain
 * bootstrap's draws to within 1e-9 rating points, on a seeded dataset shaped like the bench's: 20 models, runs of
 * 2–4 shown models with winners and ties, 1,500 runs.
 */
import assert from 'node:assert/strict';
import { fitBradleyTerry, toEloScale } from '../../../src/core/prefs/bradleyTerry';
import type { Comparison } from '../../../src/core/prefs/pairwiseOutcomes';
import { bootstrapRatings } from '../../../src/core/prefs/ratings';
import { mulberry32, mulberry32Indices } from '../../../src/core/prefs/seededRandom';
import { assertDrawsClose } from './drawsClose';
import * as plain from './plainBradleyTerry';

function seededVotes(runs: number, models: number, seed: number): { keys: string[]; groups: Comparison[][] } {
  const random = mulberry32(seed);
  const keys = Array.from({ length: models }, (_, i) => `provider:model-${i}:m${i}`);
  const groups = Array.from({ length: runs }, () => {
    const shown = [...keys].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 3));
    const winner = shown.reduce((best, k) => (keys.indexOf(k) * random() < keys.indexOf(best) * random() ? k : best));
    return shown.filter((k) => k !== winner).map((b): Comparison => ({ a: winner, b, scoreA: random() < 0.1 ? 0.5 : 1 }));
  });
  return { keys, groups };
}

/** The plain bootstrap: concatenate the drawn runs' comparisons and refit them with the plain fit. */
function plainBootstrap(keys: string[], groups: Comparison[][], samples: number, seed: number, priorGames: number): number[][] {
  const random = mulberry32(seed);
  const draws = keys.map(() => [] as number[]);
  for (let s = 0; s < samples; s++) {
    const resample: Comparison[] = [];
    for (let g = 0; g < groups.length; g++) resample.push(...(groups[Math.floor(random() * groups.length)] ?? []));
    const ratings = plain.toEloScale(plain.fitBradleyTerry(keys, resample, { priorGames }));
    keys.forEach((k, i) => draws[i]?.push(ratings.get(k) ?? 1000));
  }
  return draws.map((d) => d.sort((x, y) => x - y));
}

describe('Ratings: the fast fit equals the plain reference', function () {
  this.timeout(120_000);
  const { keys, groups } = seededVotes(1_500, 20, 2026);

  it('point fit: the same strengths (relative 1e-12), with and without a prior', () => {
    for (const priorGames of [1, 0.5, 0]) {
      const fast = fitBradleyTerry(keys, groups.flat(), { priorGames });
      const reference = plain.fitBradleyTerry(keys, groups.flat(), { priorGames });
      assert.deepEqual([...fast.keys()], [...reference.keys()]);
      for (const [key, strength] of reference) {
        const ours = fast.get(key) as number;
        assert.ok(Math.abs(ours - strength) <= 1e-12 * strength, `${key} (prior ${priorGames}): ${ours} vs ${strength}`);
      }
      // Not vacuous: the strengths differ between models by far more than the tolerance.
      const values = [...reference.values()];
      assert.ok(Math.max(...values) / Math.min(...values) > 2, 'the models differ in strength');
    }
  });

  it('bootstrap: 30 resamples give the plain bootstrap draws to within 1e-9 rating points (warm-started fits)', () => {
    const reference = plainBootstrap(keys, groups, 30, 5, 1);
    assertDrawsClose(bootstrapRatings(keys, groups, { samples: 30, seed: 5 }), reference);
    // Not vacuous: the draws do vary, by far more than the tolerance.
    assert.ok(reference.every((d) => (d.at(-1) as number) - (d[0] as number) > 1), 'resamples differ');
  });

  it('bootstrap without a prior (θ_0 held at 0) also matches the plain draws', () => {
    assertDrawsClose(bootstrapRatings(keys, groups, { samples: 10, seed: 3, priorGames: 0 }), plainBootstrap(keys, groups, 10, 3, 0));
  });

  it('the Elo scale of a fit is unchanged too (not only the draws), to 1e-9 rating points', () => {
    const fast = toEloScale(fitBradleyTerry(keys, groups.flat()));
    const reference = plain.toEloScale(plain.fitBradleyTerry(keys, groups.flat()));
    assertDrawsClose([[...fast.values()]], [[...reference.values()]]);
    assert.deepEqual([...fast.keys()], [...reference.keys()]);
  });

  it('the bulk index draws are the seeded sequence, drawn one by one', () => {
    const one = mulberry32(11);
    const expected = Array.from({ length: 1000 }, () => Math.floor(one() * 137));
    const bulk = mulberry32Indices(11);
    const first = new Int32Array(400);
    const rest = new Int32Array(600);
    bulk.fill(first, 137);
    bulk.fill(rest, 137);
    assert.deepEqual([...first, ...rest], expected);
    assert.ok(new Set(expected).size > 100, 'the draws spread over the range');
  });
});

/**
 * The typed-array fit and bootstrap give bit-for-bit the results of the plain nested-array fit they replaced
 * (plainBradleyTerry.ts, the old code verbatim), on a seeded dataset shaped like the bench's: 20 models, runs of
 * 2–4 shown models with winners and ties, 1,500 runs.
 */
import assert from 'node:assert/strict';
import { fitBradleyTerry, toEloScale } from '../../../src/core/prefs/bradleyTerry';
import type { Comparison } from '../../../src/core/prefs/pairwiseOutcomes';
import { bootstrapRatings } from '../../../src/core/prefs/ratings';
import { mulberry32 } from '../../../src/core/prefs/seededRandom';
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

describe('Ratings: the fast fit equals the plain reference bit for bit', function () {
  this.timeout(120_000);
  const { keys, groups } = seededVotes(1_500, 20, 2026);

  it('point fit: the same strengths, with and without a prior', () => {
    for (const priorGames of [1, 0.5, 0]) {
      assert.deepStrictEqual(fitBradleyTerry(keys, groups.flat(), { priorGames }), plain.fitBradleyTerry(keys, groups.flat(), { priorGames }));
    }
  });

  it('bootstrap: 30 resamples give exactly the plain bootstrap draws', () => {
    assert.deepStrictEqual(bootstrapRatings(keys, groups, { samples: 30, seed: 5 }), plainBootstrap(keys, groups, 30, 5, 1));
  });

  it('the Elo scale of a fit is unchanged too (not only the draws)', () => {
    assert.deepStrictEqual(toEloScale(fitBradleyTerry(keys, groups.flat())), plain.toEloScale(plain.fitBradleyTerry(keys, groups.flat())));
  });
});

import assert from 'node:assert/strict';
import { fitBradleyTerry, toEloScale } from '../../../src/core/prefs/bradleyTerry';
import type { Comparison } from '../../../src/core/prefs/pairwiseOutcomes';
import { assertDrawsClose } from './drawsClose';
import { bootstrapRatings, RATING_METHOD_DESCRIPTION, rateModels } from '../../../src/core/prefs/ratings';
import { mulberry32 } from '../../../src/core/prefs/seededRandom';

/** The bootstrap as it was before the per-run tallies: concatenate the drawn runs' comparisons and refit. */
function referenceBootstrap(keys: string[], groups: Comparison[][], samples: number, seed: number): number[][] {
  const random = mulberry32(seed);
  const draws = keys.map(() => [] as number[]);
  for (let s = 0; s < samples; s++) {
    const resample: Comparison[] = [];
    for (let g = 0; g < groups.length; g++) resample.push(...(groups[Math.floor(random() * groups.length)] ?? []));
    const ratings = toEloScale(fitBradleyTerry(keys, resample, { priorGames: 1 }));
    keys.forEach((k, i) => draws[i]?.push(ratings.get(k) ?? 1000));
  }
  return draws.map((d) => d.sort((x, y) => x - y));
}

/** Seeded votes: each run shows 2–4 of `models` models; the winner is drawn with a bias towards lower indices. */
function seededRuns(runs: number, models: number, seed: number): { keys: string[]; groups: Comparison[][] } {
  const random = mulberry32(seed);
  const keys = Array.from({ length: models }, (_, i) => `m${i}`);
  const groups = Array.from({ length: runs }, () => {
    const shown = [...keys].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 3));
    const roll = random();
    if (roll < 0.1) return shown.flatMap((a, i) => shown.slice(i + 1).map((b): Comparison => ({ a, b, scoreA: 0.5 })));
    const winner = [...shown].sort((x, y) => Number(x.slice(1)) * random() - Number(y.slice(1)) * random())[0] as string;
    return shown.filter((k) => k !== winner).map((b): Comparison => ({ a: winner, b, scoreA: 1 }));
  });
  return { keys, groups };
}

describe('Rating bootstrap (per-run tallies)', () => {
  it('draws the same resample ratings as refitting the concatenated comparisons (to 1e-9 rating points)', () => {
    const { keys, groups } = seededRuns(300, 8, 42);
    const fast = bootstrapRatings(keys, groups, { samples: 40, seed: 7 });
    assertDrawsClose(fast, referenceBootstrap(keys, groups, 40, 7));
  });

  it('keeps the point estimates of a plain fit', () => {
    const { keys, groups } = seededRuns(200, 6, 3);
    const point = toEloScale(fitBradleyTerry(keys, groups.flat()));
    for (const r of rateModels(keys, groups, { samples: 20 })) assert.equal(r.rating, point.get(r.key));
  });
});

describe('Rating intervals with few votes', () => {
  const keys = ['a', 'b', 'c'];
  const oneVote: Comparison[][] = [[{ a: 'a', b: 'b', scoreA: 1 }, { a: 'a', b: 'c', scoreA: 1 }]];

  it('never collapse to a point after one vote', () => {
    for (const r of rateModels(keys, oneVote)) {
      assert.ok(r.ciHigh - r.ciLow > 200, `${r.key}: ${r.ciLow}..${r.ciHigh}`);
      assert.ok(r.ciLow < r.rating && r.rating < r.ciHigh);
    }
  });

  it('stay wide after two votes, and narrow as votes accumulate', () => {
    const width = (groups: Comparison[][]) => {
      const r = rateModels(keys, groups).find((x) => x.key === 'a');
      return (r?.ciHigh ?? 0) - (r?.ciLow ?? 0);
    };
    const two = [...oneVote, [{ a: 'b', b: 'c', scoreA: 1 } as Comparison]];
    const mixed: Comparison[][] = [...two, [{ a: 'b', b: 'a', scoreA: 1 }], [{ a: 'c', b: 'a', scoreA: 0.5 }], [{ a: 'c', b: 'b', scoreA: 1 }]];
    const many = Array.from({ length: 60 }, (_, i) => mixed[i % mixed.length] ?? []);
    assert.ok(width(two) > 200, `two votes: ${width(two)}`);
    assert.ok(width(many) < width(two) / 2, `60 votes ${width(many)} vs two ${width(two)}`);
  });

  it('describes the method in words for the leaderboard', () => {
    assert.match(RATING_METHOD_DESCRIPTION, /Bradley-Terry/);
    assert.match(RATING_METHOD_DESCRIPTION, /interval/);
  });
});

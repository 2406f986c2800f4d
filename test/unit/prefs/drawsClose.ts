/** Comparing bootstrap draws with a plain reference, to a tolerance (the bootstrap's fits are warm-started). */
import assert from 'node:assert/strict';

/** Draws agree when every draw is within `tolerance` rating points; the message names the worst one. */
export function assertDrawsClose(actual: number[][], expected: number[][], tolerance = 1e-9): void {
  assert.equal(actual.length, expected.length, 'one array of draws per model');
  let worst = 0;
  actual.forEach((draws, i) => {
    const reference = expected[i] ?? [];
    assert.equal(draws.length, reference.length, `model ${i}: as many draws`);
    draws.forEach((d, j) => (worst = Math.max(worst, Math.abs(d - (reference[j] as number)))));
  });
  assert.ok(worst <= tolerance, `largest difference ${worst} rating points (allowed ${tolerance})`);
}

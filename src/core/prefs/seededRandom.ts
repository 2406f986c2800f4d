/**
 * mulberry32: a tiny seeded PRNG (32-bit state, uniform floats in [0, 1)). Good enough for bootstrap resampling
 * and, above all, reproducible: the same seed always gives the same sequence.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The same sequence as {@link mulberry32}, drawn as indices in [0, range) in bulk: `fill(out, range)` writes
 * `Math.floor(random() * range)` for the next `out.length` draws, in a loop that keeps the state in a local
 * (the bootstrap draws 10k runs per resample; as closure calls this was about half of its time).
 */
export function mulberry32Indices(seed: number): { fill(out: Int32Array, range: number): void } {
  let state = seed >>> 0;
  return {
    fill(out, range) {
      let s = state;
      for (let i = 0; i < out.length; i++) {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        out[i] = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * range);
      }
      state = s;
    },
  };
}

/**
 * The engine's clock: epoch milliseconds with a fractional part (performance.timeOrigin + performance.now()), so
 * TTFT and total are not rounded to Date.now's whole milliseconds (which alone put ±0.5 ms on every figure). It is
 * monotonic within the process; against the wall clock it is exact at process start and drifts by far less than
 * the run times it stamps.
 */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

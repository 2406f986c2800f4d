/**
 * How often a streaming answer is rendered. A render only parses what arrived since the last one (the tail after
 * the last safe cut, new open-code text appended as text), so it may run every frame (`minIntervalMs` 16); when a
 * render gets slow the next waits `costFactor` × its time, so one column cannot take every frame. Across columns
 * the frame budget (FrameBatcher) bounds the work per frame. A final render happens when the stream ends
 * (`force`). Pure.
 */
export class AnswerRenderThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastCostMs = 0;

  constructor(private readonly minIntervalMs = 16, private readonly costFactor = 2) {}

  /** Whether a parse may run at `now`. */
  due(now: number, force = false): boolean {
    return force || now - this.lastAt >= Math.max(this.minIntervalMs, this.lastCostMs * this.costFactor);
  }

  record(startedAt: number, endedAt: number): void {
    this.lastAt = endedAt;
    this.lastCostMs = Math.max(0, endedAt - startedAt);
  }
}

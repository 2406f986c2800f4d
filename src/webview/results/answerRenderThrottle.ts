/**
 * How often a streaming answer's markdown is re-parsed. Parsing the whole answer every frame is wasteful for long
 * answers; this allows one parse per `minIntervalMs`, stretched when parses get slow (8× the last parse time), so
 * eight long streams together stay smooth. A final full render happens when the stream ends (`force`). Pure.
 */
export class AnswerRenderThrottle {
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastCostMs = 0;

  constructor(private readonly minIntervalMs = 50) {}

  /** Whether a parse may run at `now`. */
  due(now: number, force = false): boolean {
    return force || now - this.lastAt >= Math.max(this.minIntervalMs, this.lastCostMs * 8);
  }

  record(startedAt: number, endedAt: number): void {
    this.lastAt = endedAt;
    this.lastCostMs = Math.max(0, endedAt - startedAt);
  }
}

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

/**
 * How much new stable markdown one render of a column may take on, so that it stays within about `budgetMs`
 * (markdown-it, DOMPurify and building the nodes): learnt from the renders so far as time per character (a moving
 * average), never below `minChars` (at least one block is always rendered). What is left waits for the next frame
 * (StreamingMarkdownRenderer's `pending`), so text that arrived all at once never makes one long task. Pure.
 */
export class StableRenderBudget {
  private msPerChar: number | undefined;

  constructor(private readonly budgetMs = 4, private readonly minChars = 1_000, private readonly firstChars = 4_000) {}

  get maxChars(): number {
    if (this.msPerChar === undefined) return this.firstChars;
    return Math.max(this.minChars, Math.floor(this.budgetMs / this.msPerChar));
  }

  /** A render took `ms` for `chars` markdown characters. Tiny renders say little about the rate and are ignored. */
  record(chars: number, ms: number): void {
    if (chars < 200) return;
    const rate = Math.max(ms, 0.01) / chars;
    this.msPerChar = this.msPerChar === undefined ? rate : this.msPerChar * 0.7 + rate * 0.3;
  }
}

/**
 * Coalesces many "this key changed" signals into at most one render per key per animation frame. Streaming deltas
 * for eight columns can arrive hundreds of times a second; each column is re-rendered once per frame at most.
 * With a time budget, a frame stops rendering once the budget is spent and leaves the remaining keys (oldest first)
 * to the next frame, so a frame never does the work of all eight columns at once.
 * The frame scheduler and clock are injected so tests can drive frames by hand.
 */
export type FrameScheduler = (callback: (time: number) => void) => unknown;

export type FrameBatcherOptions = {
  requestFrame?: FrameScheduler;
  /** Rendering time allowed per frame; at least one key is always rendered. Infinity = no limit. */
  budgetMs?: number;
  now?: () => number;
};

export class FrameBatcher<K> {
  private readonly dirty = new Set<K>();
  private scheduled = false;
  private readonly requestFrame: FrameScheduler;
  private readonly budgetMs: number;
  private readonly now: () => number;

  constructor(private readonly render: (key: K, time: number) => void, options: FrameBatcherOptions = {}) {
    this.requestFrame = options.requestFrame ?? ((cb) => requestAnimationFrame(cb));
    this.budgetMs = options.budgetMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? (() => performance.now());
  }

  /** Marks `key` for re-rendering in the next frame. Calling it again before that frame is free. */
  markDirty(key: K): void {
    this.dirty.add(key);
    this.schedule();
  }

  get pending(): boolean {
    return this.dirty.size > 0;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.requestFrame((time) => this.flush(time));
  }

  private flush(time: number): void {
    this.scheduled = false;
    const keys = [...this.dirty];
    this.dirty.clear();
    const started = this.now();
    for (const [index, key] of keys.entries()) {
      if (index > 0 && this.now() - started >= this.budgetMs) {
        // Out of budget: the rest go first in the next frame (a Set keeps insertion order).
        const rest = keys.slice(index);
        const later = [...this.dirty];
        this.dirty.clear();
        for (const k of [...rest, ...later]) this.dirty.add(k);
        break;
      }
      // A render may mark its key dirty again (to finish a throttled render later); that lands in the next frame.
      this.render(key, time);
    }
    if (this.dirty.size > 0) this.schedule();
  }
}

/**
 * Coalesces results-panel column updates and delivers them in batches, at most one batch per tick (~33 ms), so a
 * fast stream of tiny deltas becomes a few `updates` messages. Consecutive deltas of one column and channel are
 * merged; every other update keeps its place in the order. No `vscode` import (unit-tested).
 */
import type { ColumnUpdate } from '../../shared/protocol';

export interface BatchTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const nodeTimer: BatchTimer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const DEFAULT_BATCH_MS = 33;

export class ColumnUpdateBatcher {
  private pending: ColumnUpdate[] = [];
  /** Index in `pending` of the last delta per `columnId/channel`, while nothing else for that column followed it. */
  private openDelta = new Map<string, number>();
  private handle: unknown;
  private scheduled = false;

  constructor(
    private readonly deliver: (updates: ColumnUpdate[]) => void,
    private readonly intervalMs = DEFAULT_BATCH_MS,
    private readonly timer: BatchTimer = nodeTimer,
  ) {}

  push(update: ColumnUpdate): void {
    if (update.kind === 'delta') {
      const key = `${update.columnId}/${update.channel}`;
      const at = this.openDelta.get(key);
      const previous = at === undefined ? undefined : this.pending[at];
      if (previous?.kind === 'delta') {
        this.pending[at as number] = { ...previous, text: previous.text + update.text };
      } else {
        this.openDelta.set(key, this.pending.length);
        this.pending.push(update);
      }
    } else {
      // Anything else for the column (state, reset, edit…) must stay after the text it follows.
      this.openDelta.delete(`${update.columnId}/text`);
      this.openDelta.delete(`${update.columnId}/reasoning`);
      this.pending.push(update);
    }
    this.schedule();
  }

  /** Delivers everything pending now (run end, panel shown). */
  flush(): void {
    if (this.scheduled) this.timer.clear(this.handle);
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.openDelta.clear();
    this.deliver(batch);
  }

  /** Drops pending updates and stops the timer; the batcher stays usable. */
  discard(): void {
    if (this.scheduled) this.timer.clear(this.handle);
    this.scheduled = false;
    this.pending = [];
    this.openDelta.clear();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.handle = this.timer.set(() => {
      this.scheduled = false;
      this.flush();
    }, this.intervalMs);
  }
}

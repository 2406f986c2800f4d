/**
 * When the results webview saves its run to the webview state. Saving serialises every answer (8 MB for eight
 * 1 MB answers), and the host sends the whole run again whenever the webview says `ready`, so the saved state only
 * paints the panel before that message arrives. So: while a column streams nothing is saved; a change is saved
 * (debounced) once nothing streams, and `flush` saves what is pending at once (the page is being hidden or closed).
 * Pure: timer and save are injected, for the unit test.
 */
import type { RunView } from '../../shared/protocol';
import { isRunning } from './resultsModel';

export interface SaveTimer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const SAVE_DELAY_MS = 500;

export class RunStateSaver {
  private pending: RunView | undefined;
  private handle: unknown;

  constructor(
    private readonly save: (run: RunView) => void,
    private readonly timer: SaveTimer = { set: (cb, ms) => setTimeout(cb, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
  ) {}

  /** The run changed; `run` is its latest snapshot. */
  changed(run: RunView): void {
    this.pending = run;
    if (run.states.some((s) => isRunning(s.state))) {
      this.cancelTimer();
      return;
    }
    if (this.handle === undefined) this.handle = this.timer.set(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Saves the pending snapshot now, if there is one. */
  flush(): void {
    this.cancelTimer();
    const run = this.pending;
    this.pending = undefined;
    if (run) this.save(run);
  }

  private cancelTimer(): void {
    if (this.handle !== undefined) this.timer.clear(this.handle);
    this.handle = undefined;
  }
}

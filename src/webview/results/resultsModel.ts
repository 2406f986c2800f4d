/**
 * The results panel's state: the current run view plus the streaming updates folded into it. Pure (no DOM), so the
 * folding is unit-tested; the view asks it what changed per column and re-renders only that.
 */
import type { ColumnStateView, ColumnUpdate, RunStateView, RunView } from '../../shared/protocol';

export type ColumnChange = 'text' | 'reasoning' | 'metrics' | 'state' | 'edit' | 'samples';

const runningStates: ReadonlySet<RunStateView> = new Set(['queued', 'streaming']);

export function isRunning(state: RunStateView): boolean {
  return runningStates.has(state);
}

function emptyState(columnId: string): ColumnStateView {
  return { columnId, state: 'queued', text: '', reasoning: '' };
}

export class ResultsModel {
  private current: RunView | undefined;
  private readonly states = new Map<string, ColumnStateView>();

  get run(): RunView | undefined {
    return this.current;
  }

  /** Replaces everything (first render, reveal after a vote, restore). Columns without a state start queued. */
  setRun(run: RunView): void {
    this.current = run;
    this.states.clear();
    for (const state of run.states) this.states.set(state.columnId, { ...state });
    for (const column of run.columns) if (!this.states.has(column.columnId)) this.states.set(column.columnId, emptyState(column.columnId));
  }

  stateOf(columnId: string): ColumnStateView | undefined {
    return this.states.get(columnId);
  }

  /** The run with the folded states, for `setState` persistence. */
  snapshot(): RunView | undefined {
    if (!this.current) return undefined;
    return { ...this.current, states: this.current.columns.map((c) => this.states.get(c.columnId) ?? emptyState(c.columnId)) };
  }

  get anyRunning(): boolean {
    return [...this.states.values()].some((s) => isRunning(s.state));
  }

  /**
   * Folds a batch of updates in. Updates for another run or an unknown column are ignored. Returns, per column, what
   * changed, so that the view re-renders only those parts.
   */
  applyUpdates(runId: string, updates: readonly ColumnUpdate[]): Map<string, Set<ColumnChange>> {
    const changed = new Map<string, Set<ColumnChange>>();
    if (!this.current || this.current.runId !== runId) return changed;
    const mark = (columnId: string, ...what: ColumnChange[]) => {
      const set = changed.get(columnId) ?? new Set<ColumnChange>();
      for (const w of what) set.add(w);
      changed.set(columnId, set);
    };
    for (const update of updates) {
      const state = this.states.get(update.columnId);
      if (!state) continue;
      switch (update.kind) {
        case 'delta':
          if (update.channel === 'text') state.text += update.text;
          else state.reasoning += update.text;
          mark(update.columnId, update.channel);
          break;
        case 'metrics':
          state.metrics = update.metrics;
          mark(update.columnId, 'metrics');
          break;
        case 'state':
          state.state = update.state;
          if (update.error !== undefined) state.error = update.error;
          else if (isRunning(update.state)) delete state.error;
          mark(update.columnId, 'state');
          break;
        case 'edit':
          state.edit = update.edit;
          mark(update.columnId, 'edit');
          break;
        case 'samples':
          state.samples = update.samples;
          mark(update.columnId, 'samples');
          break;
        case 'reset':
          this.states.set(update.columnId, emptyState(update.columnId));
          mark(update.columnId, 'text', 'reasoning', 'metrics', 'state', 'edit');
          break;
      }
    }
    return changed;
  }
}

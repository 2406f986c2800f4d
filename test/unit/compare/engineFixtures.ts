/** Shared builders for compare-engine tests. */
import type { ChatProvider } from '../../../src/core/providers/provider';
import type { CompareModel, RunHandle } from '../../../src/core/compare/compareEngine';
import type { ModelPrice } from '../../../src/core/compare/pricing';
import type { RunEvent, RunLimits } from '../../../src/core/compare/runTypes';

export const RELAXED_LIMITS: RunLimits = { firstTokenMs: 10_000, idleMs: 10_000, totalMs: 15_000 };

export function compareModel(id: string, provider: ChatProvider, price?: ModelPrice): CompareModel {
  const model: CompareModel = {
    spec: { id, label: id.toUpperCase(), provider: 'openai', model: id },
    provider,
    request: { model: id, system: 'You help.', messages: [{ role: 'user', content: 'Fix this code please.' }] },
  };
  if (price) model.price = price;
  return model;
}

/** Records every event of a run (subscribe in the same tick as startComparison). */
export function recordEvents(run: RunHandle): RunEvent[] {
  const events: RunEvent[] = [];
  run.onEvent((event) => events.push(event));
  return events;
}

/** Resolves when `predicate` matches an event of the run (already seen or future). */
export function waitForEvent(run: RunHandle, events: RunEvent[], predicate: (event: RunEvent) => boolean): Promise<RunEvent> {
  const seen = events.find(predicate);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => {
    const unsubscribe = run.onEvent((event) => {
      if (predicate(event)) {
        unsubscribe();
        resolve(event);
      }
    });
  });
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public time = 1_000_000) {}
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

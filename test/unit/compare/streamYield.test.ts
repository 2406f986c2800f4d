import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import type { StreamEvent } from '../../../src/core/providers/provider';
import { compareModel, RELAXED_LIMITS } from './engineFixtures';

/** A stream whose events are all ready at once, like a fast server's buffered bytes: every read is a microtask. */
function bufferedStream(events: number): { stream(): AsyncIterable<StreamEvent> } {
  return {
    async *stream(): AsyncIterable<StreamEvent> {
      for (let i = 0; i < events; i++) yield { type: 'text', text: `chunk ${i} ` };
      yield { type: 'done', finishReason: 'stop' };
    },
  };
}

describe('compare engine: a buffered stream never holds the event loop', () => {
  it('lets a timer run while 200,000 already-buffered events are consumed', async () => {
    // Deltas of one turn are emitted as one event, so what the listener has seen is counted in characters.
    let charsWhenTimerRan: number | undefined;
    let seen = 0;
    const run = startComparison({ models: [compareModel('fast', bufferedStream(200_000))], limits: RELAXED_LIMITS, requestHash: 'h' });
    run.onEvent((e) => {
      if (e.type === 'delta') seen += e.text.length;
    });
    const timer = setTimeout(() => {
      charsWhenTimerRan = seen;
    }, 0);
    const [outcome] = await run.done;
    clearTimeout(timer);
    assert.equal(outcome?.state, 'done');
    assert.ok(charsWhenTimerRan !== undefined, 'a 0 ms timer never ran while the stream was consumed');
    assert.equal(seen, outcome?.text.length, 'the deltas add up to the answer');
    assert.ok(charsWhenTimerRan < seen, `the timer only ran after all ${seen} characters were emitted`);
  });
});

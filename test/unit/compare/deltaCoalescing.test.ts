/**
 * Deltas that arrive in one turn of the event loop are emitted as one event per channel run; the text, its order
 * and the metrics are what they were per delta, and what a snapshot shows is what listeners were told.
 */
import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import type { RunEvent } from '../../../src/core/compare/runTypes';
import { estimateTokens } from '../../../src/core/compare/tokenEstimate';
import type { StreamEvent } from '../../../src/core/providers/provider';
import { compareModel, recordEvents, RELAXED_LIMITS, waitForEvent } from './engineFixtures';
import { listProvider, ManualProvider } from './inProcessProviders';

type Delta = Extract<RunEvent, { type: 'delta' }>;
const deltasOf = (events: RunEvent[]): Delta[] => events.filter((e): e is Delta => e.type === 'delta');

describe('compare engine: deltas of one turn are emitted together', () => {
  it('a burst becomes one event per channel run, in order, with the same text and per-delta token estimate', async () => {
    const burst: StreamEvent[] = [
      { type: 'reasoning', text: 'Think ' },
      { type: 'reasoning', text: 'hard. ' },
      { type: 'text', text: 'Hello' },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'world' },
      { type: 'reasoning', text: 'Done?' },
      { type: 'text', text: '!' },
      { type: 'done', finishReason: 'stop' },
    ];
    const run = startComparison({ models: [compareModel('m', listProvider(burst))], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    const [outcome] = await run.done;
    assert.deepEqual(
      deltasOf(events).map((d) => [d.channel, d.text]),
      [
        ['reasoning', 'Think hard. '],
        ['text', 'Hello, world'],
        ['reasoning', 'Done?'],
        ['text', '!'],
      ],
    );
    assert.equal(outcome?.text, 'Hello, world!');
    assert.equal(outcome?.reasoning, 'Think hard. Done?');
    // Every delta before model-end, and the last metrics after the last delta.
    const kinds = events.map((e) => e.type);
    assert.ok(kinds.lastIndexOf('delta') < kinds.indexOf('model-end'));
    assert.ok(kinds.lastIndexOf('delta') < kinds.lastIndexOf('metrics'));
    assert.equal(outcome?.state, 'done');
    assert.equal(outcome?.metrics.outputTokens, estimateTokens(outcome?.text ?? '') + estimateTokens(outcome?.reasoning ?? ''));
  });

  it('deltas in separate turns stay separate events, and a snapshot shows only what was emitted', async () => {
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('m', provider)], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    await provider.started();
    provider.push({ type: 'text', text: 'one ' });
    await waitForEvent(run, events, (e) => e.type === 'delta' && e.text === 'one ');
    assert.equal(run.snapshot()[0]?.text, 'one ');
    provider.push({ type: 'text', text: 'two ' });
    await waitForEvent(run, events, (e) => e.type === 'delta' && e.text === 'two ');
    provider.push({ type: 'text', text: 'three' });
    provider.push({ type: 'done', finishReason: 'stop' });
    const [outcome] = await run.done;
    assert.equal(outcome?.text, 'one two three');
    assert.deepEqual(deltasOf(events).map((d) => d.text), ['one ', 'two ', 'three']);
  });

  it('a cancel right after a burst still emits the burst before model-end, and ends cancelled', async () => {
    const provider = new ManualProvider({ honourAbort: false });
    const run = startComparison({ models: [compareModel('m', provider)], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    await provider.started();
    provider.push({ type: 'text', text: 'partial ' });
    provider.push({ type: 'text', text: 'answer' });
    await waitForEvent(run, events, (e) => e.type === 'delta');
    run.cancel('m');
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'cancelled');
    assert.equal(deltasOf(events).map((d) => d.text).join(''), outcome?.text);
    assert.equal(outcome?.text, 'partial answer');
  });
});

import assert from 'node:assert/strict';
import type { RunStateView, RunView } from '../../../src/shared/protocol';
import { RunStateSaver, SAVE_DELAY_MS, type SaveTimer } from '../../../src/webview/results/runStateSaver';

function run(...states: RunStateView[]): RunView {
  return {
    runId: 'r', template: 'explain', title: 't', createdAt: '2026-01-01T00:00:00.000Z', requestHash: 'h', contextLabel: 'c',
    columns: states.map((_, i) => ({ columnId: `c${i}`, displayLabel: `M${i}` })),
    states: states.map((state, i) => ({ columnId: `c${i}`, state, text: `answer ${i}`, reasoning: '' })),
    blind: false, readOnly: false, reasonTags: [],
  };
}

/** A hand-driven timer. */
function fakeTimer() {
  const timers = new Map<number, { cb: () => void; ms: number }>();
  let next = 1;
  const timer: SaveTimer = { set: (cb, ms) => (timers.set(next, { cb, ms }), next++), clear: (h) => void timers.delete(h as number) };
  return { timer, timers, fire: () => [...timers.entries()].forEach(([h, t]) => (timers.delete(h), t.cb())) };
}

describe('webview RunStateSaver (when the run is saved to the webview state)', () => {
  it('saves nothing while a column streams, then the latest run once the stream ends (debounced)', () => {
    const saved: RunView[] = [];
    const t = fakeTimer();
    const saver = new RunStateSaver((r) => saved.push(r), t.timer);
    for (let i = 0; i < 100; i++) saver.changed(run('streaming', 'done'));
    assert.equal(t.timers.size, 0, 'no save scheduled while streaming');
    const ended = run('done', 'done');
    saver.changed(ended);
    saver.changed(ended);
    assert.equal(t.timers.size, 1, 'one debounced save');
    assert.equal([...t.timers.values()][0]?.ms, SAVE_DELAY_MS);
    t.fire();
    assert.deepEqual(saved, [ended]);
  });

  it('flush saves the pending run at once, even mid-stream, and only once', () => {
    const saved: RunView[] = [];
    const t = fakeTimer();
    const saver = new RunStateSaver((r) => saved.push(r), t.timer);
    const streaming = run('queued', 'streaming');
    saver.changed(streaming);
    saver.flush();
    saver.flush();
    assert.deepEqual(saved, [streaming]);
  });

  it('a stream starting again cancels a save scheduled for the finished run', () => {
    const saved: RunView[] = [];
    const t = fakeTimer();
    const saver = new RunStateSaver((r) => saved.push(r), t.timer);
    saver.changed(run('done'));
    saver.changed(run('streaming'));
    assert.equal(t.timers.size, 0);
    t.fire();
    assert.deepEqual(saved, []);
  });
});

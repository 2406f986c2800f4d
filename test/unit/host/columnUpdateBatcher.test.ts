import assert from 'node:assert/strict';
import { type BatchTimer, ColumnUpdateBatcher } from '../../../src/host/results/columnUpdateBatcher';
import type { ColumnUpdate } from '../../../src/shared/protocol';

/** A timer the test fires by hand. */
function manualTimer(): BatchTimer & { fire(): void; armed: number; lastMs?: number | undefined } {
  let callback: (() => void) | undefined;
  const timer = {
    armed: 0,
    lastMs: undefined as number | undefined,
    set(cb: () => void, ms: number) {
      callback = cb;
      timer.armed++;
      timer.lastMs = ms;
      return 1;
    },
    clear() {
      callback = undefined;
    },
    fire() {
      const cb = callback;
      callback = undefined;
      cb?.();
    },
  };
  return timer;
}

const delta = (columnId: string, text: string, channel: 'text' | 'reasoning' = 'text'): ColumnUpdate => ({
  kind: 'delta',
  columnId,
  channel,
  text,
});

describe('ColumnUpdateBatcher', () => {
  it('coalesces many deltas per column into one batch per tick', () => {
    const batches: ColumnUpdate[][] = [];
    const timer = manualTimer();
    const batcher = new ColumnUpdateBatcher((u) => batches.push(u), 33, timer);
    for (let i = 0; i < 100; i++) {
      batcher.push(delta('c0', 'a'));
      batcher.push(delta('c1', 'b'));
    }
    assert.equal(batches.length, 0, 'nothing is sent before the tick');
    assert.equal(timer.armed, 1, 'one timer for the whole burst');
    assert.equal(timer.lastMs, 33);
    timer.fire();
    assert.deepEqual(batches, [[delta('c0', 'a'.repeat(100)), delta('c1', 'b'.repeat(100))]]);
  });

  it('keeps text and reasoning apart', () => {
    const batches: ColumnUpdate[][] = [];
    const timer = manualTimer();
    const batcher = new ColumnUpdateBatcher((u) => batches.push(u), 33, timer);
    batcher.push(delta('c0', 'think ', 'reasoning'));
    batcher.push(delta('c0', 'x'));
    batcher.push(delta('c0', 'more', 'reasoning'));
    timer.fire();
    assert.deepEqual(batches[0], [delta('c0', 'think more', 'reasoning'), delta('c0', 'x')]);
  });

  it('never moves text across a state change of the same column', () => {
    const batches: ColumnUpdate[][] = [];
    const timer = manualTimer();
    const batcher = new ColumnUpdateBatcher((u) => batches.push(u), 33, timer);
    batcher.push(delta('c0', 'old'));
    batcher.push({ kind: 'reset', columnId: 'c0' });
    batcher.push(delta('c0', 'new'));
    batcher.push(delta('c0', '!'));
    timer.fire();
    assert.deepEqual(batches[0], [delta('c0', 'old'), { kind: 'reset', columnId: 'c0' }, delta('c0', 'new!')]);
  });

  it('flush() delivers at once, and an empty flush sends nothing', () => {
    const batches: ColumnUpdate[][] = [];
    const timer = manualTimer();
    const batcher = new ColumnUpdateBatcher((u) => batches.push(u), 33, timer);
    batcher.flush();
    assert.equal(batches.length, 0);
    batcher.push({ kind: 'state', columnId: 'c2', state: 'done' });
    batcher.flush();
    assert.equal(batches.length, 1);
    timer.fire();
    assert.equal(batches.length, 1, 'the cancelled tick sends nothing more');
    batcher.push(delta('c2', 'z'));
    assert.equal(timer.armed, 2, 'a new burst arms a new tick');
  });

  it('discard() drops what is pending', () => {
    const batches: ColumnUpdate[][] = [];
    const timer = manualTimer();
    const batcher = new ColumnUpdateBatcher((u) => batches.push(u), 33, timer);
    batcher.push(delta('c0', 'a'));
    batcher.discard();
    timer.fire();
    batcher.flush();
    assert.equal(batches.length, 0);
  });

  it('uses a real timer by default and delivers within a generous bound', async () => {
    const started = Date.now();
    const delivered = new Promise<ColumnUpdate[]>((resolve) => {
      const batcher = new ColumnUpdateBatcher(resolve, 20);
      batcher.push(delta('c0', 'a'));
      batcher.push(delta('c0', 'b'));
    });
    const batch = await delivered;
    assert.deepEqual(batch, [delta('c0', 'ab')]);
    assert.ok(Date.now() - started < 5_000);
  });
});

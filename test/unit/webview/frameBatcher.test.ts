import assert from 'node:assert/strict';
import { FrameBatcher } from '../../../src/webview/common/frameBatcher';

/** A hand-driven requestAnimationFrame. */
function fakeFrames() {
  const queue: ((time: number) => void)[] = [];
  let time = 0;
  return {
    request: (cb: (time: number) => void) => queue.push(cb),
    get requested() {
      return queue.length;
    },
    runFrame() {
      time += 16;
      const callbacks = queue.splice(0);
      for (const cb of callbacks) cb(time);
    },
  };
}

describe('webview FrameBatcher', () => {
  it('coalesces many deltas into one render per column per frame', () => {
    const frames = fakeFrames();
    const renders: string[] = [];
    const batcher = new FrameBatcher<string>((key) => renders.push(key), { requestFrame: frames.request });
    for (let i = 0; i < 500; i++) batcher.markDirty(`c${i % 8}`);
    assert.equal(frames.requested, 1, 'one frame requested for all of them');
    assert.deepEqual(renders, [], 'nothing rendered before the frame');
    frames.runFrame();
    assert.deepEqual([...renders].sort(), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    assert.equal(batcher.pending, false);
  });

  it('renders only the columns that changed, and schedules nothing when idle', () => {
    const frames = fakeFrames();
    const renders: string[] = [];
    const batcher = new FrameBatcher<string>((key) => renders.push(key), { requestFrame: frames.request });
    batcher.markDirty('c0');
    frames.runFrame();
    frames.runFrame();
    assert.equal(frames.requested, 0);
    batcher.markDirty('c3');
    batcher.markDirty('c3');
    frames.runFrame();
    assert.deepEqual(renders, ['c0', 'c3']);
  });

  it('a render that marks its key again is rendered in the next frame, not the same one', () => {
    const frames = fakeFrames();
    let renders = 0;
    const batcher: FrameBatcher<string> = new FrameBatcher<string>((key) => {
      renders++;
      if (renders === 1) batcher.markDirty(key);
    }, { requestFrame: frames.request });
    batcher.markDirty('c0');
    frames.runFrame();
    assert.equal(renders, 1);
    assert.equal(batcher.pending, true);
    frames.runFrame();
    assert.equal(renders, 2);
    assert.equal(batcher.pending, false);
  });

  it('stops a frame when the time budget is spent and renders the rest first in the next frame', () => {
    const frames = fakeFrames();
    let clock = 0;
    const renders: string[][] = [[]];
    const batcher = new FrameBatcher<string>((key) => {
      renders[renders.length - 1]?.push(key);
      clock += 6; // every render costs 6 ms
    }, { requestFrame: frames.request, budgetMs: 10, now: () => clock });
    for (const key of ['c0', 'c1', 'c2', 'c3', 'c4']) batcher.markDirty(key);
    frames.runFrame();
    assert.deepEqual(renders[0], ['c0', 'c1'], '6 ms, then 12 ms ≥ 10 ms budget');
    assert.equal(frames.requested, 1, 'the rest is scheduled');
    batcher.markDirty('c0');
    renders.push([]);
    frames.runFrame();
    assert.deepEqual(renders[1], ['c2', 'c3'], 'left-over keys go before newly dirty ones');
    renders.push([]);
    frames.runFrame();
    assert.deepEqual(renders[2], ['c4', 'c0']);
    assert.equal(batcher.pending, false);
  });

  it('always renders at least one key per frame, even over budget', () => {
    const frames = fakeFrames();
    let clock = 0;
    const renders: string[] = [];
    const batcher = new FrameBatcher<string>((key) => {
      renders.push(key);
      clock += 100;
    }, { requestFrame: frames.request, budgetMs: 10, now: () => clock });
    batcher.markDirty('a');
    batcher.markDirty('b');
    frames.runFrame();
    frames.runFrame();
    assert.deepEqual(renders, ['a', 'b']);
  });
});

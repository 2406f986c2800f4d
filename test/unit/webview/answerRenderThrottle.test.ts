import assert from 'node:assert/strict';
import { AnswerRenderThrottle } from '../../../src/webview/results/answerRenderThrottle';

describe('webview AnswerRenderThrottle', () => {
  it('allows the first parse, then at most one per interval unless forced', () => {
    const throttle = new AnswerRenderThrottle(50);
    assert.equal(throttle.due(0), true);
    throttle.record(0, 2);
    assert.equal(throttle.due(20), false);
    assert.equal(throttle.due(20, true), true, 'a final render is never held back');
    assert.equal(throttle.due(52), true);
  });

  it('stretches the interval when parses get slow', () => {
    const throttle = new AnswerRenderThrottle(16, 2);
    throttle.record(0, 20);
    assert.equal(throttle.due(50), false, '2 × 20 ms = 40 ms after the parse ended');
    assert.equal(throttle.due(61), true);
  });
});

import assert from 'node:assert/strict';
import { AnswerRenderThrottle, StableRenderBudget } from '../../../src/webview/results/answerRenderThrottle';

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

describe('webview StableRenderBudget', () => {
  it('starts from a first guess, then allows what fits the time budget at the rate measured', () => {
    const budget = new StableRenderBudget(4, 1_000, 4_000);
    assert.equal(budget.maxChars, 4_000);
    budget.record(2_000, 4); // 2 µs per character
    assert.equal(budget.maxChars, 2_000);
    budget.record(2_000, 4);
    assert.equal(budget.maxChars, 2_000);
  });

  it('shrinks when renders get slow, never below the minimum, and ignores tiny renders', () => {
    const budget = new StableRenderBudget(4, 1_000, 4_000);
    budget.record(1_000, 1); // 1 µs per character: 4,000
    assert.equal(budget.maxChars, 4_000);
    budget.record(1_000, 40); // a slow render (the machine is busy) moves the average towards 40 µs per character
    assert.ok(budget.maxChars < 4_000 && budget.maxChars >= 1_000, String(budget.maxChars));
    for (let i = 0; i < 20; i++) budget.record(1_000, 40);
    assert.equal(budget.maxChars, 1_000);
    budget.record(10, 500);
    assert.equal(budget.maxChars, 1_000, 'a 10-character render says nothing about the rate');
  });
});

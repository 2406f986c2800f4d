import assert from 'node:assert/strict';
import type { RunView } from '../../../src/shared/protocol';
import { ResultsModel } from '../../../src/webview/results/resultsModel';

function run(partial: Partial<RunView> = {}): RunView {
  return {
    runId: 'r1', template: 'fix', title: 'Fix', createdAt: '2025-01-01T00:00:00Z', requestHash: 'h', contextLabel: 'a.ts:1-2',
    columns: [{ columnId: 'c0', displayLabel: 'Model A' }, { columnId: 'c1', displayLabel: 'Model B' }],
    states: [], blind: true, readOnly: false, reasonTags: [], ...partial,
  };
}

describe('webview ResultsModel', () => {
  it('starts columns without a state as queued', () => {
    const model = new ResultsModel();
    model.setRun(run({ states: [{ columnId: 'c1', state: 'done', text: 'x', reasoning: '' }] }));
    assert.equal(model.stateOf('c0')?.state, 'queued');
    assert.equal(model.stateOf('c1')?.text, 'x');
    assert.equal(model.anyRunning, true);
  });

  it('folds deltas per channel and reports what changed per column', () => {
    const model = new ResultsModel();
    model.setRun(run());
    const changed = model.applyUpdates('r1', [
      { kind: 'state', columnId: 'c0', state: 'streaming' },
      { kind: 'delta', columnId: 'c0', channel: 'text', text: 'Hel' },
      { kind: 'delta', columnId: 'c0', channel: 'text', text: 'lo' },
      { kind: 'delta', columnId: 'c0', channel: 'reasoning', text: 'think' },
      { kind: 'metrics', columnId: 'c1', metrics: { startedAt: 1, tokensEstimated: false } },
    ]);
    assert.equal(model.stateOf('c0')?.text, 'Hello');
    assert.equal(model.stateOf('c0')?.reasoning, 'think');
    assert.deepEqual([...(changed.get('c0') ?? [])].sort(), ['reasoning', 'state', 'text']);
    assert.deepEqual([...(changed.get('c1') ?? [])], ['metrics']);
  });

  it('ignores updates for another run or an unknown column', () => {
    const model = new ResultsModel();
    model.setRun(run());
    assert.equal(model.applyUpdates('other', [{ kind: 'delta', columnId: 'c0', channel: 'text', text: 'x' }]).size, 0);
    assert.equal(model.applyUpdates('r1', [{ kind: 'delta', columnId: 'c9', channel: 'text', text: 'x' }]).size, 0);
    assert.equal(model.stateOf('c0')?.text, '');
  });

  it('keeps an error, and a reset (retry) starts the column over', () => {
    const model = new ResultsModel();
    model.setRun(run());
    model.applyUpdates('r1', [
      { kind: 'delta', columnId: 'c1', channel: 'text', text: 'partial' },
      { kind: 'state', columnId: 'c1', state: 'error', error: 'The API key was rejected (401).' },
      { kind: 'state', columnId: 'c0', state: 'done' },
    ]);
    assert.equal(model.stateOf('c1')?.error, 'The API key was rejected (401).');
    assert.equal(model.anyRunning, false);
    const changed = model.applyUpdates('r1', [{ kind: 'reset', columnId: 'c1' }]);
    assert.deepEqual(model.stateOf('c1'), { columnId: 'c1', state: 'queued', text: '', reasoning: '' });
    assert.ok(changed.get('c1')?.has('text'));
    assert.equal(model.anyRunning, true);
  });

  it('snapshots the folded states in column order for persistence', () => {
    const model = new ResultsModel();
    model.setRun(run());
    model.applyUpdates('r1', [{ kind: 'delta', columnId: 'c1', channel: 'text', text: 'B' }]);
    const snapshot = model.snapshot();
    assert.deepEqual(snapshot?.states.map((s) => [s.columnId, s.text]), [['c0', ''], ['c1', 'B']]);
  });
});

import assert from 'node:assert/strict';
import type { ModelMetrics, ModelSpec, RunEvent } from '../../../src/core/compare/runTypes';
import { RunViewState } from '../../../src/host/results/runViewState';
import { hostToResultsSchema } from '../../../src/shared/protocol';

const specs: ModelSpec[] = [
  { id: 'gpt', label: 'GPT', provider: 'openai', model: 'gpt-4.1' },
  { id: 'claude', label: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5' },
];
const meta = {
  runId: 'r1',
  template: 'fix' as const,
  title: 'Fix dates.ts',
  createdAt: '2025-01-01T00:00:00.000Z',
  requestHash: 'abc',
  contextLabel: 'src/dates.ts:1-3 · typescript',
};
const metrics: ModelMetrics = { startedAt: 10, ttftMs: 100, totalMs: 400, tokensEstimated: false, costUsd: 0.002, outputTokens: 20 };
const assignments = [
  { columnId: 'c0', modelId: 'claude' },
  { columnId: 'c1', modelId: 'gpt' },
];

function play(state: RunViewState, events: RunEvent[]) {
  return events.flatMap((e) => state.apply(e));
}

describe('RunViewState', () => {
  it('maps engine events to column updates addressed by column id', () => {
    const state = new RunViewState(meta, specs, assignments, false);
    const updates = play(state, [
      { type: 'run-start', runId: 'r1', requestHash: 'abc', models: specs, startedAt: 0 },
      { type: 'model-start', runId: 'r1', modelId: 'gpt', startedAt: 1 },
      { type: 'delta', runId: 'r1', modelId: 'gpt', channel: 'reasoning', text: 'hmm' },
      { type: 'delta', runId: 'r1', modelId: 'gpt', channel: 'text', text: 'Hello' },
      { type: 'delta', runId: 'other-run', modelId: 'gpt', channel: 'text', text: 'ignored' },
      { type: 'metrics', runId: 'r1', modelId: 'gpt', metrics },
      {
        type: 'model-end',
        runId: 'r1',
        outcome: { modelId: 'gpt', state: 'done', text: 'Hello', reasoning: 'hmm', metrics, finishReason: 'stop' },
      },
    ]);
    assert.deepEqual(updates, [
      { kind: 'state', columnId: 'c1', state: 'streaming' },
      { kind: 'delta', columnId: 'c1', channel: 'reasoning', text: 'hmm' },
      { kind: 'delta', columnId: 'c1', channel: 'text', text: 'Hello' },
      { kind: 'metrics', columnId: 'c1', metrics },
      { kind: 'metrics', columnId: 'c1', metrics },
      { kind: 'state', columnId: 'c1', state: 'done' },
    ]);
    assert.equal(state.finished, false, 'claude is still queued');
    const msg = hostToResultsSchema.safeParse({ type: 'updates', runId: 'r1', updates });
    assert.ok(msg.success, 'updates satisfy the protocol');
  });

  it('carries a plain error text for failed and incomplete columns', () => {
    const state = new RunViewState(meta, specs, assignments, false);
    const updates = play(state, [
      {
        type: 'model-end',
        runId: 'r1',
        outcome: { modelId: 'claude', state: 'error', text: '', reasoning: '', metrics, error: { kind: 'auth', message: 'The API key was rejected (401).' } },
      },
      { type: 'model-end', runId: 'r1', outcome: { modelId: 'gpt', state: 'incomplete', text: 'par', reasoning: '', metrics } },
    ]);
    assert.deepEqual(updates[1], { kind: 'state', columnId: 'c0', state: 'error', error: 'The API key was rejected (401).' });
    assert.equal(updates[3]?.kind, 'state');
    assert.match((updates[3] as { error?: string }).error ?? '', /stopped before/);
    assert.equal(state.finished, true);
    const view = state.toView([], false);
    assert.equal(view.states[1]?.text, 'par');
  });

  it('blind: masks names and cost until the vote, then reveals them', () => {
    const state = new RunViewState(meta, specs, assignments, true);
    const updates = play(state, [{ type: 'metrics', runId: 'r1', modelId: 'gpt', metrics }]);
    assert.equal((updates[0] as { metrics: ModelMetrics }).metrics.costUsd, undefined);
    assert.equal(state.columnLabel('c1'), 'Model B');
    let view = state.toView(['correct'], false);
    assert.deepEqual(view.columns.map((c) => c.displayLabel), ['Model A', 'Model B']);
    assert.equal(view.columns[0]?.provider, undefined);
    assert.equal(view.states[1]?.metrics?.costUsd, undefined);
    assert.ok(hostToResultsSchema.safeParse({ type: 'run', run: view }).success);

    state.setVote({ kind: 'winner', winnerColumnId: 'c0', tags: ['correct'] });
    view = state.toView(['correct'], false);
    assert.deepEqual(view.columns.map((c) => c.displayLabel), ['Claude', 'GPT']);
    assert.equal(view.states[1]?.metrics?.costUsd, 0.002);
    assert.equal(view.vote?.winnerColumnId, 'c0');
    assert.equal(view.blind, true);
    assert.equal(state.columnLabel('c1'), 'GPT');
  });

  it('resets a retried column on its second model-start and maps column ids both ways', () => {
    const state = new RunViewState(meta, specs, assignments, false);
    const start: RunEvent = { type: 'model-start', runId: 'r1', modelId: 'claude', startedAt: 1 };
    assert.deepEqual(state.apply(start), [{ kind: 'state', columnId: 'c0', state: 'streaming' }]);
    play(state, [
      { type: 'delta', runId: 'r1', modelId: 'claude', channel: 'text', text: 'x' },
      { type: 'model-end', runId: 'r1', outcome: { modelId: 'claude', state: 'cancelled', text: 'x', reasoning: '', metrics } },
    ]);
    state.setEdit('claude', { hasCode: true, followedFormat: true, added: 1, removed: 0 });
    assert.deepEqual(state.apply(start), [
      { kind: 'reset', columnId: 'c0' },
      { kind: 'state', columnId: 'c0', state: 'streaming' },
    ]);
    const view = state.toView([], false);
    assert.deepEqual(view.states[0], { columnId: 'c0', state: 'streaming', text: '', reasoning: '' });
    assert.equal(state.modelIdOf('c1'), 'gpt');
    assert.equal(state.columnIdOf('claude'), 'c0');
    assert.deepEqual(state.shownOrder, ['claude', 'gpt']);
    assert.deepEqual(state.setEdit('nobody', { hasCode: false, followedFormat: false, added: 0, removed: 0 }), []);
  });
});

import assert from 'node:assert/strict';
import type { ModelSpec } from '../../../src/core/compare/runTypes';
import { type Judgement, judgeCandidates, judgeViewOf, namesToMask } from '../../../src/host/judge/judgeCandidates';
import { judgeViewSchema } from '../../../src/shared/judgeProtocol';
import type { RunView } from '../../../src/shared/protocol';

const spec = (id: string, label: string, model: string): ModelSpec => ({ id, label, model, provider: 'openai-compatible' });
const SPECS = [spec('gpt', 'Fake GPT', 'fake-gpt-1'), spec('claude', 'Fake Claude', 'fake-claude-1')];
const VIEW = {
  columns: [{ columnId: 'c0', displayLabel: 'Model A' }, { columnId: 'c1', displayLabel: 'Model B' }],
  states: [{ columnId: 'c0', state: 'done', text: 'answer of claude', reasoning: '' }, { columnId: 'c1', state: 'timed-out', text: 'answer of gpt', reasoning: '' }],
} as unknown as RunView;
const modelOf = (c: string) => ({ c0: 'claude', c1: 'gpt' })[c];

describe('judge: what the panel may see', () => {
  const candidates = judgeCandidates(VIEW, SPECS, modelOf, () => 2);

  it('judge candidates follow the columns under blind labels, with the attempt shown and unfinished answers marked', () => {
    assert.deepEqual(candidates.map((c) => [c.label, c.modelId, c.attempt, c.unfinished, c.text]), [
      ['Model A', 'claude', 2, undefined, 'answer of claude'],
      ['Model B', 'gpt', 2, 'timed-out', 'answer of gpt'],
    ]);
    const names = namesToMask(candidates, SPECS, [{ id: 'judge', label: 'Wise Judge', model: 'judge-1' }]);
    assert.ok(names.some((n) => n.name === 'Fake GPT' && n.replacement === 'Model B'));
    assert.ok(names.some((n) => n.name === 'fake-claude-1' && n.replacement === 'Model A'));
    assert.ok(names.some((n) => n.name === 'Wise Judge' && n.replacement === 'another model'));
  });

  it('judge text is held back (not sent) in blind mode until the vote; then shown with its pick and a legend', () => {
    const j: Judgement = { runId: 'r', judgeLabel: 'Wise Judge', blind: true, candidates, state: 'done', text: 'B is best\nPICK: B', pick: { kind: 'pick', index: 1 } };
    const held = judgeViewOf(j, false, false);
    assert.deepEqual(held, { state: 'held', judgeLabel: 'Wise Judge' });
    assert.ok(!JSON.stringify(held).includes('best'));
    assert.deepEqual(judgeViewOf({ ...j, state: 'running' }, false, false), { state: 'running', judgeLabel: 'Wise Judge' });
    const shown = judgeViewOf(j, true, true);
    assert.ok(judgeViewSchema.safeParse(shown).success);
    assert.deepEqual(shown, {
      state: 'done', judgeLabel: 'Wise Judge', text: 'B is best\nPICK: B', pickLabel: 'Model B',
      legend: [{ label: 'Model A', name: 'Fake Claude' }, { label: 'Model B', name: 'Fake GPT' }],
    });
    // Not blind: streamed and shown at once; no legend while names are hidden.
    assert.equal(judgeViewOf({ ...j, blind: false, state: 'running' }, false, true).state, 'running');
    assert.equal((judgeViewOf({ ...j, blind: false }, false, false) as { legend?: unknown }).legend, undefined);
  });
});

import assert from 'node:assert/strict';
import type { ModelMetrics, ModelSpec } from '../../../src/core/compare/runTypes';
import { runRecordSchema } from '../../../src/core/prefs/preferenceRecord';
import { buildRunRecord, recentRunFromRecord, rerunTarget, runViewFromRecord, voteFromView } from '../../../src/host/prefs/runRecords';
import { contextLabel, runningStatusText, runTitle } from '../../../src/host/run/runLabels';
import { RunViewState } from '../../../src/host/results/runViewState';
import { runViewSchema } from '../../../src/shared/protocol';

const specs: ModelSpec[] = [
  { id: 'gpt', label: 'GPT', provider: 'openai', model: 'gpt-4.1', temperature: 0.2 },
  { id: 'claude', label: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5', reasoning: 'low' },
];
const metrics: ModelMetrics = { startedAt: 10, ttftMs: 100, totalMs: 400, tokensEstimated: true, outputTokens: 20 };
const selection = { startLine: 11, startCharacter: 0, endLine: 29, endCharacter: 3 };

function blindState(): RunViewState {
  return new RunViewState(
    { runId: 'r1', template: 'fix', title: 't', createdAt: '2025-01-01T00:00:00.000Z', requestHash: 'h', contextLabel: 'x' },
    specs,
    [
      { columnId: 'c0', modelId: 'claude' },
      { columnId: 'c1', modelId: 'gpt' },
    ],
    true,
  );
}

function record(instruction?: string) {
  const state = blindState();
  return buildRunRecord({
    state,
    languageId: 'typescript',
    prompt: { system: 'sys', user: 'usr' },
    ...(instruction === undefined ? {} : { instruction }),
    context: { filePath: 'src/dates.ts', selection, truncated: {} },
    outcomes: [
      { modelId: 'gpt', state: 'done', text: '```ts\nx\n```', reasoning: '', metrics, finishReason: 'stop' },
      { modelId: 'claude', state: 'error', text: '', reasoning: 'hm', metrics, error: { kind: 'auth', message: 'Key rejected (401).' } },
    ],
    extracted: new Map([['gpt', { code: 'x\n', followedFormat: true }]]),
  });
}

describe('run records', () => {
  it('builds a run record the preference log accepts, with the blind shown order', () => {
    const rec = record();
    const parsed = runRecordSchema.safeParse(rec);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    assert.equal(rec.blind, true);
    assert.deepEqual(rec.shownOrder, ['claude', 'gpt']);
    assert.equal(rec.outputs[0]?.extractedCode, 'x\n');
    assert.equal(rec.outputs[1]?.error, 'Key rejected (401).');
    assert.deepEqual(rec.models.find((m) => m.id === 'gpt')?.params, { temperature: 0.2 });
  });

  it('keeps the instruction, so a logged run can be repeated on the same file, lines and models', () => {
    const rec = record('extract the date parsing');
    assert.ok(runRecordSchema.safeParse(rec).success);
    assert.deepEqual(rerunTarget(rec), {
      template: 'fix',
      instruction: 'extract the date parsing',
      modelIds: ['claude', 'gpt'],
      filePath: 'src/dates.ts',
      selection,
    });
    assert.equal(rerunTarget(record())?.instruction, undefined);
    assert.equal(rerunTarget({ ...rec, context: { truncated: {} } }), undefined, 'no file, nothing to repeat');
  });

  it('maps a panel vote from column ids to model ids, and refuses unknown columns', () => {
    const state = blindState();
    const modelIdOf = (c: string) => state.modelIdOf(c);
    const vote = voteFromView({ kind: 'winner', winnerColumnId: 'c0', rankingColumnIds: ['c0', 'c1'], tags: ['correct'], note: ' ok ' }, modelIdOf, '2025-01-01T00:01:00.000Z');
    assert.deepEqual(vote, { kind: 'winner', winner: 'claude', ranking: ['claude', 'gpt'], tags: ['correct'], note: 'ok', votedAt: '2025-01-01T00:01:00.000Z' });
    assert.deepEqual(voteFromView({ kind: 'tie', tags: [] }, modelIdOf, 'now'), { kind: 'tie', tags: [], votedAt: 'now' });
    assert.throws(() => voteFromView({ kind: 'winner', winnerColumnId: 'c9', tags: [] }, modelIdOf, 'now'), /c9/);
  });

  it('reopens a record as a read-only, revealed view in the shown order', () => {
    const rec = { ...record(), vote: { kind: 'winner' as const, winner: 'gpt', tags: ['fast'], votedAt: '2025-01-01T00:01:00.000Z' } };
    const view = runViewFromRecord(rec, ['fast']);
    assert.ok(runViewSchema.safeParse(view).success);
    assert.equal(view.readOnly, true);
    assert.deepEqual(view.columns.map((c) => c.displayLabel), ['Claude', 'GPT']);
    assert.equal(view.vote?.winnerColumnId, 'c1');
    assert.equal(view.states[0]?.error, 'Key rejected (401).');
    assert.equal(view.states[1]?.metrics?.ttftMs, 100);
    assert.equal(view.title, 'Fix · src/dates.ts:12-30');
    const recent = recentRunFromRecord(rec);
    assert.deepEqual([...recent.models].sort(), ['Claude', 'GPT']);
    assert.equal(recent.voted, true);
  });

  it('formats labels', () => {
    assert.equal(contextLabel('a.ts', { startLine: 4, endLine: 4 }, 'typescript'), 'a.ts:5 · typescript');
    assert.equal(runTitle('tests', undefined, undefined), 'Write tests · untitled');
    assert.equal(runningStatusText(0, 2, 412), '$(sync~spin) Parallax 0/2 done · 0 s');
    assert.equal(runningStatusText(3, 5, 12_900), '$(sync~spin) Parallax 3/5 done · 12 s');
  });
});

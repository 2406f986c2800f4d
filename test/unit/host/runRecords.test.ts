import assert from 'node:assert/strict';
import type { ModelMetrics, ModelSpec } from '../../../src/core/compare/runTypes';
import type { LogEntry } from '../../../src/core/prefs/logEvents';
import { parseEntry, parseLog } from '../../../src/core/prefs/logFold';
import type { RunRecord } from '../../../src/core/prefs/preferenceRecord';
import { RunRecorder } from '../../../src/host/prefs/runRecorder';
import { recentRunFromRecord, rerunTarget, runViewFromRecord, voteFromView } from '../../../src/host/prefs/runRecords';
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

/** An in-memory log: every entry must pass the log's own validation, as a real append would. */
class MemorySink {
  readonly entries: LogEntry[] = [];
  append(entry: LogEntry): Promise<boolean> {
    const parsed = parseEntry(JSON.parse(JSON.stringify(entry)));
    if (!parsed.ok) throw new Error(`invalid entry: ${parsed.error}`);
    this.entries.push(parsed.entry);
    return Promise.resolve(true);
  }
  text(): string {
    return this.entries.map((e) => JSON.stringify(e) + '\n').join('');
  }
}

/** Records one blind run through the recorder and reads it back through the fold. */
async function recordRun(instruction?: string, after?: (recorder: RunRecorder) => Promise<unknown>): Promise<{ rec: RunRecord; sink: MemorySink }> {
  const state = blindState();
  const sink = new MemorySink();
  let tick = 0;
  const recorder = new RunRecorder(sink, () => new Date(Date.UTC(2025, 0, 1, 0, 0, ++tick)).toISOString());
  await recorder.runStarted({
    runId: 'r1',
    at: '2025-01-01T00:00:00.000Z',
    template: 'fix',
    languageId: 'typescript',
    requestHash: 'h',
    prompt: { system: 'sys', user: 'usr' },
    ...(instruction === undefined ? {} : { instruction }),
    context: { filePath: 'src/dates.ts', selection, truncated: {} },
    specs,
    blind: state.masked,
    shownOrder: state.shownOrder,
  });
  await recorder.attempt('r1', 1, { modelId: 'gpt', state: 'done', text: '```ts\nx\n```', reasoning: '', metrics, finishReason: 'stop' }, { code: 'x\n', followedFormat: true });
  await recorder.attempt('r1', 1, { modelId: 'claude', state: 'error', text: '', reasoning: 'hm', metrics, error: { kind: 'auth', message: 'Key rejected (401).' } }, undefined);
  if (after) await after(recorder);
  const log = parseLog(sink.text());
  assert.deepEqual(log.problems, []);
  assert.equal(log.runs.length, 1);
  return { rec: log.runs[0]!, sink };
}

describe('run records', () => {
  it('records a run as events the preference log accepts, folding to the blind shown order', async () => {
    const { rec, sink } = await recordRun();
    assert.deepEqual(sink.entries.map((e) => e.type), ['run-start', 'attempt', 'attempt']);
    assert.equal(rec.blind, true);
    assert.deepEqual(rec.shownOrder, ['claude', 'gpt']);
    assert.deepEqual(rec.outputs.map((o) => o.modelId), ['gpt', 'claude'], 'outputs in model order');
    assert.equal(rec.outputs[0]?.extractedCode, 'x\n');
    assert.equal(rec.outputs[0]?.followedFormat, true);
    assert.equal(rec.outputs[0]?.finishReason, 'stop');
    assert.equal(rec.outputs[1]?.error, 'Key rejected (401).');
    assert.equal(rec.outputs[1]?.followedFormat, undefined, 'no extraction, no format verdict');
    assert.deepEqual(rec.models.find((m) => m.id === 'gpt')?.params, { temperature: 0.2 });
    assert.deepEqual(rec.models.find((m) => m.id === 'claude')?.params, { reasoning: 'low' });
    assert.deepEqual(rec.attempts.map((a) => [a.modelId, a.attempt]), [['gpt', 1], ['claude', 1]]);
    assert.deepEqual(rec.notes, []);
    assert.deepEqual(rec.applied, []);
    assert.equal(rec.vote, undefined);
    assert.equal(rec.revealedAt, undefined);
    assert.equal(rec.cancelled, undefined);
  });

  it('records an answer still streaming as cancelled', async () => {
    const { rec } = await recordRun(undefined, (r) =>
      r.attempt('r1', 2, { modelId: 'gpt', state: 'streaming', text: 'half', reasoning: '', metrics }, undefined),
    );
    assert.equal(rec.outputs.find((o) => o.modelId === 'gpt')?.state, 'cancelled');
    assert.equal(rec.outputs.find((o) => o.modelId === 'gpt')?.text, 'half');
  });

  it('folds votes, notes, reveal, apply and cancel in the order they were recorded', async () => {
    const { rec } = await recordRun(undefined, async (r) => {
      await r.reveal('r1');
      await r.note('r1', 'first');
      await r.vote('r1', { kind: 'tie', tags: [], votedAt: '2025-01-01T00:05:00.000Z', blind: false, attempts: { gpt: 1, claude: 1 } });
      await r.vote('r1', { kind: 'winner', winner: 'gpt', tags: ['fast'], votedAt: '2025-01-01T00:06:00.000Z', blind: false, attempts: { gpt: 1, claude: 1 } });
      await r.note('r1', 'second');
      await r.applied('r1', 'gpt', 1);
      await r.cancelled('r1', 'replaced');
    });
    assert.equal(rec.vote?.kind, 'winner', 'the later vote replaces the earlier');
    assert.equal(rec.vote?.winner, 'gpt');
    assert.equal(rec.vote?.blind, false);
    assert.deepEqual(rec.vote?.attempts, { gpt: 1, claude: 1 });
    assert.deepEqual(rec.notes, ['first', 'second']);
    assert.ok(rec.revealedAt);
    assert.deepEqual(rec.applied.map((a) => [a.modelId, a.attempt]), [['gpt', 1]]);
    assert.equal(rec.cancelled, 'replaced');
  });

  it('a cancelled column alone does not mark the run cancelled; a whole-run cancel does', async () => {
    const one = await recordRun(undefined, (r) => r.cancelled('r1', 'user', ['gpt']));
    assert.equal(one.rec.cancelled, undefined);
    const all = await recordRun(undefined, (r) => r.cancelled('r1', 'user'));
    assert.equal(all.rec.cancelled, 'user');
  });

  it('keeps the instruction, so a logged run can be repeated on the same file, lines and models', async () => {
    const { rec } = await recordRun('extract the date parsing');
    assert.deepEqual(rerunTarget(rec), {
      template: 'fix',
      instruction: 'extract the date parsing',
      modelIds: ['gpt', 'claude'],
      filePath: 'src/dates.ts',
      selection,
    });
    assert.equal(rerunTarget((await recordRun()).rec)?.instruction, undefined);
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

  it('reopens a voted record as a read-only, revealed view in the shown order', async () => {
    const { rec } = await recordRun(undefined, (r) =>
      r.vote('r1', { kind: 'winner', winner: 'gpt', tags: ['fast'], votedAt: '2025-01-01T00:01:00.000Z', blind: true, attempts: { gpt: 1, claude: 1 } }),
    );
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

  it('keeps the names hidden when reopening a blind run with no vote and no reveal, and shows them after a reveal', async () => {
    const { rec } = await recordRun();
    const masked = runViewFromRecord(rec, []);
    assert.ok(runViewSchema.safeParse(masked).success);
    const labels = masked.columns.map((c) => c.displayLabel);
    assert.ok(!labels.includes('GPT') && !labels.includes('Claude'), `names leaked: ${labels.join(', ')}`);
    assert.ok(!JSON.stringify(masked.columns).includes('gpt-4.1'), 'model name leaked');
    assert.ok(masked.states.every((s) => s.metrics?.costUsd === undefined), 'no cost while masked');

    const revealed = (await recordRun(undefined, (r) => r.reveal('r1'))).rec;
    assert.deepEqual(runViewFromRecord(revealed, []).columns.map((c) => c.displayLabel), ['Claude', 'GPT']);
  });

  it('lists every note on the recent-runs line', async () => {
    const { rec } = await recordRun(undefined, async (r) => {
      await r.note('r1', 'one');
      await r.note('r1', 'two');
    });
    assert.equal(recentRunFromRecord(rec).note, 'one · two');
  });

  it('formats labels', () => {
    assert.equal(contextLabel('a.ts', { startLine: 4, endLine: 4 }, 'typescript'), 'a.ts:5 · typescript');
    assert.equal(runTitle('tests', undefined, undefined), 'Write tests · untitled');
    assert.equal(runningStatusText(0, 2, 412), '$(sync~spin) Parallax 0/2 done · 0 s');
    assert.equal(runningStatusText(3, 5, 12_900), '$(sync~spin) Parallax 3/5 done · 12 s');
  });
});

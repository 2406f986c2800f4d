import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import type { RunEvent } from '../../../src/core/compare/runTypes';
import { compareModel, recordEvents, RELAXED_LIMITS, waitForEvent } from './engineFixtures';
import { hangingProvider, listProvider, ManualProvider } from './inProcessProviders';

const doneStream = (text: string) =>
  listProvider([
    { type: 'text', text },
    { type: 'done', finishReason: 'stop' },
  ]);

describe('compare engine: events and end states', () => {
  it('emits run-start, every model-start, deltas, final metrics, model-end, then run-end', async () => {
    const run = startComparison({
      models: [compareModel('a', doneStream('alpha')), compareModel('b', doneStream('beta'))],
      limits: RELAXED_LIMITS,
      requestHash: 'h1',
      runId: 'run-1',
    });
    const events = recordEvents(run);
    const outcomes = await run.done;

    const types = events.map((e) => e.type);
    assert.equal(types[0], 'run-start');
    assert.deepEqual(types.slice(1, 3), ['model-start', 'model-start']);
    assert.equal(types.at(-1), 'run-end');
    const start = events[0] as Extract<RunEvent, { type: 'run-start' }>;
    assert.equal(start.requestHash, 'h1');
    assert.deepEqual(start.models.map((m) => m.id), ['a', 'b']);
    for (const id of ['a', 'b']) {
      const mine = events.filter((e) => 'modelId' in e && e.modelId === id || (e.type === 'model-end' && e.outcome.modelId === id));
      const kinds = mine.map((e) => e.type);
      assert.equal(kinds[0], 'model-start');
      assert.ok(kinds.indexOf('delta') > 0);
      assert.deepEqual(kinds.slice(-2), ['metrics', 'model-end'], `${id}: final metrics then model-end`);
    }
    assert.deepEqual(outcomes.map((o) => [o.modelId, o.state, o.text, o.finishReason]), [
      ['a', 'done', 'alpha', 'stop'],
      ['b', 'done', 'beta', 'stop'],
    ]);
    assert.ok(events.every((e) => e.runId === 'run-1'));
  });

  it('delivers run-start to a listener attached right after startComparison', async () => {
    const run = startComparison({ models: [compareModel('a', doneStream('x'))], limits: RELAXED_LIMITS, requestHash: 'h' });
    const first: RunEvent[] = [];
    run.onEvent((e) => first.push(e));
    await run.done;
    assert.equal(first[0]?.type, 'run-start');
    assert.equal(first[0]?.runId, run.runId);
  });

  it('keeps going when a listener throws, and stops calling an unsubscribed listener', async () => {
    const run = startComparison({ models: [compareModel('a', doneStream('x'))], limits: RELAXED_LIMITS, requestHash: 'h' });
    run.onEvent(() => {
      throw new Error('listener bug');
    });
    let calls = 0;
    const unsubscribe = run.onEvent(() => {
      calls += 1;
      unsubscribe();
    });
    const events = recordEvents(run);
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'done');
    assert.equal(calls, 1);
    assert.equal(events.at(-1)?.type, 'run-end');
  });

  it('marks a stream that ends without done or error as incomplete', async () => {
    const run = startComparison({ models: [compareModel('a', listProvider([{ type: 'text', text: 'half an ans' }]))], limits: RELAXED_LIMITS, requestHash: 'h' });
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'incomplete');
    assert.equal(outcome?.text, 'half an ans');
    assert.match(outcome?.error?.message ?? '', /ended before/);
  });

  it('passes provider errors through with their kind, redacting anything secret-looking', async () => {
    const provider = listProvider([{ type: 'error', kind: 'auth', message: 'Rejected key sk-proj-abcdef123456 sent as Bearer sk-proj-abcdef123456', status: 401 }]);
    const [outcome] = await startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h' }).done;
    assert.equal(outcome?.state, 'error');
    assert.equal(outcome?.error?.kind, 'auth');
    assert.doesNotMatch(outcome?.error?.message ?? '', /abcdef123456/);
    assert.match(outcome?.error?.message ?? '', /Rejected key/);
  });

  it('turns a provider iterator that throws into an error of kind unknown', async () => {
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h' });
    await provider.started();
    provider.push({ type: 'text', text: 'partial' });
    provider.fail(new Error('socket exploded, token sk-live-9999999999'));
    const [outcome] = await run.done;
    assert.equal(outcome?.state, 'error');
    assert.equal(outcome?.error?.kind, 'unknown');
    assert.match(outcome?.error?.message ?? '', /socket exploded/);
    assert.doesNotMatch(outcome?.error?.message ?? '', /9999999999/);
    assert.equal(outcome?.text, 'partial');
  });

  it('settles a provider whose stream() throws synchronously', async () => {
    const provider = { stream: () => { throw new Error('bad config'); } };
    const [outcome] = await startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h' }).done;
    assert.equal(outcome?.state, 'error');
    assert.equal(outcome?.error?.kind, 'unknown');
  });

  it('settles each model on its own: an exception and a hang do not hold back or change the others', async () => {
    const throwing = new ManualProvider();
    const run = startComparison({
      models: [compareModel('ok', doneStream('fine')), compareModel('boom', throwing), compareModel('hang', hangingProvider())],
      limits: { firstTokenMs: 400, idleMs: 10_000, totalMs: 10_000 },
      requestHash: 'h',
    });
    const events = recordEvents(run);
    await throwing.started();
    throwing.fail(new Error('boom'));
    const okEnd = await waitForEvent(run, events, (e) => e.type === 'model-end' && e.outcome.modelId === 'ok');
    const hangEndedYet = events.some((e) => e.type === 'model-end' && e.outcome.modelId === 'hang');
    assert.equal(hangEndedYet, false, 'the fast model settled while the hung one was still waiting');
    const outcomes = await run.done;
    assert.deepEqual(outcomes.map((o) => o.state), ['done', 'error', 'timed-out']);
    assert.equal(okEnd.type === 'model-end' && okEnd.outcome.text, 'fine');
  });

  it('starts every model at once', async () => {
    const providers = [new ManualProvider(), new ManualProvider(), new ManualProvider()];
    const run = startComparison({ models: providers.map((p, i) => compareModel(`m${i}`, p)), limits: RELAXED_LIMITS, requestHash: 'h' });
    await Promise.all(providers.map((p) => p.started()));
    assert.ok(providers.every((p) => p.signal && !p.signal.aborted));
    run.cancel();
    await run.done;
  });

  it('rejects two models with the same id', () => {
    assert.throws(() => startComparison({ models: [compareModel('a', doneStream('x')), compareModel('a', doneStream('y'))], limits: RELAXED_LIMITS, requestHash: 'h' }), /appears twice/);
  });
});

describe('compare engine: cancel and retry', () => {
  it('cancel(id) aborts only that model', async () => {
    const slow = new ManualProvider();
    const other = new ManualProvider();
    const run = startComparison({ models: [compareModel('slow', slow), compareModel('other', other)], limits: RELAXED_LIMITS, requestHash: 'h' });
    await Promise.all([slow.started(), other.started()]);
    slow.push({ type: 'text', text: 'thinking about it' });
    run.cancel('slow');
    assert.equal(slow.signal?.aborted, true);
    assert.equal(other.signal?.aborted, false);
    other.push({ type: 'text', text: 'done here' });
    other.push({ type: 'done', finishReason: 'stop' });
    const outcomes = await run.done;
    assert.equal(outcomes[0]?.state, 'cancelled');
    assert.equal(outcomes[0]?.error?.kind, 'cancelled');
    assert.equal(outcomes[1]?.state, 'done');
  });

  it('cancel() aborts everything still in flight, even a provider that ignores its signal', async () => {
    const run = startComparison({
      models: [compareModel('a', new ManualProvider()), compareModel('b', hangingProvider()), compareModel('c', doneStream('quick'))],
      limits: RELAXED_LIMITS,
      requestHash: 'h',
    });
    const events = recordEvents(run);
    await waitForEvent(run, events, (e) => e.type === 'model-end' && e.outcome.modelId === 'c');
    run.cancel();
    const outcomes = await run.done;
    assert.deepEqual(outcomes.map((o) => o.state), ['cancelled', 'cancelled', 'done']);
  });

  it('retry(id) runs one model again, emitting its events and a fresh run-end', async () => {
    let attempt = 0;
    const flaky = {
      async *stream() {
        attempt += 1;
        if (attempt === 1) yield { type: 'error' as const, kind: 'rate-limit' as const, message: 'slow down' };
        else {
          yield { type: 'text' as const, text: 'second time lucky' };
          yield { type: 'done' as const, finishReason: 'stop' };
        }
      },
    };
    const run = startComparison({ models: [compareModel('flaky', flaky), compareModel('steady', doneStream('s'))], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    const first = await run.done;
    assert.equal(first[0]?.state, 'error');
    const retried = await run.retry('flaky');
    assert.equal(retried.state, 'done');
    assert.equal(retried.text, 'second time lucky');
    const runEnds = events.filter((e): e is Extract<RunEvent, { type: 'run-end' }> => e.type === 'run-end');
    assert.equal(runEnds.length, 2);
    assert.deepEqual(runEnds[1]?.outcomes.map((o) => o.state), ['done', 'done']);
    const afterFirstEnd = events.slice(events.indexOf(runEnds[0]!) + 1).map((e) => e.type);
    assert.equal(afterFirstEnd[0], 'model-start');
    assert.deepEqual(afterFirstEnd.slice(-3), ['metrics', 'model-end', 'run-end']);
    await assert.rejects(run.retry('nope'), /No model "nope"/);
  });

  it('a retry made the moment a model ends (in its model-end listener) still lets the run end', async () => {
    let attempts = 0;
    const counting = {
      async *stream() {
        attempts += 1;
        yield { type: 'text' as const, text: `attempt ${attempts}` };
        yield { type: 'done' as const, finishReason: 'stop' };
      },
    };
    const run = startComparison({ models: [compareModel('again', counting), compareModel('steady', doneStream('s'))], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    let retried = false;
    run.onEvent((event) => {
      // The attempt has settled but the engine has not counted it out yet: the retry lands in between.
      if (event.type === 'model-end' && event.outcome.modelId === 'again' && !retried) {
        retried = true;
        void run.retry('again');
      }
    });
    const runEnd = await waitForEvent(run, events, (e) => e.type === 'run-end');
    assert.ok(runEnd.type === 'run-end');
    assert.deepEqual(runEnd.outcomes.map((o) => [o.modelId, o.state, o.text]), [['again', 'done', 'attempt 2'], ['steady', 'done', 's']]);
  });

  it('retry of an in-flight model replaces it silently and the run ends once', async () => {
    const providers = [new ManualProvider(), new ManualProvider()];
    let calls = 0;
    const switching = { stream: (request: Parameters<ManualProvider['stream']>[0], signal: AbortSignal) => providers[calls++]!.stream(request, signal) };
    const run = startComparison({ models: [compareModel('m', switching)], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    await providers[0]!.started();
    providers[0]!.push({ type: 'text', text: 'old' });
    const retried = run.retry('m');
    assert.equal(providers[0]!.signal?.aborted, true);
    await providers[1]!.started();
    providers[1]!.push({ type: 'text', text: 'new' });
    providers[1]!.push({ type: 'done', finishReason: 'stop' });
    assert.equal((await retried).text, 'new');
    const [outcome] = await run.done;
    assert.equal(outcome?.text, 'new');
    assert.equal(events.filter((e) => e.type === 'model-end').length, 1, 'the replaced attempt emits no model-end');
    assert.equal(events.filter((e) => e.type === 'run-end').length, 1);
  });

  it('snapshot() shows partial text while streaming', async () => {
    const provider = new ManualProvider();
    const run = startComparison({ models: [compareModel('a', provider)], limits: RELAXED_LIMITS, requestHash: 'h' });
    const events = recordEvents(run);
    await provider.started();
    provider.push({ type: 'text', text: 'so far' });
    await waitForEvent(run, events, (e) => e.type === 'delta');
    const [partial] = run.snapshot();
    assert.equal(partial?.state, 'streaming');
    assert.equal(partial?.text, 'so far');
    run.cancel();
    await run.done;
  });
});

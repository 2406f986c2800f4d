/**
 * Repeat N and rate limits, against the fake OpenAI server (real SDK adapter, real 429 with Retry-After): a sample
 * that gets a 429 is queued again behind its endpoint's pause and completes, up to RATE_LIMIT_REQUEUES times; every
 * attempt the user could have seen is an event of its own and an `attempt` line in the record.
 */
import assert from 'node:assert/strict';
import { RATE_LIMIT_REQUEUES, startComparison, type CompareModel } from '../../../src/core/compare/compareEngine';
import { ProviderLimiter } from '../../../src/core/compare/providerLimiter';
import type { RunEvent } from '../../../src/core/compare/runTypes';
import type { LogEntry } from '../../../src/core/prefs/logEvents';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders, type FakeProviders, type FakeScript } from '../../../src/demo/fakeProviders';
import { RunRecorder } from '../../../src/host/prefs/runRecorder';
import { assignColumns } from '../../../src/host/results/blindColumns';
import { RunSession, type SessionPlan } from '../../../src/host/run/runSession';
import { RELAXED_LIMITS } from './engineFixtures';

const TOO_MANY: FakeScript = { fault: { type: 'status', status: 429, retryAfterSec: 0, message: 'Rate limit reached for requests' } };
const FIX = 'Fixed:\n\n```js\nfunction add(a, b) {\n  return a + b;\n}\n```\n';

function model(fakes: FakeProviders, id: string): CompareModel {
  return {
    spec: { id, label: id, provider: 'openai-compatible', model: id },
    // No SDK retries: every 429 reaches the engine.
    provider: createProvider({ kind: 'openai-compatible', baseUrl: fakes.openaiBaseUrl, maxRetries: 0 }),
    request: { model: id, system: 'You help.', messages: [{ role: 'user', content: 'Fix add.' }] },
    limitKey: fakes.url,
  };
}

const chatRequests = (fakes: FakeProviders, id: string) => fakes.requests.filter((r) => (r.body as { model?: string } | undefined)?.model === id).length;

describe('repeat: rate-limited samples are queued again', function () {
  this.timeout(30_000);
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders();
  });
  afterEach(async () => {
    await fakes.close();
  });

  it('repeat 2: a 429 then 200 ends done; the 429 attempt is its own model-start … model-end', async () => {
    fakes.setScript('rl', [TOO_MANY, TOO_MANY, { text: FIX }]);
    const events: RunEvent[] = [];
    const run = startComparison({ models: [model(fakes, 'rl')], limits: RELAXED_LIMITS, requestHash: 'h', repeat: 2, limiter: new ProviderLimiter(() => 1), onEvent: (e) => events.push(e) });
    const outcomes = await run.done;
    assert.deepEqual(outcomes.map((o) => o.state), ['done', 'done'], 'both samples completed after the 429s');
    assert.equal(chatRequests(fakes, 'rl'), 4, 'two 429s and two answers');
    const ends = events.filter((e): e is Extract<RunEvent, { type: 'model-end' }> => e.type === 'model-end');
    assert.equal(ends.length, 4);
    assert.equal(ends.filter((e) => e.outcome.error?.kind === 'rate-limit').length, 2, 'each 429 is an attempt that ended');
    assert.equal(events.filter((e) => e.type === 'model-start').length, 4);
    assert.equal(events.filter((e) => e.type === 'run-end').length, 1, 'the run ends once, after the re-queued samples');
  });

  it(`repeat 2: a sample still rate-limited after ${RATE_LIMIT_REQUEUES} re-queues ends with the rate-limit error`, async () => {
    fakes.setScript('always', TOO_MANY);
    const run = startComparison({ models: [model(fakes, 'always')], limits: RELAXED_LIMITS, requestHash: 'h', repeat: 2, limiter: new ProviderLimiter(() => 2) });
    const outcomes = await run.done;
    assert.deepEqual(outcomes.map((o) => o.error?.kind), ['rate-limit', 'rate-limit']);
    assert.equal(chatRequests(fakes, 'always'), 2 * (1 + RATE_LIMIT_REQUEUES));
  });

  it('repeat 1 (a plain run) is not re-queued: the 429 is the answer, as before', async () => {
    fakes.setScript('once', [TOO_MANY, { text: FIX }]);
    const outcomes = await startComparison({ models: [model(fakes, 'once')], limits: RELAXED_LIMITS, requestHash: 'h', limiter: new ProviderLimiter(() => 1) }).done;
    assert.equal(outcomes[0]?.error?.kind, 'rate-limit');
    assert.equal(chatRequests(fakes, 'once'), 1);
  });

  it('repeat 2: the record keeps the rate-limited attempt and the one that answered, under their sample', async () => {
    fakes.setScript('rec', [TOO_MANY, { text: FIX }]);
    const lines: LogEntry[] = [];
    const recorder = new RunRecorder({ append: (e) => (lines.push(e), Promise.resolve(true)) });
    const plan: SessionPlan = {
      meta: { runId: 'rl-1', template: 'fix', title: 'Fix', createdAt: new Date().toISOString(), requestHash: 'r'.repeat(64), contextLabel: 'add.js:1-3' },
      template: 'fix',
      models: [model(fakes, 'rec')],
      limits: RELAXED_LIMITS,
      blind: false,
      assignments: assignColumns(['rec'], false),
      prompt: { system: 's', user: 'fix', truncations: [] },
      context: { filePath: 'add.js', selection: { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 1 }, languageId: 'javascript' },
      originalText: 'function add(a, b) {\n  return a - b;\n}\n',
      repeat: 2,
      limiter: new ProviderLimiter(() => 1),
    };
    const session = new RunSession(plan, recorder, { updates: () => undefined, settled: () => undefined });
    await session.handle.done;
    await session.whenSettled();
    const attempts = lines.filter((l): l is Extract<LogEntry, { type: 'attempt' }> => l.type === 'attempt');
    assert.equal(attempts.length, 3, 'two samples, one of them rate-limited once');
    assert.deepEqual(attempts.map((a) => a.attempt).sort(), [1, 2, 3], 'each attempt has its own number');
    const limited = attempts.filter((a) => a.output.state === 'error');
    assert.equal(limited.length, 1);
    assert.match(limited[0]?.output.error ?? '', /rate limit/i);
    const retried = attempts.filter((a) => a.sample === limited[0]?.sample);
    assert.deepEqual(retried.map((a) => a.output.state), ['error', 'done'], 'the same sample, re-queued, then answered');
    assert.ok(retried[1]!.attempt > retried[0]!.attempt);
    assert.equal(session.samples.view('rec', false)?.settled, 2);
  });
});

/**
 * Eight models through the real SDK adapters against the wire-protocol fakes, all at once: the run takes
 * about as long as the slowest model, and every model reports its own timing.
 */
import assert from 'node:assert/strict';
import { startComparison, type CompareModel } from '../../../src/core/compare/compareEngine';
import type { ModelOutcome } from '../../../src/core/compare/runTypes';
import { parseModelConfigs, type ModelConfig } from '../../../src/core/config/modelConfig';
import { modelSpecFrom, providerRequestFrom } from '../../../src/core/config/modelRequest';
import { buildPrompt } from '../../../src/core/prompts/promptTemplates';
import { assembleContext } from '../../../src/core/prompts/contextAssembly';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';

const KEY = 'sk-fanout-test-key-000000';
const DELAYS_MS = [50, 200, 350, 500, 650, 800, 950, 1100];
/**
 * Sending eight requests at once on a busy two-core machine spreads their departure by up to a few hundred ms,
 * so TTFT order is only asserted between models whose scripted delays differ by at least this much.
 */
const ORDER_GAP_MS = 300;
const ANSWER = 'Change the loop bound from <= to < so the last page is not overrun.';
const LIMITS = { firstTokenMs: 10_000, idleMs: 10_000, totalMs: 20_000 };

const prompt = buildPrompt(
  'fix',
  assembleContext({
    filePath: 'src/paginate.ts',
    languageId: 'typescript',
    selection: { startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 40 },
    selectedText: 'for (let i = 0; i <= items.length; i++) {}',
    surroundingBefore: '',
    surroundingAfter: '',
    diagnostics: [],
  }),
);

function compareModels(fakes: FakeProviders, configs: ModelConfig[]): CompareModel[] {
  return configs.map((config) => ({
    spec: modelSpecFrom(config),
    provider: createProvider({
      kind: config.provider === 'anthropic' ? 'anthropic' : 'openai',
      apiKey: KEY,
      baseUrl: config.provider === 'anthropic' ? fakes.anthropicBaseUrl : fakes.openaiBaseUrl,
      maxRetries: 0,
    }),
    request: providerRequestFrom(config, prompt),
  }));
}

describe('compare engine: fan-out through the real SDK adapters', function () {
  this.timeout(60_000);
  let fakes: FakeProviders;
  let configs: ModelConfig[];

  before(async () => {
    fakes = await startFakeProviders({ apiKey: KEY, defaultScript: { text: 'warm' } });
    const parsed = parseModelConfigs(
      DELAYS_MS.map((_, i) => ({ id: `m${i}`, provider: i % 2 === 0 ? 'openai' : 'anthropic', model: `fake-${i}`, maxTokens: 512 })),
    );
    assert.deepEqual(parsed.problems, []);
    configs = parsed.models;
    // Both SDKs load lazily on their first call (seconds, cold); load them now so import time does not skew the timings.
    const coldLimits = { firstTokenMs: 60_000, idleMs: 60_000, totalMs: 60_000 };
    const warmUp = await startComparison({ models: compareModels(fakes, configs), limits: coldLimits, requestHash: prompt.requestHash }).done;
    assert.deepEqual(warmUp.map((o) => o.state), DELAYS_MS.map(() => 'done'));
  });
  after(() => fakes.close());

  it('eight models with different latencies finish in about the time of the slowest', async () => {
    DELAYS_MS.forEach((delayMs, i) => fakes.setScript(`fake-${i}`, { delayMs, text: ANSWER, tokensPerSecond: 400, usage: { input: 120, output: 16 } }));
    const requestsBefore = fakes.requests.length;
    const started = Date.now();
    const run = startComparison({ models: compareModels(fakes, configs), limits: LIMITS, requestHash: prompt.requestHash });
    const outcomes = await run.done;
    const wallMs = Date.now() - started;

    assert.deepEqual(outcomes.map((o) => o.state), DELAYS_MS.map(() => 'done'));
    assert.ok(outcomes.every((o) => o.text === ANSWER));
    const slowest = Math.max(...DELAYS_MS);
    const sum = DELAYS_MS.reduce((a, b) => a + b, 0);
    assert.ok(wallMs >= slowest, `wall ${wallMs} ms ≥ slowest delay ${slowest} ms`);
    assert.ok(wallMs < sum, `wall ${wallMs} ms < sum of delays ${sum} ms: the models ran concurrently`);

    const ttfts = outcomes.map((o: ModelOutcome) => o.metrics.ttftMs ?? Number.NaN);
    outcomes.forEach((o, i) => {
      const m = o.metrics;
      assert.ok(ttfts[i]! >= DELAYS_MS[i]! - 2, `${o.modelId}: TTFT ${ttfts[i]} ms ≥ scripted delay ${DELAYS_MS[i]} ms`);
      assert.ok(m.totalMs !== undefined && m.totalMs >= ttfts[i]!, `${o.modelId}: total ${m.totalMs} ≥ TTFT`);
      assert.ok(m.tokensPerSecond !== undefined && m.tokensPerSecond > 0, `${o.modelId}: tokens/s ${m.tokensPerSecond}`);
      assert.equal(m.outputTokens, 16);
      assert.equal(m.inputTokens, 120);
      assert.equal(m.tokensEstimated, false);
    });
    DELAYS_MS.forEach((earlier, i) =>
      DELAYS_MS.forEach((later, j) => {
        if (later - earlier >= ORDER_GAP_MS) assert.ok(ttfts[j]! > ttfts[i]!, `TTFTs follow the delays ${DELAYS_MS.join(', ')}: ${ttfts.join(', ')}`);
      }),
    );

    // Every model got byte-identical input.
    const sent = fakes.requests.slice(requestsBefore).map((r) => r.body as { messages: Array<{ content: unknown }> });
    assert.equal(sent.length, DELAYS_MS.length);
    assert.deepEqual(new Set(sent.map((body) => body.messages.at(-1)?.content)), new Set([prompt.user]));
  });
});

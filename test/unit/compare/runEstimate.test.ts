import assert from 'node:assert/strict';
import { loadOpenAiTokenizer } from '../../../src/core/compare/openaiTokenizer';
import { DEFAULT_OUTPUT_BOUND, estimateRun, needsConfirmation, usesOpenAiTokenizer } from '../../../src/core/compare/runEstimate';
import { estimateTokens } from '../../../src/core/compare/tokenEstimate';
import { costRange, estimateSummary } from '../../../src/shared/estimateText';

const PROMPT = 'Selected code (lines 3–5):\n```ts\nfunction add(a: number, b: number): number {\n  return a - b;\n}\n```\nTask: find and fix the bug.';
const gpt = { priced: { entryId: 'gpt', model: 'gpt-4.1-mini', local: false }, provider: 'openai', maxTokens: 1000 };
const claude = { priced: { entryId: 'claude', model: 'claude-sonnet-4-5', local: false }, provider: 'anthropic' };
const local = { priced: { entryId: 'qwen', model: 'qwen2.5-coder', local: true }, provider: 'openai-compatible', maxTokens: 500 };

describe('run estimate (before sending)', () => {
  it('counts OpenAI-family prompts with the o200k tokenizer, loaded on demand', async () => {
    const counter = await loadOpenAiTokenizer();
    assert.ok(counter, 'gpt-tokenizer loads');
    // "hello world" is two o200k tokens; the heuristic would say 3 (5 + 5 chars at 4 a token).
    assert.equal(counter('hello world'), 2);
    assert.equal(counter('<|endoftext|>') > 0, true, 'special-token look-alikes are counted as text');
    const estimate = estimateRun(PROMPT, [gpt], {}, counter);
    assert.equal(estimate.models[0]?.counting, 'tokenizer');
    assert.equal(estimate.inputTokens, counter(PROMPT));
    assert.equal(estimate.heuristicModels, 0);
  });

  it('falls back to the heuristic for other families, and without a tokenizer, and says how many', async () => {
    const counter = await loadOpenAiTokenizer();
    const estimate = estimateRun(PROMPT, [gpt, claude], {}, counter);
    assert.deepEqual(estimate.models.map((m) => m.counting), ['tokenizer', 'heuristic']);
    assert.equal(estimate.models[1]?.inputTokens, estimateTokens(PROMPT));
    assert.equal(estimate.heuristicModels, 1);
    assert.equal(estimateRun(PROMPT, [gpt], {}, undefined).models[0]?.counting, 'heuristic');
  });

  it('bounds the output by maxTokens (else the documented default) and prices a range from input only to input + bound', () => {
    const prices = { 'gpt-4.1-mini': { inputPerMTok: 1, outputPerMTok: 10 } };
    const estimate = estimateRun(PROMPT, [gpt, { ...claude, maxTokens: undefined }], prices, () => 100);
    const [g, c] = estimate.models;
    assert.equal(g?.outputBound, 1000);
    assert.equal(g?.defaultBound, false);
    assert.equal(c?.outputBound, DEFAULT_OUTPUT_BOUND);
    assert.equal(c?.defaultBound, true);
    assert.equal(g?.costLowUsd, (100 * 1) / 1e6);
    assert.equal(g?.costHighUsd, (100 * 1 + 1000 * 10) / 1e6);
    assert.equal(estimate.outputBound, 1000 + DEFAULT_OUTPUT_BOUND);
    // Claude's default list price applies; both are summed.
    assert.ok(c?.costHighUsd !== undefined && c.costHighUsd > c.costLowUsd!);
    assert.equal(estimate.costHighUsd, (g?.costHighUsd ?? 0) + (c?.costHighUsd ?? 0));
    assert.equal(estimate.unknownPriceModels, 0);
  });

  it('leaves local models unpriced unless the user prices them', () => {
    assert.equal(estimateRun(PROMPT, [local], {}).costHighUsd, undefined);
    assert.equal(estimateRun(PROMPT, [local], {}).unknownPriceModels, 1);
    assert.equal(estimateRun(PROMPT, [local], { qwen: { inputPerMTok: 0, outputPerMTok: 0 } }).costHighUsd, 0);
  });

  it('asks above the threshold on the upper estimate only, never for an unknown price', () => {
    const prices = { 'gpt-4.1-mini': { inputPerMTok: 100, outputPerMTok: 1000 } };
    const expensive = estimateRun(PROMPT, [gpt], prices, () => 100); // 0.01 + 1.0
    assert.equal(needsConfirmation(expensive, 0.5), true);
    assert.equal(needsConfirmation(expensive, 2), false);
    assert.equal(needsConfirmation(estimateRun(PROMPT, [local], {}), 0), false);
    assert.equal(needsConfirmation(estimateRun(PROMPT, [local], { qwen: { inputPerMTok: 0, outputPerMTok: 0 } }), 0), false, 'a free run never asks');
  });

  it('recognises the OpenAI family by model id, also behind a router', () => {
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1-nano', 'gpt-5', 'o3', 'o4-mini', 'openai/gpt-4o']) assert.equal(usesOpenAiTokenizer(id), true, id);
    for (const id of ['claude-sonnet-4-5', 'deepseek-chat', 'qwen2.5-coder', 'omni-x', 'gpt-3.5-turbo']) assert.equal(usesOpenAiTokenizer(id), false, id);
  });

  it('writes every figure as an estimate', () => {
    assert.equal(costRange(0.0012, 0.082), '≈$0.0012–$0.082');
    assert.equal(costRange(0.5, 0.5), '≈$0.500');
    assert.equal(costRange(undefined, 1), undefined);
    assert.equal(
      estimateSummary({ inputTokens: 1500, outputTokens: 2000, costLowUsd: 0.001, costHighUsd: 2.5, models: 2, unknownPriceModels: 0, heuristicModels: 0 }),
      '≈1,500 in + ≤2,000 out tokens · ≈$0.0010–$2.50 for 2 models',
    );
  });
});

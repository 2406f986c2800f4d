/**
 * Repeat N before sending: the estimate of a run that asks every model N times multiplies each model's output bound
 * and cost range by N and says "×N" in the sidebar line, the progress title and the confirmation.
 */
import assert from 'node:assert/strict';
import { estimateRun, needsConfirmation, repeatedEstimate } from '../../../src/core/compare/runEstimate';
import { estimateFigures } from '../../../src/host/run/preRunEstimate';
import { estimateCaveats, estimateSummary } from '../../../src/shared/estimateText';
import { estimateLine, estimateTooltip } from '../../../src/webview/sidebar/sidebarFormat';

const PROMPT = 'Selected code:\n```js\nconst end = start + pageSize - 1;\n```\nTask: fix the bug.';
const gpt = { priced: { entryId: 'gpt', model: 'gpt-4.1-mini', local: false }, provider: 'openai', maxTokens: 1000 };
const local = { priced: { entryId: 'qwen', model: 'qwen2.5-coder', local: true }, provider: 'openai-compatible', maxTokens: 500 };
const prices = { 'gpt-4.1-mini': { inputPerMTok: 1, outputPerMTok: 10 } };

describe('repeat: the estimate × N', () => {
  it('repeat 3: output bounds and costs are three requests’ worth, the input stays the prompt’s size', () => {
    const one = estimateRun(PROMPT, [gpt, local], prices, () => 100);
    const three = repeatedEstimate(one, 3);
    assert.equal(three.samples, 3);
    assert.equal(three.inputTokens, one.inputTokens, 'the same prompt each time');
    assert.equal(three.outputBound, 3 * (1000 + 500));
    assert.deepEqual(three.models.map((m) => m.outputBound), [3000, 1500]);
    const close = (a: number | undefined, b: number) => assert.ok(a !== undefined && Math.abs(a - b) < 1e-12, `${a} ≈ ${b}`);
    close(three.costLowUsd, (3 * 100) / 1e6);
    close(three.costHighUsd, (3 * (100 + 1000 * 10)) / 1e6);
    close(three.models[0]?.costHighUsd, (3 * (100 + 1000 * 10)) / 1e6);
    assert.equal(three.models[1]?.costHighUsd, undefined, 'an unknown price stays unknown');
    assert.equal(three.unknownPriceModels, 1);
    assert.equal(repeatedEstimate(one, 1), one, 'one sample is the plain estimate');
  });

  it('repeat 3: the confirmation threshold applies to the cost of all samples', () => {
    const one = estimateRun(PROMPT, [gpt], prices, () => 100);
    const limit = (one.costHighUsd ?? 0) * 2;
    assert.equal(needsConfirmation(one, limit), false);
    assert.equal(needsConfirmation(repeatedEstimate(one, 3), limit), true, '×3 goes over a limit one request stays under');
  });

  it('repeat 3: the line says ×3, in the progress title / dialog and in the sidebar alike', () => {
    const one = estimateRun(PROMPT, [gpt], prices, () => 100);
    const host = estimateSummary(estimateFigures(repeatedEstimate(one, 3)));
    assert.match(host, /≤3,000 out tokens/);
    assert.match(host, /for 1 model ×3$/);
    assert.match(estimateCaveats(estimateFigures(repeatedEstimate(one, 3))), /answers 3 times/);
    assert.doesNotMatch(estimateSummary(estimateFigures(one)), /×/);

    const view = { inputTokens: one.inputTokens, costLowUsd: one.costLowUsd, costHighUsd: one.costHighUsd, unknownPriceModels: 0, template: 'fix' as const, outputTokens: one.outputBound, heuristicModels: 0, defaultBound: false };
    const sidebar = estimateLine(view, 1, 3);
    assert.equal(sidebar, `${host} · Fix prompt`, 'the sidebar multiplies the same way the host does');
    assert.match(estimateTooltip(view, 1, 3), /all 3 samples/);
    assert.doesNotMatch(estimateLine(view, 1), /×/);
  });
});

import assert from 'node:assert/strict';
import { MAX_MODELS } from '../../../src/shared/vocabulary';
import { diagnosticsChip, estimateLine, estimateTooltip, instructionField, runBlocker, selectionChip } from '../../../src/webview/sidebar/sidebarFormat';

describe('webview sidebar texts', () => {
  it('writes the estimate line: input and output bound, a cost range, the template, all marked as estimates', () => {
    const full = { inputTokens: 1234, costUsd: 0.0012, costLowUsd: 0.0012, costHighUsd: 0.082, outputTokens: 8192, unknownPriceModels: 1, heuristicModels: 1, template: 'refactor' as const };
    assert.equal(estimateLine(full, 3), '≈1,234 in + ≤8,192 out tokens · ≈$0.0012–$0.082 for 3 models (1 unknown price) · Refactor prompt');
    assert.equal(estimateLine({ inputTokens: 10, outputTokens: 4096, unknownPriceModels: 2 }, 2), '≈10 in + ≤4,096 out tokens · cost unknown for 2 models');
    assert.equal(estimateLine(null, 2), '');
    assert.equal(estimateLine({ inputTokens: 10, unknownPriceModels: 0 }, 0), '');
    assert.match(estimateTooltip(full, 3), /heuristic count/);
    assert.doesNotMatch(estimateTooltip({ ...full, heuristicModels: 0 }, 3), /heuristic/);
  });

  it('labels the selection and diagnostics chips', () => {
    const context = { filePath: 'src/lib/dates.ts', languageId: 'typescript', startLine: 12, endLine: 30, chars: 400, diagnosticsCount: 2, preview: '' };
    assert.equal(selectionChip(context), 'dates.ts:12–30');
    assert.equal(selectionChip({ ...context, filePath: 'C:\\w\\a.py', startLine: 5, endLine: 5 }), 'a.py:5');
    assert.equal(diagnosticsChip(1), '1 problem');
    assert.equal(diagnosticsChip(3), '3 problems');
  });

  it('shows the instruction box only where it means something', () => {
    assert.equal(instructionField('explain').shown, false);
    assert.equal(instructionField('tests').shown, false);
    assert.equal(instructionField('fix').required, false);
    assert.equal(instructionField('custom').required, true);
    assert.equal(instructionField('refactor').label, 'Refactoring goal');
  });

  it('says why Run is disabled', () => {
    const base = { running: false, selected: 2, template: 'fix' as const, instruction: '' };
    assert.equal(runBlocker(base), undefined);
    assert.match(runBlocker({ ...base, running: true }) ?? '', /running/);
    assert.match(runBlocker({ ...base, selected: 0 }) ?? '', /at least one/);
    assert.match(runBlocker({ ...base, selected: MAX_MODELS + 1 }) ?? '', new RegExp(`at most ${MAX_MODELS}`));
    assert.equal(runBlocker({ ...base, selected: MAX_MODELS }), undefined);
    assert.match(runBlocker({ ...base, template: 'custom' }) ?? '', /prompt/);
    assert.equal(runBlocker({ ...base, template: 'custom', instruction: 'why?' }), undefined);
  });
});

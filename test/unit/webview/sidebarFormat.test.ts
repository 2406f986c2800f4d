import assert from 'node:assert/strict';
import { MAX_MODELS } from '../../../src/shared/vocabulary';
import { diagnosticsChip, estimateLine, instructionField, runBlocker, selectionChip } from '../../../src/webview/sidebar/sidebarFormat';

describe('webview sidebar texts', () => {
  it('writes the estimate line with the unknown-price count', () => {
    assert.equal(estimateLine({ inputTokens: 1234, costUsd: 0.0042, unknownPriceModels: 1 }, 3), '~1,234 input tokens · ~$0.0042 for 3 models (1 unknown price)');
    assert.equal(estimateLine({ inputTokens: 10, costUsd: 0.5, unknownPriceModels: 0 }, 1), '~10 input tokens · ~$0.500 for 1 model');
    assert.equal(estimateLine({ inputTokens: 10, unknownPriceModels: 2 }, 2), '~10 input tokens · cost unknown for 2 models');
    assert.equal(estimateLine(null, 2), '');
    assert.equal(estimateLine({ inputTokens: 10, unknownPriceModels: 0 }, 0), '');
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

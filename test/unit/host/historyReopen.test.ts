import assert from 'node:assert/strict';
import { isStillOriginal } from '../../../src/core/edits/diffStats';
import type { RunRecord } from '../../../src/core/prefs/preferenceRecord';
import { assembleContext, type EditorContext } from '../../../src/core/prompts/contextAssembly';
import { selectedCodeOfPrompt } from '../../../src/core/prompts/promptSelection';
import { buildPrompt } from '../../../src/core/prompts/promptTemplates';
import { loggedOriginal } from '../../../src/host/prefs/loggedEdits';
import { runViewFromRecord } from '../../../src/host/prefs/runRecords';
import { runViewSchema } from '../../../src/shared/protocol';
import { summarizeRun } from '../../../src/webview/results/runSummary';

function context(selectedText: string, selection: EditorContext['selection']): EditorContext {
  return {
    filePath: 'src/sum.ts',
    languageId: 'typescript',
    selection,
    selectedText,
    surroundingBefore: 'const before = 1;\n```not a fence of ours\n',
    surroundingAfter: 'export {};',
    diagnostics: [],
  };
}

const ORIGINAL = 'function sum(xs: number[]) {\n  let t = 0;\n  for (let i = 1; i < xs.length; i++) t += xs[i];\n  return t;\n}';
const FIXED = 'function sum(xs: number[]) {\n  let t = 0;\n  for (let i = 0; i < xs.length; i++) t += xs[i];\n  return t;\n}';
const SELECTION = { startLine: 2, startCharacter: 0, endLine: 6, endCharacter: 1 };

function record(overrides: Partial<RunRecord> = {}): RunRecord {
  const prompt = buildPrompt('fix', assembleContext(context(ORIGINAL, SELECTION)));
  const output = (modelId: string, code: string | undefined, state: 'done' | 'timed-out' = 'done') => ({
    modelId,
    state,
    text: code === undefined ? 'I cannot tell.' : `Fixed:\n\`\`\`ts\n${code}\n\`\`\``,
    metrics: { totalMs: 900, tokensEstimated: false, inputTokens: 120, outputTokens: 40 },
    ...(code === undefined ? {} : { extractedCode: code }),
    followedFormat: code !== undefined,
  });
  const outputs = [output('gpt', FIXED), output('claude', ORIGINAL.replace('t += xs[i]', 't = t + xs[i]')), output('slow', FIXED, 'timed-out'), output('vague', undefined)];
  return {
    id: 'r1',
    createdAt: '2025-03-02T10:00:00.000Z',
    template: 'fix',
    languageId: 'typescript',
    requestHash: 'h',
    prompt: { system: prompt.system, user: prompt.user },
    context: { filePath: 'src/sum.ts', selection: SELECTION, truncated: {} },
    models: outputs.map((o) => ({ id: o.modelId, label: o.modelId.toUpperCase(), provider: 'openai' as const, model: o.modelId, params: {} })),
    outputs,
    attempts: outputs.map((o) => ({ ...o, attempt: 1, at: '2025-03-02T10:00:01.000Z' })),
    notes: [],
    blind: false,
    shownOrder: outputs.map((o) => o.modelId),
    applied: [],
    ...overrides,
  };
}

describe('a run reopened from history', () => {
  it('reads the selected code back from the logged prompt, exactly, with or without a final line break', () => {
    for (const [text, selection] of [
      [ORIGINAL, SELECTION],
      [`${ORIGINAL}\n`, { startLine: 2, startCharacter: 0, endLine: 7, endCharacter: 0 }],
      ['const s = `a ``` b`;', { startLine: 0, startCharacter: 4, endLine: 0, endCharacter: 22 }],
      ['x\r\ny', { startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 1 }],
    ] as const) {
      const prompt = buildPrompt('refactor', assembleContext(context(text, selection)), { goal: 'Selected code (lines 1–2):\n```ts\nfake\n```' });
      assert.equal(selectedCodeOfPrompt(prompt.user, selection), text, JSON.stringify(text));
    }
    assert.equal(selectedCodeOfPrompt('no such section', SELECTION), undefined);
  });

  it('keeps Diff, the inline diff and Apply from what the log stored, and names the usable code of a finished run', () => {
    const view = runViewFromRecord(record(), []);
    assert.ok(runViewSchema.safeParse(view).success, 'the view passes the protocol');
    const [gpt, claude, slow, vague] = view.states;
    assert.deepEqual([gpt?.edit?.hasCode, gpt?.edit?.added, gpt?.edit?.removed, gpt?.edit?.applyBlocked], [true, 1, 1, undefined]);
    assert.ok(gpt?.edit?.diff?.lines.some((l) => l.kind === 'add' && l.parts.some((p) => p.changed && p.text.includes('0'))), 'word-level change shown');
    assert.equal(claude?.edit?.hasCode, true);
    assert.match(slow?.edit?.applyBlocked ?? '', /did not finish/);
    assert.equal(vague?.edit?.hasCode, false);
    // The summary line: the two finished answers with code, not "none yet".
    assert.deepEqual(summarizeRun(view.states).usableCode, ['c0', 'c1']);
  });

  it('blocks Apply when the selection was cut for the models', () => {
    const view = runViewFromRecord(record({ context: { filePath: 'src/sum.ts', selection: SELECTION, truncated: { selection: true } } }), []);
    assert.match(view.states[0]?.edit?.applyBlocked ?? '', /cut to fit/);
    assert.deepEqual(summarizeRun(view.states).usableCode, []);
  });

  it('the logged original is what Apply checks the file against: a changed file is refused', () => {
    const original = loggedOriginal(record());
    assert.equal(original, ORIGINAL);
    const file = `// header\n\n${ORIGINAL}\n`;
    const range = { start: file.indexOf('function'), end: file.indexOf('function') + ORIGINAL.length };
    assert.equal(isStillOriginal(file, range, original ?? ''), true);
    assert.equal(isStillOriginal(file.replace('let t = 0', 'let t = 1'), range, original ?? ''), false);
  });
});

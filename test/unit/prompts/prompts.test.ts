import assert from 'node:assert/strict';
import { assembleContext, DEFAULT_CONTEXT_CAPS, isTruncated, type EditorContext } from '../../../src/core/prompts/contextAssembly';
import { buildPrompt } from '../../../src/core/prompts/promptTemplates';
import { TEMPLATE_IDS } from '../../../src/shared/vocabulary';
import { canonicalRequest, requestHash } from '../../../src/core/prompts/requestHash';
import { fenced } from '../../../src/core/prompts/codeFence';

function editorContext(overrides: Partial<EditorContext> = {}): EditorContext {
  return {
    filePath: 'src/paginate.ts',
    languageId: 'typescript',
    selection: { startLine: 9, startCharacter: 0, endLine: 11, endCharacter: 1 },
    selectedText: 'function page(items, n) {\n  return items.slice(n * 10, n * 10 + 11);\n}',
    surroundingBefore: 'import x from "y";\n',
    surroundingAfter: 'export { page };',
    diagnostics: [
      { severity: 'warning', message: 'unused variable', source: 'eslint', line: 10 },
      { severity: 'error', message: "Parameter 'items' implicitly has an 'any' type.", source: 'ts', code: 7006, line: 9 },
      { severity: 'error', message: 'far away problem', line: 40 },
    ],
    errorText: 'AssertionError: expected 10 items, got 11',
    ...overrides,
  };
}

describe('context assembly', () => {
  it('keeps only diagnostics on the selected lines, errors first', () => {
    const ctx = assembleContext(editorContext());
    assert.deepEqual(ctx.diagnostics.map((d) => d.message), ["Parameter 'items' implicitly has an 'any' type.", 'unused variable']);
    assert.deepEqual(ctx.truncations, []);
  });

  it('caps every part, keeps the lines nearest the selection, and reports each cut', () => {
    const before = Array.from({ length: 100 }, (_, i) => `before ${i}`).join('\n');
    const after = Array.from({ length: 100 }, (_, i) => `after ${i}`).join('\n');
    const ctx = assembleContext(
      editorContext({ selectedText: 'x'.repeat(500), surroundingBefore: before, surroundingAfter: after, wholeFile: 'y'.repeat(900), errorText: 'e'.repeat(300) }),
      { selectionChars: 100, surroundingLines: 5, wholeFileChars: 200, errorTextChars: 50, maxDiagnostics: 1 },
    );
    assert.equal(ctx.selectedText.length, 100);
    assert.equal(ctx.surroundingBefore.split('\n')[0], 'before 95');
    assert.equal(ctx.surroundingBefore.split('\n').at(-1), 'before 99');
    assert.equal(ctx.surroundingAfter.split('\n')[0], 'after 0');
    assert.equal(ctx.surroundingAfter.split('\n').length, 5);
    assert.equal(ctx.wholeFile?.length, 200);
    assert.equal(ctx.errorText?.length, 50);
    assert.equal(ctx.diagnostics.length, 1);
    assert.deepEqual(ctx.truncations.map((t) => t.part).sort(), ['diagnostics', 'errorText', 'selection', 'surroundingAfter', 'surroundingBefore', 'wholeFile']);
    assert.deepEqual(ctx.truncations.find((t) => t.part === 'selection'), { part: 'selection', unit: 'chars', original: 500, kept: 100 });
    assert.ok(isTruncated(ctx, 'wholeFile'));
  });

  it('says in the prompt what was truncated', () => {
    const ctx = assembleContext(editorContext({ selectedText: 'x'.repeat(500) }), { ...DEFAULT_CONTEXT_CAPS, selectionChars: 100 });
    const prompt = buildPrompt('fix', ctx);
    assert.match(prompt.user, /Selected code \(lines 10–12\) \(truncated: only the first 100 of 500 characters shown\)/);
    assert.deepEqual(prompt.truncations.map((t) => t.part), ['selection']);
  });
});

describe('prompt templates', () => {
  it('fix asks for the full revised selection in exactly one fenced block with the language tag', () => {
    const prompt = buildPrompt('fix', assembleContext(editorContext({ languageId: 'typescriptreact' })));
    assert.equal(prompt.templateId, 'fix');
    assert.match(prompt.user, /full revised selected code \(lines 10–12[^)]*\)/);
    assert.match(prompt.user, /in exactly one fenced code block tagged `tsx`/);
    assert.match(prompt.user, /Do not put any other code block/);
    assert.match(prompt.user, /line 10, error \[ts 7006\]: Parameter 'items'/);
    assert.match(prompt.user, /AssertionError: expected 10 items, got 11/);
    assert.doesNotMatch(prompt.user, /far away problem/);
    assert.deepEqual(prompt.messages, [{ role: 'user', content: prompt.user }]);
  });

  it('refactor asks for one fenced block and states the goal (with a default)', () => {
    const ctx = assembleContext(editorContext());
    const withGoal = buildPrompt('refactor', ctx, { goal: 'Extract the page size into a parameter.' });
    assert.match(withGoal.user, /Goal: Extract the page size into a parameter\./);
    assert.match(withGoal.user, /exactly one fenced code block tagged `typescript`/);
    assert.match(buildPrompt('refactor', ctx).user, /Goal: Improve readability/);
    assert.doesNotMatch(withGoal.user, /AssertionError/, 'error output belongs to fix/custom only');
  });

  it('explain and tests do not ask for a single revised block', () => {
    const ctx = assembleContext(editorContext());
    for (const id of ['explain', 'tests'] as const) {
      const prompt = buildPrompt(id, ctx, { testFramework: 'mocha' });
      assert.doesNotMatch(prompt.user, /exactly one fenced code block/);
    }
    assert.match(buildPrompt('tests', ctx, { testFramework: 'mocha' }).user, /using mocha/);
  });

  it('custom sends the user text with the context, and needs that text', () => {
    const ctx = assembleContext(editorContext());
    assert.match(buildPrompt('custom', ctx, { userText: 'Make it generic over T.' }).user, /Task: Make it generic over T\.\n?$/);
    assert.throws(() => buildPrompt('custom', ctx, { userText: '  ' }), /needs the user's request/);
  });

  it('fences code that itself contains backticks with a longer fence', () => {
    const block = fenced('const s = ```md```;', 'typescript');
    assert.ok(block.startsWith('````typescript\n'));
    assert.ok(block.endsWith('\n````'));
    const prompt = buildPrompt('explain', assembleContext(editorContext({ selectedText: 'const md = `\n```\ncode\n```\n`;' })));
    assert.match(prompt.user, /````typescript\nconst md = `\n```\ncode\n```\n`;\n````/);
  });

  it('every template builds, with the shared system prompt', () => {
    const ctx = assembleContext(editorContext());
    for (const id of TEMPLATE_IDS) {
      const prompt = buildPrompt(id, ctx, { userText: 'Do it.' });
      assert.equal(prompt.templateId, id);
      assert.ok(prompt.system.length > 20);
      assert.match(prompt.user, /File: src\/paginate\.ts \(typescript\), lines 10–12 selected\./);
    }
  });
});

describe('request hash', () => {
  it('is identical for identical input and a 64-char hex sha256', () => {
    const a = buildPrompt('fix', assembleContext(editorContext()));
    const b = buildPrompt('fix', assembleContext(editorContext()));
    assert.equal(a.requestHash, b.requestHash);
    assert.match(a.requestHash, /^[0-9a-f]{64}$/);
    assert.equal(a.requestHash, requestHash({ system: a.system, messages: a.messages }));
  });

  it('changes when the selection, the template or any byte changes', () => {
    const base = buildPrompt('fix', assembleContext(editorContext())).requestHash;
    const moved = buildPrompt('fix', assembleContext(editorContext({ selection: { startLine: 8, startCharacter: 0, endLine: 11, endCharacter: 1 } }))).requestHash;
    const edited = buildPrompt('fix', assembleContext(editorContext({ selectedText: editorContext().selectedText + ' ' }))).requestHash;
    const other = buildPrompt('explain', assembleContext(editorContext())).requestHash;
    assert.equal(new Set([base, moved, edited, other]).size, 4);
  });

  it('distinguishes an absent system prompt from an empty one, and role from content', () => {
    const messages = [{ role: 'user' as const, content: 'hi' }];
    assert.notEqual(requestHash({ messages }), requestHash({ system: '', messages }));
    assert.notEqual(
      requestHash({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }),
      requestHash({ messages: [{ role: 'user', content: 'ab' }] }),
    );
    assert.equal(canonicalRequest({ system: 's', messages }), '{"system":"s","messages":[{"role":"user","content":"hi"}]}');
  });
});

/**
 * Multi-file answers (issue 9, item 5): a model answers with a change to the code and its test; the column lists
 * both files, "Review 2 files" opens VS Code's multi-file diff editor, Apply writes both files as one edit and one
 * Undo reverts both. A second model that proposes ../outside.txt is refused, and the column says so.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { documentText } from './harness/editorProbes';
import { type LoopModel, restoreDefaultModels, streamed, useScriptedModels } from './harness/loopModels';
import { clickColumnButton, columnOf, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareSelection } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const CODE = 'src/pagination.js';
const TEST = 'test/pagination.test.js';
const MULTI_GPT: LoopModel = { id: 'multi-gpt', label: 'Multi GPT', model: 'multi-gpt-1', provider: 'openai-compatible' };
const ESCAPE_CLAUDE: LoopModel = { id: 'escape-claude', label: 'Escape Claude', model: 'escape-claude-1', provider: 'anthropic' };

const fixAndTest = [
  'The end index is off by one. Here is the fix, and a test that pins the second page:',
  '',
  '```diff',
  `--- a/${CODE}`,
  `+++ b/${CODE}`,
  '@@ -13,3 +13,3 @@',
  '   const start = (current - 1) * pageSize;',
  '-  const end = start + pageSize - 1;',
  '+  const end = start + pageSize;',
  '   return {',
  `--- a/${TEST}`,
  `+++ b/${TEST}`,
  '@@ -11,3 +11,7 @@',
  " test('the last page holds the remainder', () => {",
  "   assert.deepEqual(paginate(letters, 3, 3).items, ['g']);",
  ' });',
  '+',
  "+test('the second page starts where the first ended', () => {",
  "+  assert.deepEqual(paginate(letters, 2, 3).items, ['d', 'e', 'f']);",
  '+});',
  '```',
].join('\n');

const escape = ['Write the notes next to the project:', '', '`../outside.txt`:', '```text', 'written outside the workspace', '```'].join('\n');

describe('multi-file answers: review and apply a change to the code and its test', () => {
  after(async function () {
    this.timeout(60_000);
    await restoreDefaultModels(e2e());
  });

  it('lists both files, reviews them in the multi-file diff editor, applies both and one Undo reverts both; ../outside.txt is refused', async function () {
    this.timeout(180_000);
    const session = e2e();
    const { workbench, workspaceDir } = session;
    const originalCode = readFileSync(join(workspaceDir, CODE), 'utf8');
    const originalTest = readFileSync(join(workspaceDir, TEST), 'utf8');
    const outside = join(dirname(workspaceDir), 'outside.txt');
    await useScriptedModels(session, [
      [MULTI_GPT, streamed(100, 300, fixAndTest)],
      [ESCAPE_CLAUDE, streamed(150, 300, escape)],
    ]);
    await compareSelection(session);
    const frame = await resultsFrameWith(workbench, [MULTI_GPT.label, ESCAPE_CLAUDE.label]);
    await waitForStates(frame, { [MULTI_GPT.label]: 'done', [ESCAPE_CLAUDE.label]: 'done' });

    // The column lists the two files with their line counts.
    const multi = frame.locator(columnOf(MULTI_GPT.label));
    const files = multi.locator('[data-testid="patch-file"]');
    await waitFor(async () => (await files.count()) === 2, { what: 'the two files in the column', timeoutMs: 15_000 });
    assert.deepEqual((await files.allTextContents()).map((t) => t.replace(/\s+/g, ' ')), [`edit${CODE}+1 −1`, `edit${TEST}+4 −0`]);
    assert.equal((await multi.locator('[data-testid="review-files"]').textContent())?.trim(), 'Review 2 files');

    // The other column's path is refused by name, and its Apply is off.
    const escaping = frame.locator(columnOf(ESCAPE_CLAUDE.label));
    const refusal = escaping.locator('[data-testid="patch-refusal"]');
    await refusal.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await refusal.textContent()) ?? '', /Refused "\.\.\/outside\.txt": it escapes the workspace through "\.\."/);
    assert.equal(await escaping.locator('[data-testid="apply"]').isEnabled(), false, 'Apply is off for a refused patch set');
    assert.equal(await escaping.locator('[data-testid="review-files"]').isVisible(), false, 'nothing to review');
    await workbench.screenshot('multi-file-columns');

    // Review: the multi-file diff editor, titled after the column, showing both files.
    await clickColumnButton(frame, MULTI_GPT.label, 'review-files');
    const title = `Changes by ${MULTI_GPT.label} (2 files)`;
    await waitFor(async () => (await workbench.tabLabels()).includes(title), { what: `a multi-file diff tab titled "${title}"`, timeoutMs: 20_000 });
    const multiDiff = workbench.page.locator('.multiDiffEditor').first();
    await multiDiff.waitFor({ state: 'visible', timeout: 20_000 });
    await waitFor(async () => {
      const text = (await multiDiff.textContent()) ?? '';
      return text.includes('pagination.js') && text.includes('pagination.test.js');
    }, { what: 'both files in the multi-file diff editor', timeoutMs: 20_000 });
    await waitFor(async () => (await multiDiff.locator('.line-insert, .char-insert').count()) > 0, { what: 'the diff to mark inserted lines', timeoutMs: 20_000 });
    await workbench.screenshot('multi-file-review-diff-editor');

    // Apply: both files change, on disk, in one edit.
    await clickColumnButton(frame, MULTI_GPT.label, 'apply');
    await waitFor(
      () => readFileSync(join(workspaceDir, CODE), 'utf8').includes('const end = start + pageSize;\n') && readFileSync(join(workspaceDir, TEST), 'utf8').includes('the second page starts'),
      { what: 'both files to be written', timeoutMs: 20_000 },
    );
    assert.equal(readFileSync(join(workspaceDir, CODE), 'utf8'), originalCode.replace('const end = start + pageSize - 1;', 'const end = start + pageSize;'));
    assert.equal(existsSync(outside), false, 'nothing was written outside the workspace');
    await workbench.screenshot('multi-file-applied');

    // One Undo reverts both (VS Code asks whether to undo across both files: yes).
    await workbench.focusTab('pagination.js');
    await workbench.editorKeys('Control+z');
    const acrossFiles = workbench.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in 2 Files/ });
    await waitFor(
      async () => {
        if (await acrossFiles.isVisible()) await acrossFiles.click();
        const [code, test] = await Promise.all([documentText(session, CODE), documentText(session, TEST)]);
        return code.text === originalCode && test.text === originalTest;
      },
      { what: 'one undo to revert both files', timeoutMs: 20_000 },
    );
    // Saving is repeated until both files are on disk (a palette click can land while the undo dialog closes).
    await workbench.runCommand('File: Save All Files', {
      until: () => readFileSync(join(workspaceDir, CODE), 'utf8') === originalCode && readFileSync(join(workspaceDir, TEST), 'utf8') === originalTest,
      what: 'the reverted files to be saved',
      idempotent: true,
      timeoutMs: 30_000,
    });
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForNewRun, watchRuns } from './harness/companionOutput';
import { documentText } from './harness/editorProbes';
import {
  answerWith,
  BROKEN_GPT,
  CLAMPED_END,
  EXCLUSIVE_END,
  ORIGINAL_SELECTION,
  QUICK_GPT,
  restoreDefaultModels,
  SLOW_GPT,
  STEADY_CLAUDE,
  streamed,
  useScriptedModels,
} from './harness/loopModels';
import { clickColumnButton, type ColumnReading, displayTolerance, parseDuration, readColumns, resultsFrameWith, waitForStates } from './harness/resultsFrame';
import { compareSelection } from './harness/compareSelection';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

const FILE = 'src/pagination.js';
/** The three models in panel order, with the scripted time to their first byte; all stream at the same speed. */
const TIMED = [
  { m: QUICK_GPT, delayMs: 300 },
  { m: STEADY_CLAUDE, delayMs: 900 },
  { m: SLOW_GPT, delayMs: 1500 },
] as const;
const TOKENS_PER_SECOND = 6;

describe('comparison loop: three streaming models, metrics, diff, apply and undo', () => {
  before(async function () {
    this.timeout(120_000);
    const session = e2e();
    await watchRuns(session.outDir);
  });
  after(async function () {
    this.timeout(60_000);
    await restoreDefaultModels(e2e());
  });

  it('streams three columns whose TTFT and total are at least the scripted delays; Diff, Apply and one undo work', async function () {
    this.timeout(120_000);
    const session = e2e();
    const { workbench, outDir, workspaceDir } = session;
    const fix = answerWith('The slice end is exclusive, so `- 1` drops the last item of every page.', EXCLUSIVE_END);
    const clamp = answerWith('Clamp the end to the item count.', CLAMPED_END);
    await useScriptedModels(session, TIMED.map(({ m, delayMs }) => [m, streamed(delayMs, TOKENS_PER_SECOND, m === SLOW_GPT ? clamp : fix)] as const));
    const original = readFileSync(join(workspaceDir, FILE), 'utf8');
    assert.ok(original.includes(ORIGINAL_SELECTION), 'the fixture holds the selected lines');

    const known = await compareSelection(e2e());
    const labels = TIMED.map(({ m }) => m.label);
    const frame = await resultsFrameWith(workbench, labels);

    // Watch the columns while they stream: when each starts streaming, and a partial answer in each.
    const firstStreamingAt = new Map<string, number>();
    const partial = new Map<string, ColumnReading>();
    const final = await waitFor(
      async () => {
        const columns = await readColumns(frame);
        for (const c of columns) {
          if (c.state !== 'streaming') continue;
          if (!firstStreamingAt.has(c.label)) firstStreamingAt.set(c.label, Date.now());
          if (c.answer !== '' && !partial.has(c.label)) partial.set(c.label, c);
        }
        return columns.every((c) => c.state === 'done') ? columns : undefined;
      },
      { what: 'all three columns to finish', timeoutMs: 30_000, intervalMs: 50 },
    );
    for (const label of labels) {
      const seen = partial.get(label);
      const done = final.find((c) => c.label === label);
      assert.ok(seen && done, `${label} was seen streaming with a partial answer`);
      assert.ok(seen.answer.length < done.answer.length, `${label}: the streamed answer grew (${seen.answer.length} < ${done.answer.length} chars)`);
    }
    // The displayed metrics, checked against the scripted delays and against the run report of the host.
    const run = await waitForNewRun(outDir, known);
    assert.equal(run.template, 'fix');
    const byId = new Map(run.outcomes.map((o) => [o.modelId, o]));
    for (const { m, delayMs: delay } of TIMED) {
      const shown = final.find((c) => c.label === m.label);
      const outcome = byId.get(m.id);
      assert.ok(shown && outcome, `${m.label} has a column and an outcome`);
      assert.equal(outcome.state, 'done', `${m.id}: ${outcome.error?.message ?? ''}`);
      const ttft = parseDuration(shown.ttft);
      const total = parseDuration(shown.total);
      assert.ok(ttft !== undefined && ttft >= delay, `${m.label}: shown TTFT "${shown.ttft}" >= ${delay} ms`);
      assert.ok(total !== undefined && total >= delay && total >= ttft, `${m.label}: shown total "${shown.total}" >= TTFT and >= ${delay} ms`);
      assert.ok(ttft < delay + 10_000 && total < delay + 20_000, `${m.label}: metrics within generous upper bounds`);
      const reported = { ttft: outcome.metrics.ttftMs ?? -1, total: outcome.metrics.totalMs ?? -1 };
      assert.ok(reported.ttft >= delay, `${m.id}: reported TTFT ${reported.ttft} >= ${delay}`);
      assert.ok(Math.abs(ttft - reported.ttft) <= displayTolerance(reported.ttft), `${m.label}: shown TTFT ${shown.ttft} matches the reported ${reported.ttft} ms`);
      assert.ok(Math.abs(total - reported.total) <= displayTolerance(reported.total), `${m.label}: shown total ${shown.total} matches the reported ${reported.total} ms`);
    }
    const firstTokens = TIMED.map(({ m }) => byId.get(m.id)?.metrics.firstTokenAt ?? Infinity);
    assert.ok(firstTokens.every((t, i) => i === 0 || t > (firstTokens[i - 1] ?? Infinity)), `first tokens arrive in the scripted order: ${firstTokens.join(' < ')}`);

    // "Diff" opens VS Code's own diff editor: the original selection ↔ this answer's code.
    await clickColumnButton(frame, QUICK_GPT.label, 'diff-original');
    const diffTitle = `Original ↔ ${QUICK_GPT.label}`;
    await workbench.page.waitForSelector('.editor-instance .monaco-diff-editor', { state: 'visible', timeout: 20_000 });
    await waitFor(async () => (await workbench.tabLabels()).includes(diffTitle), { what: `a tab titled "${diffTitle}"`, timeoutMs: 20_000 });
    // Without the side bar the three columns fit beside the diff.
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
    await workbench.screenshot('results-three-columns');
    await workbench.runCommand('View: Toggle Primary Side Bar Visibility');

    // Apply replaces the selection in the document; one undo restores it exactly.
    await clickColumnButton(frame, QUICK_GPT.label, 'apply');
    const applied = original.replace(ORIGINAL_SELECTION, EXCLUSIVE_END.join('\n'));
    const changed = await waitFor(
      async () => {
        const doc = await documentText(session, FILE);
        return doc.text === applied ? doc : undefined;
      },
      { what: 'Apply to change the document', timeoutMs: 20_000 },
    );
    assert.equal(changed.isDirty, true, 'the applied change is an unsaved edit of the document');
    await workbench.screenshot('apply-applied');
    await workbench.focusTab('pagination.js');
    await workbench.editorKeys('Control+Z');
    await waitFor(async () => (await documentText(session, FILE)).text === original, { what: 'one undo to restore the document', timeoutMs: 20_000 });
    // The dirty flag reaches the extension host after the text: the undo went back to the saved version.
    await waitFor(async () => !(await documentText(session, FILE)).isDirty, { what: 'the restored document to be clean', timeoutMs: 10_000 });
    assert.equal(readFileSync(join(workspaceDir, FILE), 'utf8'), original, 'nothing was saved to disk');
    await workbench.screenshot('apply-undone');
  });

  it('a failing model shows its error in its column while the others finish', async () => {
    const session = e2e();
    const { workbench, outDir } = session;
    const fix = answerWith('Drop the `- 1`.', EXCLUSIVE_END);
    await useScriptedModels(session, [
      [QUICK_GPT, streamed(100, 200, fix)],
      [STEADY_CLAUDE, streamed(200, 200, fix)],
      [BROKEN_GPT, { delayMs: 100, fault: { type: 'status', status: 401, message: 'Incorrect API key provided for the broken fake.' } }],
    ]);
    const known = await compareSelection(e2e());
    const frame = await resultsFrameWith(workbench, [QUICK_GPT.label, STEADY_CLAUDE.label, BROKEN_GPT.label]);
    const columns = await waitForStates(frame, { [QUICK_GPT.label]: 'done', [STEADY_CLAUDE.label]: 'done', [BROKEN_GPT.label]: 'error' });
    const broken = columns.find((c) => c.label === BROKEN_GPT.label);
    assert.ok(broken?.error, 'the failing column shows an error');
    assert.match(broken.error, /key|auth|401/i, `the error says what went wrong: ${broken.error}`);
    for (const c of columns.filter((x) => x.label !== BROKEN_GPT.label)) assert.equal(c.error, undefined, `${c.label} shows no error`);

    const run = await waitForNewRun(outDir, known);
    const outcome = run.outcomes.find((o) => o.modelId === BROKEN_GPT.id);
    assert.equal(outcome?.state, 'error');
    assert.equal(outcome.error?.kind, 'auth');
    assert.deepEqual(run.outcomes.filter((o) => o.state === 'done').map((o) => o.modelId).sort(), [QUICK_GPT.id, STEADY_CLAUDE.id].sort());
    await workbench.screenshot('fault-column');
  });
});

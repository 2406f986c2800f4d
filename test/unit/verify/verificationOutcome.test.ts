import assert from 'node:assert/strict';
import { judge, readBaseline, type CheckRun } from '../../../src/core/verify/verificationOutcome';
import { passingSummary, verificationLines } from '../../../src/webview/results/verificationText';

const tap = (failing: string[]): string => [...failing.map((n, i) => `not ok ${i + 1} - ${n}`), `# pass 2`, `# fail ${failing.length}`].join('\n');
const exited = (exitCode: number, output: string): CheckRun => ({ exitCode, durationMs: 1234.4, output, ended: 'exited' });

describe('verification outcome against the baseline', () => {
  const baseline = readBaseline(exited(1, tap(['full page'])));
  it('passed, still failing, broke (names a test that did not fail on the baseline)', () => {
    assert.equal(judge(exited(0, tap([])), 'tests', baseline).state, 'passed');
    const still = judge(exited(1, tap(['full page'])), 'tests', baseline);
    assert.equal(still.state, 'failing');
    assert.deepEqual(still.failing, ['full page']);
    assert.equal(still.baselineFailed, true);
    assert.equal(still.durationMs, 1234);
    const broke = judge(exited(1, tap(['empty page'])), 'tests', baseline);
    assert.equal(broke.state, 'broke');
    assert.deepEqual(broke.broke, ['empty page']);
  });
  it('error when the command cannot run, timed out and cancelled', () => {
    assert.equal(judge(exited(127, 'sh: 1: npm: not found'), 'tests', baseline).state, 'error');
    assert.equal(judge({ exitCode: undefined, durationMs: 5, output: '', ended: 'spawn-failed', error: 'ENOENT' }, 'tests', baseline).message, 'ENOENT');
    assert.equal(judge({ exitCode: undefined, durationMs: 5, output: '', ended: 'timed-out' }, 'tests', baseline).state, 'timed-out');
    assert.equal(judge({ exitCode: undefined, durationMs: 5, output: '', ended: 'cancelled' }, 'tests', baseline).state, 'cancelled');
  });
  it('an error-count check compares with the baseline’s count', () => {
    const base = readBaseline(exited(2, 'a.ts(1,1): error TS1: x\nb.ts(1,1): error TS2: y\n'));
    const fewer = judge(exited(2, 'a.ts(1,1): error TS1: x\n'), 'errors', base);
    assert.deepEqual([fewer.state, fewer.errors, fewer.baselineErrors], ['failing', 1, 2]);
    assert.equal(judge(exited(2, 'a: error TS1: x\nb: error TS1: x\nc: error TS1: x\n'), 'errors', base).state, 'broke');
    const clean = judge(exited(0, ''), 'errors', base);
    assert.deepEqual([clean.state, clean.errors], ['passed', 0]);
    assert.equal(verificationLines({ ...clean, command: 'tsc', reason: 'r', hasOutput: true }).errors, "0 errors (−2 vs the original's 2)");
  });
  it('what a column and the summary read', () => {
    const lines = verificationLines({ state: 'broke', command: 'npm test', reason: 'r', failing: ['a', 'b'], broke: ['b'], durationMs: 1500, passedCount: 1, failedCount: 2, hasOutput: true });
    assert.equal(lines.state, 'broke something');
    assert.equal(lines.failing, 'Failing: a');
    assert.equal(lines.broke, 'Broke (passed before): b');
    assert.equal(lines.counts, '1 passed, 2 failed');
    const v = (state: 'passed' | 'failing' | 'running') => ({ state, command: 'c', reason: 'r', failing: [], broke: [], hasOutput: false });
    assert.equal(passingSummary([{ label: 'A', v: v('passed') }, { label: 'B', v: v('failing') }, { label: 'C', v: v('passed') }]), 'A, C');
    assert.equal(passingSummary([{ label: 'A', v: v('failing') }]), 'none');
    assert.equal(passingSummary([{ label: 'A', v: v('running') }, { label: 'B', v: undefined }]), undefined);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectCheck } from '../../../src/core/verify/checkDetection';
import type { Verification } from '../../../src/core/verify/verificationOutcome';
import { runVerification } from '../../../src/core/verify/verificationRunner';
import { BREAKING_LINES, BROKEN_TEST, BUGGY_FILE, FAILING_TEST, FIXED_LINES, makeVerifyRepo, repoFingerprint, UNFIXED_LINES, withLines } from './verifyRepoFixture';

describe('verification of three candidates in the fixture repository', () => {
  it('one passes, one still fails the same test, one breaks a test that passed on the baseline; the repository is untouched', async function () {
    this.timeout(90_000);
    const repo = makeVerifyRepo();
    const root = mkdtempSync(join(tmpdir(), 'parallax-verify-run-'));
    const before = repoFingerprint(repo);
    const check = detectCheck('', { exists: () => false, read: (p) => (p === 'package.json' ? '{"scripts":{"test":"node --test test/"}}' : undefined) });
    assert.ok(check);
    assert.equal(check.command, 'npm test');
    const results = new Map<string, Verification>();
    const started: string[] = [];
    await runVerification(
      {
        folder: repo,
        checkoutRoot: root,
        check,
        candidates: new Map([
          ['fixes', [{ relPath: BUGGY_FILE, content: withLines(repo, FIXED_LINES) }]],
          ['unfixed', [{ relPath: BUGGY_FILE, content: withLines(repo, UNFIXED_LINES) }]],
          ['breaks', [{ relPath: BUGGY_FILE, content: withLines(repo, BREAKING_LINES) }]],
        ]),
        concurrency: 2,
        timeoutMs: 60_000,
        signal: new AbortController().signal,
      },
      { started: (key) => started.push(key), finished: (key, v) => results.set(key, v) },
    );
    assert.deepEqual([...started].sort(), ['baseline', 'breaks', 'fixes', 'unfixed'], 'the baseline and every candidate ran');
    const fixes = results.get('fixes');
    const unfixed = results.get('unfixed');
    const breaks = results.get('breaks');
    assert.equal(fixes?.state, 'passed', JSON.stringify(fixes));
    assert.equal(fixes.exitCode, 0);
    assert.equal(fixes.passedCount, 3, 'the tiny-pad test passes too: node_modules was linked');
    assert.equal(unfixed?.state, 'failing', JSON.stringify(unfixed));
    assert.deepEqual(unfixed.failing, [FAILING_TEST]);
    assert.deepEqual(unfixed.broke, []);
    assert.equal(unfixed.baselineFailed, true);
    assert.equal(breaks?.state, 'broke', JSON.stringify(breaks));
    assert.deepEqual(breaks.broke, [BROKEN_TEST]);
    assert.deepEqual(breaks.failing, [BROKEN_TEST]);
    assert.deepEqual(repoFingerprint(repo), before, 'status, stash, refs, index and worktrees are unchanged');
    assert.deepEqual(readdirSync(root), [], 'every checkout was removed');
    rmSync(root, { recursive: true, force: true });
  });

  it('cancelling stops the checks and reports each candidate as cancelled', async function () {
    this.timeout(60_000);
    const repo = makeVerifyRepo();
    const root = mkdtempSync(join(tmpdir(), 'parallax-verify-cancel-'));
    const abort = new AbortController();
    const results = new Map<string, Verification>();
    await runVerification(
      {
        folder: repo,
        checkoutRoot: root,
        check: { command: 'node -e "setInterval(() => {}, 1000)"', reason: 'test', kind: 'tests', configured: true },
        candidates: new Map([['a', []], ['b', []]]),
        concurrency: 3,
        timeoutMs: 60_000,
        signal: abort.signal,
      },
      { started: (key) => key === 'b' && abort.abort(), finished: (key, v) => results.set(key, v) },
    );
    assert.deepEqual([...results.values()].map((v) => v.state), ['cancelled', 'cancelled']);
    assert.deepEqual(readdirSync(root), []);
    rmSync(root, { recursive: true, force: true });
  });
});

import assert from 'node:assert/strict';
import type { VerificationView } from '../../../src/shared/verificationProtocol';
import { hostToResultsSchema, resultsToHostSchema } from '../../../src/shared/protocol';
import { SampleVerifications } from '../../../src/webview/results/sampleVerifications';

const view = (state: VerificationView['state']): VerificationView => ({ state, command: 'npm test', reason: 'test script', failing: [], broke: [], hasOutput: false });

describe('SampleVerifications: each sample of a column keeps its own check', () => {
  it('returns the check of the asked sample only', () => {
    const checks = new SampleVerifications();
    checks.set('c1', 1, view('passed'));
    assert.equal(checks.of('c1', 1)?.state, 'passed');
    assert.equal(checks.of('c1', 2), undefined, 'sample 2 was not checked');
    checks.set('c1', 2, view('failing'));
    assert.equal(checks.of('c1', 2)?.state, 'failing');
    assert.equal(checks.of('c1', 1)?.state, 'passed', 'checking sample 2 leaves sample 1’s check');
    assert.equal(checks.of('c2', 1), undefined);
  });

  it('says when a check is queued or running on any sample', () => {
    const checks = new SampleVerifications();
    assert.equal(checks.anyActive, false);
    checks.set('c1', 1, view('passed'));
    checks.set('c1', 3, view('running'));
    assert.equal(checks.anyActive, true);
    checks.set('c1', 3, view('failing'));
    assert.equal(checks.anyActive, false);
    checks.set('c2', 1, view('queued'));
    checks.clear();
    assert.equal(checks.anyActive, false);
    assert.equal(checks.of('c1', 1), undefined);
  });

  it('the verification message carries its sample, within Repeat N’s bounds', () => {
    const message = { type: 'verification', runId: 'r1', columnId: 'c1', verification: view('passed') };
    assert.equal(hostToResultsSchema.safeParse({ ...message, sample: 2 }).success, true);
    assert.equal(hostToResultsSchema.safeParse(message).success, true, 'absent: sample 1');
    assert.equal(hostToResultsSchema.safeParse({ ...message, sample: 0 }).success, false);
    assert.equal(hostToResultsSchema.safeParse({ ...message, sample: 11 }).success, false);
    const open = { type: 'openVerifyOutput', columnId: 'c1' };
    assert.equal(resultsToHostSchema.safeParse({ ...open, sample: 3 }).success, true);
    assert.equal(resultsToHostSchema.safeParse({ ...open, sample: 1.5 }).success, false);
  });
});

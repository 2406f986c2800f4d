import assert from 'node:assert/strict';
import { errorCount, failingTestNames, testCounts } from '../../../src/core/verify/outputParsers';

describe('check output parsers', () => {
  it('TAP (node:test piped), skipping the file entry and skipped tests', () => {
    const out = ['TAP version 13', '# Subtest: /tmp/x/test/a.test.js', '    not ok 1 - adds numbers', '    ok 2 - subtracts', '    not ok 3 - todo one # TODO later', 'not ok 1 - /tmp/x/test/a.test.js', '# pass 1', '# fail 1'].join('\n');
    assert.deepEqual(failingTestNames(out), ['adds numbers']);
    assert.deepEqual(testCounts(out), { passed: 1, failed: 1 });
  });
  it('node:test spec reporter, jest and vitest marks', () => {
    assert.deepEqual(failingTestNames('✔ ok one (1.2ms)\n✖ breaks things (0.8ms)\n'), ['breaks things']);
    assert.deepEqual(failingTestNames('  ✓ works (3 ms)\n  ✕ fails hard (12 ms)\n'), ['fails hard']);
    assert.deepEqual(failingTestNames(' × vitest fails 5ms\n'), ['vitest fails']);
  });
  it('mocha inline failures, not the repeated details', () => {
    const out = ['  suite', '    ✔ passes', '    1) fails one', '', '  1 passing (4ms)', '  1 failing', '', '  1) suite', '       fails one:', '     AssertionError'].join('\n');
    assert.deepEqual(failingTestNames(out), ['fails one']);
    assert.deepEqual(testCounts(out), { passed: 1, failed: 1 });
  });
  it('pytest, cargo and go', () => {
    assert.deepEqual(failingTestNames('FAILED tests/test_page.py::test_full_page - assert 1 == 2\n== 1 failed, 3 passed in 0.1s =='), ['tests/test_page.py::test_full_page']);
    assert.deepEqual(failingTestNames('test pages::full ... FAILED\ntest pages::empty ... ok\n'), ['pages::full']);
    assert.deepEqual(failingTestNames('--- FAIL: TestPaginate (0.00s)\n    --- FAIL: TestPaginate/full (0.00s)\nFAIL\n'), ['TestPaginate', 'TestPaginate/full']);
  });
  it('nothing findable gives no names; ANSI colours are ignored', () => {
    assert.deepEqual(failingTestNames('Error: something exploded\n'), []);
    assert.deepEqual(failingTestNames('\u001b[31m✖ coloured failure\u001b[39m\n'), ['coloured failure']);
  });
  it('error counts of tsc and eslint', () => {
    assert.equal(errorCount("src/a.ts(1,7): error TS2322: Type 'string'…\nsrc/b.ts(2,1): error TS2304: Cannot find name\n"), 2);
    assert.equal(errorCount('✖ 5 problems (3 errors, 2 warnings)'), 3);
    assert.equal(errorCount('all good'), undefined);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { e2e } from './harness/rootHooks';

// The harness's own editor helpers, checked against the fixture's text, so other tests can rely on them.
describe('harness', () => {
  it('opens a workspace file through Quick Open and selects whole lines', async () => {
    const { workbench, workspaceDir } = e2e();
    await workbench.openFile('src/pagination.js');
    const status = await workbench.selectLines(13, 14);
    const lines = readFileSync(join(workspaceDir, 'src', 'pagination.js'), 'utf8').split('\n');
    const expected = (lines[12] ?? '').length + 1 + (lines[13] ?? '').length;
    assert.match(status, new RegExp(`\\(${expected} selected\\)`), `status bar: ${status}`);
    assert.match(lines[13] ?? '', /pageSize - 1/, 'line 14 holds the off-by-one the fix tests select');
    await workbench.screenshot('selection');
  });
});

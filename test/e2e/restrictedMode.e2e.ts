import assert from 'node:assert/strict';
import { readCompanionState } from './harness/companionOutput';
import { compareSelection } from './harness/compareSelection';
import { startE2eSession, type E2eSession } from './harness/e2eSession';
import { waitForNotification } from './harness/notifications';

// A second code-server of its own: Workspace Trust on, the sample workspace not trusted (Restricted Mode).
describe('Restricted Mode (an untrusted workspace)', function () {
  let session: E2eSession | undefined;

  before(async function () {
    this.timeout(300_000);
    session = await startE2eSession({ restrictedMode: true });
  });
  after(async function () {
    this.timeout(60_000);
    await session?.teardown();
  });

  it('the compare command refuses with a message about trust and sends nothing to the models', async () => {
    assert.ok(session);
    const { workbench, fakes, outDir } = session;
    const state = await readCompanionState(outDir);
    assert.equal(state.workspaceTrusted, false, 'the workspace is in Restricted Mode');

    await compareSelection(session, { lines: [13, 14], watch: false });
    const message = await waitForNotification(workbench, 'Restricted Mode');
    assert.match(message, /does not send workspace code/);
    assert.match(message, /Trust this workspace/);
    assert.deepEqual(fakes.requests, [], 'no request reached a model');
    await workbench.screenshot('restricted-mode');
  });
});

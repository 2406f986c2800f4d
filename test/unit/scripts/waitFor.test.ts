/** The harness's condition wait: resolves on the first real value, and a timeout says what was last seen. */
import assert from 'node:assert/strict';
import { waitFor } from '../../../scripts/lib/waitFor';

describe('scripts: waitFor', () => {
  it('resolves with the first value that is not undefined, null or false', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : false), { what: 'three probes', intervalMs: 1 });
    assert.equal(value, 'after 3');
  });

  it('asks a function for the timeout message at the timeout, so it reports the last state seen', async () => {
    let seen = 'nothing yet';
    let probes = 0;
    await assert.rejects(
      waitFor(
        () => {
          probes += 1;
          seen = `probe ${probes}`;
          return undefined;
        },
        { what: () => `a state (last seen ${seen})`, timeoutMs: 30, intervalMs: 5 },
      ),
      (err: Error) => {
        assert.match(err.message, /^Timed out after 30 ms waiting for a state \(last seen probe \d+\)$/);
        assert.ok(!err.message.includes('nothing yet'), err.message);
        return true;
      },
    );
  });

  it('names the probe’s last error', async () => {
    await assert.rejects(
      waitFor(
        () => {
          throw new Error('frame detached');
        },
        { what: 'a frame', timeoutMs: 20, intervalMs: 5 },
      ),
      /waiting for a frame \(last error: frame detached\)/,
    );
  });
});

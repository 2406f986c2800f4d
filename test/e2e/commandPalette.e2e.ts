import assert from 'node:assert/strict';
import { alwaysVisibleCommands } from './harness/manifest';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

describe('command palette', () => {
  it('lists every command package.json contributes under "Parallax:"', async function () {
    this.timeout(120_000);
    const { workbench } = e2e();
    const expected = alwaysVisibleCommands().map((c) => c.paletteTitle).sort();
    assert.ok(expected.length > 0, 'package.json contributes palette commands');
    try {
      // Right after the workbench starts, the palette lists an extension's contributed commands only once the
      // extension host has read its manifest: the list is read again (palette reopened) until it holds them all.
      let missing = expected;
      await waitFor(
        async () => {
          const listed = (await workbench.paletteTitles('Parallax:')).filter((t) => t.startsWith('Parallax: '));
          missing = expected.filter((t) => !listed.includes(t));
          return missing.length === 0;
        },
        { what: () => `the palette to list every contributed command (missing: ${JSON.stringify(missing)})`, timeoutMs: 60_000, intervalMs: 500 },
      ).catch(() => undefined);
      await workbench.screenshot('command-palette');
      assert.deepEqual(missing, [], 'contributed but missing from the palette');
    } finally {
      await workbench.closeQuickInput();
    }
  });
});

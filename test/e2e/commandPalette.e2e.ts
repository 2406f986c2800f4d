import assert from 'node:assert/strict';
import { alwaysVisibleCommands } from './harness/manifest';
import { e2e } from './harness/rootHooks';

describe('command palette', () => {
  it('lists every command package.json contributes under "Parallax:"', async () => {
    const { workbench } = e2e();
    const expected = alwaysVisibleCommands().map((c) => c.paletteTitle).sort();
    assert.ok(expected.length > 0, 'package.json contributes palette commands');
    try {
      const listed = (await workbench.paletteTitles('Parallax:')).filter((t) => t.startsWith('Parallax: '));
      await workbench.screenshot('command-palette');
      assert.deepEqual(expected.filter((t) => !listed.includes(t)), [], 'contributed but missing from the palette');
    } finally {
      await workbench.closeQuickInput();
    }
  });
});

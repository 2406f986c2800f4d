import assert from 'node:assert/strict';
import { readCompanionState } from './harness/companionOutput';
import { alwaysVisibleCommands } from './harness/manifest';
import { e2e } from './harness/rootHooks';
import { waitFor } from './harness/waitFor';

describe('activation', () => {
  it('Parallax is installed from the .vsix and activates when one of its commands runs', async () => {
    const { workbench, outDir } = e2e();
    const before = await readCompanionState(outDir);
    assert.equal(before.installed, true, 'parallax-dev.parallax is installed');

    // A command that only opens a view, listed in the palette without any context.
    const commands = alwaysVisibleCommands();
    const command = commands.find((c) => c.command === 'parallax.configureModels') ?? commands.find((c) => c.command === 'parallax.showLeaderboard') ?? commands[0];
    assert.ok(command, 'package.json contributes at least one command');
    await workbench.runCommand(command.paletteTitle);
    await workbench.closeQuickInput();

    // Activation finishes asynchronously after the palette closes.
    const after = await waitFor(async () => {
      const state = await readCompanionState(outDir);
      return state.isActive ? state : undefined;
    }, { what: `Parallax to be active after "${command.paletteTitle}"`, timeoutMs: 20_000, intervalMs: 500 });
    assert.equal(after.isActive, true);
    await workbench.screenshot('activation');
  });
});

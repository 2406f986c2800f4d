import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateParallax, parallaxExtension } from '../companion/src/parallaxApi';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

function contributedCommands(): ContributedCommand[] {
  const manifest = parallaxExtension().packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return manifest.contributes?.commands ?? [];
}

describe('Parallax commands', () => {
  it('activates and returns the public API (apiVersion 1)', async () => {
    const api = await activateParallax();
    assert.equal(api.apiVersion, 1);
    assert.equal(parallaxExtension().isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    await parallaxExtension().activate();
    const contributed = contributedCommands();
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.map((c) => c.command).filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });

  it('puts every contributed command in the "Parallax" category', () => {
    const outside = contributedCommands().filter((c) => c.category !== 'Parallax').map((c) => c.command);
    assert.deepEqual(outside, []);
  });
});

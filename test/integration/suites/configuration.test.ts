import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readSettings } from '../../../src/core/config/settingsSchema';
import { waitFor } from '../../e2e/harness/waitFor';
import { skipBecause } from '../companion/src/integrationMocha';
import { activateParallax } from '../companion/src/parallaxApi';

const goodEntry = { id: 'it-good', label: 'Good', provider: 'openai', model: 'gpt-4.1-mini' };
const badEntry = { id: 'it-bad-temperature', label: 'Bad', provider: 'openai', model: 'gpt-4.1', temperature: 7 };

const parallaxConfig = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('parallax');

describe('parallax.models validation', () => {
  let saved: unknown;

  before(async () => {
    saved = parallaxConfig().inspect('models')?.globalValue;
    await parallaxConfig().update('models', [goodEntry, badEntry], vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await parallaxConfig().update('models', saved, vscode.ConfigurationTarget.Global);
  });

  it('reads the user settings back and names the bad entry and field; the good entry still loads', () => {
    const { settings, problems } = readSettings((key) => parallaxConfig().get(key));
    assert.deepEqual(settings.models.map((m) => m.id), ['it-good']);
    const problem = problems.find((p) => p.entry === JSON.stringify(badEntry.id));
    assert.ok(problem, `a problem for ${badEntry.id}; got ${JSON.stringify(problems)}`);
    assert.equal(problem.field, 'temperature');
    assert.match(problem.message, /it-bad-temperature/);
  });

  it('the running extension reports the bad entry through its API', async function () {
    const api = await activateParallax();
    const getProblems = api.getConfigProblems;
    if (!getProblems) skipBecause(this, 'the Parallax API has no getConfigProblems() yet');
    const problem = await waitFor(() => getProblems().find((p) => p.entry === JSON.stringify(badEntry.id)), {
      what: 'Parallax to report the bad parallax.models entry',
      timeoutMs: 10_000,
    });
    assert.equal(problem.field, 'temperature');
  });
});

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders } from '../../../src/demo/fakeProviders';
import { ask, collectEvents, textOf } from './collectEvents';

describe('createProvider', () => {
  it('answers with an auth error, without any request, when OpenAI or Anthropic has no key', async () => {
    for (const kind of ['openai', 'anthropic'] as const) {
      const events = await collectEvents(createProvider({ kind, apiKey: '  ' }), ask('m'));
      assert.equal(events.length, 1);
      assert.equal(events[0]?.type === 'error' && events[0].kind, 'auth');
    }
  });

  it('answers with a bad-request error when an OpenAI-compatible provider has no base URL', async () => {
    const events = await collectEvents(createProvider({ kind: 'openai-compatible' }), ask('m'));
    assert.equal(events[0]?.type === 'error' && events[0].kind, 'bad-request');
  });

  it('lets an OpenAI-compatible provider run without a key (local servers)', async () => {
    const fakes = await startFakeProviders({ defaultScript: { text: 'local answer' } });
    try {
      const events = await collectEvents(createProvider({ kind: 'openai-compatible', baseUrl: fakes.openaiBaseUrl }), ask('llama'));
      assert.equal(textOf(events), 'local answer');
    } finally {
      await fakes.close();
    }
  });

  it('does not load either SDK until the first stream call', async () => {
    const probe = [
      "const { createProvider } = require('./src/core/providers/providerFactory');",
      "createProvider({ kind: 'openai', apiKey: 'k' }); createProvider({ kind: 'anthropic', apiKey: 'k' });",
      "const loaded = Object.keys(require.cache).filter((p) => /node_modules[\\\\/](openai|@anthropic-ai)[\\\\/]/.test(p));",
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: process.cwd() });
    assert.deepEqual(JSON.parse(stdout), []);
  });
});

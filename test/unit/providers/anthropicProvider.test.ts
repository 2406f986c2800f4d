/**
 * What the Anthropic adapter puts on the wire, as recorded by the fake.
 */
import assert from 'node:assert/strict';
import { THINKING_BUDGET } from '../../../src/core/providers/anthropicConversion';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { ask, collectEvents, reasoningOf } from './collectEvents';

interface RecordedMessagesBody {
  stream?: boolean;
  max_tokens?: number;
  system?: string;
  temperature?: number;
  thinking?: { type: string; budget_tokens: number };
  messages?: Array<{ role: string; content: string }>;
}

describe('anthropic provider: request on the wire', () => {
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders({ defaultScript: { reasoning: 'thinking it over', text: 'ok' } });
  });
  afterEach(() => fakes.close());

  const body = (i = 0): RecordedMessagesBody => (fakes.requests[i]?.body ?? {});
  const provider = (): ReturnType<typeof createProvider> =>
    createProvider({ kind: 'anthropic', apiKey: 'sk-ant-0123456789', baseUrl: fakes.anthropicBaseUrl });

  it('streams with the system prompt top-level and a default max_tokens, no thinking when reasoning is off', async () => {
    const events = await collectEvents(provider(), ask('claude-x', { system: 'Be brief.' }));
    assert.equal(body().stream, true);
    assert.equal(body().system, 'Be brief.');
    assert.equal(body().max_tokens, 4096);
    assert.equal('thinking' in body(), false);
    assert.equal(reasoningOf(events), '', 'no thinking block when the request did not ask for one');
  });

  it('turns reasoning into a thinking budget below max_tokens', async () => {
    await collectEvents(provider(), ask('claude-x', { reasoning: 'medium', temperature: 0.3, maxTokens: 1000 }));
    assert.deepEqual(body().thinking, { type: 'enabled', budget_tokens: THINKING_BUDGET.medium });
    assert.equal(body().max_tokens, THINKING_BUDGET.medium + 1000);
  });

  it('sends temperature to an Anthropic-compatible server (the fake is one); the official API never gets it', async () => {
    await collectEvents(provider(), ask('claude-x', { temperature: 0.3 }));
    assert.equal(body().temperature, 0.3);
  });
});

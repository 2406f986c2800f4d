/** The adapters report the moment a request leaves, through the SDKs' fetch, and send nothing extra. */
import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { createProvider } from '../../../src/core/providers/providerFactory';
import type { ChatProvider } from '../../../src/core/providers/provider';

async function drain(provider: ChatProvider, onSent: () => void): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of provider.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal, onSent)) seen.push(event.type);
  return seen;
}

describe('request-sent clock', () => {
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders({ defaultScript: { text: 'one two' } });
  });
  afterEach(() => fakes.close());

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: calls onSent once, before the first event, and sends no extra field`, async () => {
      const baseUrl = kind === 'openai' ? fakes.openaiBaseUrl : fakes.anthropicBaseUrl;
      const provider = createProvider({ kind, apiKey: 'sk-test-0123456789', baseUrl });
      const order: string[] = [];
      const events = await drain(provider, () => order.push('sent'));
      assert.deepEqual(order, ['sent']);
      assert.ok(events.includes('text'));
      const [request] = fakes.requests;
      assert.ok(request);
      assert.ok(!JSON.stringify(request.headers).includes('parallax'), JSON.stringify(request.headers));
    });
  }

  it('calls it again for an SDK retry, so the clock starts at the try that answered', async () => {
    fakes.setScript('m', [{ fault: { type: 'status', status: 500 } }, { text: 'ok' }]);
    const provider = createProvider({ kind: 'openai', apiKey: 'sk-test-0123456789', baseUrl: fakes.openaiBaseUrl, maxRetries: 1 });
    let sent = 0;
    const events = await drain(provider, () => sent++);
    assert.equal(sent, 2);
    assert.ok(events.includes('done'), events.join(','));
  });
});

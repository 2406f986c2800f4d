/** The adapters report the moment a request leaves, through the SDKs' fetch, and send nothing extra. */
import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { createProvider } from '../../../src/core/providers/providerFactory';
import type { ChatProvider } from '../../../src/core/providers/provider';

async function drain(provider: ChatProvider, onSent: (at?: number) => void, seen: string[] = []): Promise<string[]> {
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
    it(`${kind}: calls onSent before the first event (at the fetch call, again when undici wrote the request), and sends no extra field`, async () => {
      const baseUrl = kind === 'openai' ? fakes.openaiBaseUrl : fakes.anthropicBaseUrl;
      const provider = createProvider({ kind, apiKey: 'sk-test-0123456789', baseUrl });
      const order: string[] = [];
      const stamps: number[] = [];
      const events = await drain(provider, (at) => {
        order.push('sent');
        if (at !== undefined) stamps.push(at);
      }, order);
      assert.deepEqual(order.slice(0, 3), ['sent', 'sent', events.filter((e) => e !== 'sent')[0]]);
      assert.equal(order.filter((e) => e === 'sent').length, 2);
      assert.equal(stamps.length, 2);
      assert.ok((stamps[1] ?? 0) >= (stamps[0] ?? Infinity), 'the written-request stamp is earlier than the fetch call');
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
    // Two tries, each stamped at its fetch call and when undici had written it.
    assert.equal(sent, 4);
    assert.ok(events.includes('done'), events.join(','));
  });
});

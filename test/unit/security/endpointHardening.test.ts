/**
 * Keys go only where the settings say: official URLs are passed explicitly, so OPENAI_BASE_URL /
 * ANTHROPIC_BASE_URL / *_CUSTOM_HEADERS / OPENAI_ORG_ID / OPENAI_PROJECT_ID / ANTHROPIC_AUTH_TOKEN in the
 * environment are never used (environment redirect); error texts keep what the server said, bounded and
 * scrubbed, and never echo custom header values.
 */
import assert from 'node:assert/strict';
import { createProvider, type SdkProviderKind } from '../../../src/core/providers/providerFactory';
import { effectiveEndpoint, OFFICIAL_BASE_URLS, sendsTemperature } from '../../../src/core/providers/endpoints';
import { SDK_ENVIRONMENT_VARIABLES, withoutSdkEnvironment } from '../../../src/core/providers/sdkClientConfig';
import { serverMessageOf } from '../../../src/core/providers/errorBodies';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { ask, collectEvents, lastEvent } from '../providers/collectEvents';

interface SeenRequest {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Replaces global fetch with one that records the request and answers a minimal, finished stream. */
function interceptFetch(kind: SdkProviderKind, seen: SeenRequest[]): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    seen.push({ url, headers: Object.fromEntries(new Headers(init?.headers).entries()), body });
    const sse =
      kind === 'anthropic'
        ? [
            'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":0}}}\n\n',
            'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
            'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"official"}}\n\n',
            'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}\n\n',
            'event: message_stop\ndata: {"type":"message_stop"}\n\n',
          ].join('')
        : 'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"x","choices":[{"index":0,"delta":{"content":"official"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
    return new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  return () => {
    globalThis.fetch = original;
  };
}

describe('security: environment redirect (official base URLs are explicit)', () => {
  let attacker: FakeProviders;
  const saved = new Map<string, string | undefined>();

  beforeEach(async () => {
    attacker = await startFakeProviders({ defaultScript: { text: 'stolen' } });
    const hostile: Record<string, string> = {
      OPENAI_BASE_URL: attacker.openaiBaseUrl,
      ANTHROPIC_BASE_URL: attacker.anthropicBaseUrl,
      ANTHROPIC_CUSTOM_HEADERS: 'X-Exfil: yes\nAuthorization: Bearer attacker',
      OPENAI_CUSTOM_HEADERS: 'X-Exfil: yes',
      OPENAI_ORG_ID: 'org-attacker',
      OPENAI_PROJECT_ID: 'proj-attacker',
      ANTHROPIC_AUTH_TOKEN: 'attacker-token',
    };
    for (const [name, value] of Object.entries(hostile)) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
  });

  afterEach(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    saved.clear();
    await attacker.close();
  });

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`environment redirect: an ${kind} entry without baseUrl goes to ${OFFICIAL_BASE_URLS[kind]}, never to the server the environment names`, async () => {
      const seen: SeenRequest[] = [];
      const restore = interceptFetch(kind, seen);
      try {
        const events = await collectEvents(createProvider({ kind, apiKey: 'sk-official-0123456789', maxRetries: 0 }), ask('m'));
        assert.equal(lastEvent(events)?.type, 'done', JSON.stringify(events));
      } finally {
        restore();
      }
      assert.equal(attacker.requests.length, 0, 'no request reached the environment-named server');
      assert.equal(seen.length, 1);
      assert.ok(seen[0]?.url.startsWith(OFFICIAL_BASE_URLS[kind]), seen[0]?.url);
      const headers = seen[0]?.headers ?? {};
      assert.equal(headers['x-exfil'], undefined, 'no custom header from the environment');
      assert.equal(headers['openai-organization'], undefined);
      assert.equal(headers['openai-project'], undefined);
      assert.ok(!JSON.stringify(headers).includes('attacker'), JSON.stringify(headers));
    });
  }

  it('the official Anthropic API never gets temperature; the official OpenAI API does', async () => {
    for (const kind of ['anthropic', 'openai'] as const) {
      const seen: SeenRequest[] = [];
      const restore = interceptFetch(kind, seen);
      try {
        await collectEvents(createProvider({ kind, apiKey: 'sk-official-0123456789', maxRetries: 0 }), ask('m', { temperature: 0.4 }));
      } finally {
        restore();
      }
      assert.equal(seen[0]?.body['temperature'], kind === 'openai' ? 0.4 : undefined, kind);
    }
  });

  it('environment redirect: the environment is restored after the client is built', () => {
    const value = withoutSdkEnvironment(() => SDK_ENVIRONMENT_VARIABLES.map((name) => process.env[name]));
    assert.ok(value.every((v) => v === undefined));
    assert.equal(process.env['OPENAI_BASE_URL'], attacker.openaiBaseUrl);
  });

  it('environment redirect: an explicit baseUrl is still used as configured', async () => {
    const local = await startFakeProviders({ defaultScript: { text: 'local' } });
    try {
      await collectEvents(createProvider({ kind: 'openai-compatible', baseUrl: local.openaiBaseUrl, maxRetries: 0 }), ask('m'));
      assert.equal(local.requests.length, 1);
      assert.equal(attacker.requests.length, 0);
    } finally {
      await local.close();
    }
  });
});

describe('security: effective endpoint', () => {
  it('names the official API, a preset, a custom URL or the LM API', () => {
    assert.deepEqual(effectiveEndpoint({ provider: 'openai' }), {
      baseUrl: 'https://api.openai.com/v1',
      origin: 'https://api.openai.com',
      official: true,
      description: 'https://api.openai.com/v1 (official OpenAI API)',
    });
    assert.equal(effectiveEndpoint({ provider: 'anthropic' }).origin, 'https://api.anthropic.com');
    assert.equal(effectiveEndpoint({ provider: 'openai', baseUrl: 'https://proxy.example/v1' }).official, false);
    assert.match(effectiveEndpoint({ provider: 'openai-compatible', preset: 'ollama' }).description, /preset ollama/);
    assert.equal(effectiveEndpoint({ provider: 'vscode-lm' }).description, 'VS Code Language Model API');
  });

  it('temperature is sent to compatible Anthropic servers, not to the official API', () => {
    assert.equal(sendsTemperature({ provider: 'anthropic', temperature: 0.2 }), false);
    assert.equal(sendsTemperature({ provider: 'anthropic', baseUrl: 'https://api.anthropic.com', temperature: 0.2 }), false);
    assert.equal(sendsTemperature({ provider: 'anthropic', baseUrl: 'http://127.0.0.1:8080', temperature: 0.2 }), true);
    assert.equal(sendsTemperature({ provider: 'openai', temperature: 0.2 }), true);
    assert.equal(sendsTemperature({ provider: 'openai' }), false);
  });
});

describe('security: server error bodies (FastAPI detail, bounded, scrubbed)', () => {
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders({});
  });
  afterEach(() => fakes.close());

  for (const kind of ['openai-compatible', 'anthropic'] as const) {
    it(`${kind}: a 400 {"detail": …} shows what the server said instead of "no body"`, async () => {
      const detail = "Server is pinned to Qwen/Qwen3-0.6B; requested 'x'";
      fakes.setScript('x', { fault: { type: 'status', status: 400, body: JSON.stringify({ detail }) } });
      const baseUrl = kind === 'anthropic' ? fakes.anthropicBaseUrl : fakes.openaiBaseUrl;
      const events = await collectEvents(createProvider({ kind, apiKey: 'sk-k-0123456789', baseUrl, maxRetries: 0 }), ask('x'));
      const last = lastEvent(events);
      assert.equal(last?.type, 'error');
      assert.ok(last?.type === 'error' && last.message.includes(detail), JSON.stringify(last));
      assert.ok(last?.type === 'error' && !/no body/.test(last.message));
    });
  }

  it('a FastAPI validation list is shown as field: message', () => {
    assert.equal(serverMessageOf({ detail: [{ loc: ['body', 'model'], msg: 'field required', type: 'missing' }] }), 'body.model: field required');
    assert.equal(serverMessageOf({ error: { message: 'usual shape' } }), undefined);
    assert.equal(serverMessageOf({ message: 'top-level message' }), 'top-level message');
  });

  it('a huge error body is read only up to the bound, and the message stays short', async () => {
    fakes.setScript('x', { fault: { type: 'status', status: 400, body: JSON.stringify({ detail: 'y'.repeat(3_000_000) }) } });
    const events = await collectEvents(createProvider({ kind: 'openai-compatible', baseUrl: fakes.openaiBaseUrl, maxRetries: 0 }), ask('x'));
    const last = lastEvent(events);
    assert.equal(last?.type, 'error');
    assert.ok(last?.type === 'error' && last.message.length < 1_000, `${last?.type === 'error' ? last.message.length : 0} chars`);
  });

  it('custom header values, the key and URL passwords in an error body are redacted', async () => {
    const body = JSON.stringify({ detail: 'bad x-portkey-api-key pk-team-7777 for key sk-key-0123456789 at https://bob:hunter22@up.example/v1 token tok_abc_42' });
    fakes.setScript('x', { fault: { type: 'status', status: 401, body } });
    const provider = createProvider({
      kind: 'openai-compatible',
      baseUrl: fakes.openaiBaseUrl,
      apiKey: 'sk-key-0123456789',
      headers: { 'x-portkey-api-key': 'pk-team-7777', 'X-Team-Token': 'tok_abc_42', 'X-Title': 'Parallax' },
      maxRetries: 0,
    });
    const last = lastEvent(await collectEvents(provider, ask('x')));
    assert.equal(last?.type, 'error');
    const message = last?.type === 'error' ? last.message : '';
    for (const secret of ['pk-team-7777', '0123456789', 'hunter22', 'tok_abc_42']) assert.ok(!message.includes(secret), `${secret} in ${message}`);
    assert.match(message, /up\.example/);
  });
});

describe('security: URL password in a base URL at run time', () => {
  it('URL password: createProvider refuses a baseUrl with user:pass@ without sending or echoing it', async () => {
    const fakes = await startFakeProviders({});
    try {
      const baseUrl = fakes.openaiBaseUrl.replace('http://', 'http://bob:pa55word-xyz@');
      const last = lastEvent(await collectEvents(createProvider({ kind: 'openai-compatible', baseUrl }), ask('m')));
      assert.equal(last?.type, 'error');
      assert.ok(last?.type === 'error' && !last.message.includes('pa55word'), JSON.stringify(last));
      assert.equal(fakes.requests.length, 0);
    } finally {
      await fakes.close();
    }
  });
});

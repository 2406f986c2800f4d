/**
 * The wire-protocol fakes themselves, checked at the HTTP level (no SDK), plus the CLI.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';

interface SseFrame {
  event?: string;
  data: string;
}

function parseSse(text: string): SseFrame[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      return event !== undefined ? { event, data } : { data };
    });
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('fake providers (HTTP level)', () => {
  let fakes: FakeProviders;
  beforeEach(async () => {
    fakes = await startFakeProviders({ apiKey: 'test-key', defaultScript: { text: 'hello there world' } });
  });
  afterEach(() => fakes.close());

  const chat = (body: Record<string, unknown>): Promise<Response> =>
    post(`${fakes.openaiBaseUrl}/chat/completions`, { model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }], ...body }, { authorization: 'Bearer test-key' });
  const messages = (body: Record<string, unknown>): Promise<Response> =>
    post(`${fakes.anthropicBaseUrl}/v1/messages`, { model: 'm', stream: true, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], ...body }, { 'x-api-key': 'test-key' });

  it('speaks OpenAI SSE: chunks, a finish_reason chunk, a usage chunk only when asked, then [DONE]', async () => {
    const withUsage = parseSse(await (await chat({ stream_options: { include_usage: true } })).text());
    assert.equal(withUsage[withUsage.length - 1]?.data, '[DONE]');
    const chunks = withUsage.slice(0, -1).map((f) => JSON.parse(f.data) as { object: string; choices: Array<{ delta: { content?: string }; finish_reason: string | null }>; usage: unknown });
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
    assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), 'hello there world');
    assert.equal(chunks[chunks.length - 2]?.choices[0]?.finish_reason, 'stop');
    const usageChunk = chunks[chunks.length - 1];
    assert.deepEqual(usageChunk?.choices, []);
    assert.ok(usageChunk?.usage && typeof usageChunk.usage === 'object');
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null));

    const without = parseSse(await (await chat({})).text()).slice(0, -1).map((f) => JSON.parse(f.data) as Record<string, unknown>);
    assert.ok(without.every((c) => !('usage' in c)));
  });

  it('speaks Anthropic SSE: the real event sequence, thinking only when requested', async () => {
    fakes.setScript('m', { reasoning: 'hmm', text: 'hi' });
    const plain = parseSse(await (await messages({})).text()).map((f) => f.event);
    assert.deepEqual(plain, ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const thinking = parseSse(await (await messages({ thinking: { type: 'enabled', budget_tokens: 1024 } })).text());
    const deltaTypes = thinking.filter((f) => f.event === 'content_block_delta').map((f) => (JSON.parse(f.data) as { delta: { type: string } }).delta.type);
    assert.deepEqual(deltaTypes, ['thinking_delta', 'signature_delta', 'text_delta']);
  });

  it('rejects a wrong key with each protocol\'s real 401 body', async () => {
    const openai = await post(`${fakes.openaiBaseUrl}/chat/completions`, { model: 'm' }, { authorization: 'Bearer nope' });
    assert.equal(openai.status, 401);
    assert.equal(((await openai.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
    const anthropic = await post(`${fakes.anthropicBaseUrl}/v1/messages`, { model: 'm' }, { 'x-api-key': 'nope' });
    assert.equal(anthropic.status, 401);
    assert.deepEqual(((await anthropic.json()) as { type: string; error: { type: string } }).error.type, 'authentication_error');
  });

  it('consumes a script list request by request and repeats its last entry', async () => {
    fakes.setScript('m', [{ fault: { type: 'status', status: 503 } }, { text: 'second' }]);
    assert.equal((await chat({})).status, 503);
    assert.match(await (await chat({})).text(), /second/);
    assert.match(await (await chat({})).text(), /second/);
    assert.equal(fakes.requests.length, 3);
  });

  it('sends Retry-After with a status fault', async () => {
    fakes.setScript('m', { fault: { type: 'status', status: 429, retryAfterSec: 3 } });
    const response = await messages({});
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '3');
    assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'rate_limit_error');
  });

  it('lists scripted models in either protocol\'s shape', async () => {
    fakes.setScript('alpha', { text: 'a' });
    const openai = (await (await fetch(`${fakes.openaiBaseUrl}/models`, { headers: { authorization: 'Bearer test-key' } })).json()) as { object: string; data: Array<{ id: string }> };
    assert.equal(openai.object, 'list');
    assert.deepEqual(openai.data.map((m) => m.id), ['alpha']);
    const anthropic = (await (await fetch(`${fakes.anthropicBaseUrl}/v1/models`, { headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' } })).json()) as { has_more: boolean; data: Array<{ type: string }> };
    assert.equal(anthropic.has_more, false);
    assert.equal(anthropic.data[0]?.type, 'model');
  });

  it('can be re-scripted over HTTP, which is not recorded as a request', async () => {
    const ok = await post(`${fakes.url}/__script`, { model: 'm', script: { text: 'rescripted' } });
    assert.equal(ok.status, 200);
    const bad = await post(`${fakes.url}/__script`, { model: 'm', script: { fault: { type: 'nonsense' } } });
    assert.equal(bad.status, 400);
    assert.equal(fakes.requests.length, 0);
    assert.match(await (await chat({})).text(), /rescripted/);
  });

  it('records requests and lets a test wait for them, failing after the timeout', async () => {
    const pending = fakes.waitForRequests(2, 5000);
    await chat({});
    await messages({});
    await pending;
    assert.deepEqual(fakes.requests.map((r) => r.path), ['/v1/chat/completions', '/v1/messages']);
    assert.equal((fakes.requests[0]?.body as { model: string }).model, 'm');
    assert.ok((fakes.requests[0]?.receivedAt ?? 0) > 0);
    await assert.rejects(fakes.waitForRequests(3, 50), /Expected 3 requests within 50 ms, got 2/);
  });

  it('waits delayMs before the headers and paces tokens', async () => {
    fakes.setScript('m', { delayMs: 150, tokensPerSecond: 40, text: 'a b c d e f' });
    const start = performance.now();
    const response = await chat({});
    const headersAt = performance.now() - start;
    await response.text();
    const total = performance.now() - start;
    assert.ok(headersAt >= 140, `headers after ${headersAt.toFixed(0)} ms`);
    assert.ok(total >= 150 + 5 * 25 - 15, `5 gaps of 25 ms after the delay, got ${total.toFixed(0)} ms`);
  });

  it('split-utf8 really splits a character across two reads', async () => {
    fakes.setScript('m', { text: 'naïve 🚀', fault: { type: 'split-utf8' } });
    const body = JSON.stringify({ model: 'm', stream: true, messages: [] });
    const pieces: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(`${fakes.openaiBaseUrl}/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer test-key' } }, (res) => {
        res.on('data', (piece: Buffer) => pieces.push(piece));
        res.on('end', resolve);
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.ok(pieces.some((p) => p.toString('utf8').includes('\uFFFD')), 'some read ends inside a character');
    assert.match(Buffer.concat(pieces).toString('utf8'), /naïve /);
  });

  it('close() ends a stalled stream and resolves', async () => {
    fakes.setScript('m', { text: 'a b c', fault: { type: 'stall', afterChunks: 1 } });
    const response = await chat({});
    const reader = response.body?.getReader();
    assert.ok(reader);
    const first = await reader.read();
    assert.equal(first.done, false);
    const ended = (async () => {
      try {
        while (!(await reader.read()).done);
        return 'ended';
      } catch {
        return 'errored';
      }
    })();
    const start = performance.now();
    await fakes.close();
    assert.ok(['ended', 'errored'].includes(await ended));
    assert.ok(performance.now() - start < 2000);
  });
});

describe('fake providers CLI', () => {
  it('prints its URL as one JSON line, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/cli.ts', '--port', '0', '--api-key', 'cli-key'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const [line] = (await once(lines, 'line')) as [string];
      const info = JSON.parse(line) as { url: string; openaiBaseUrl: string; anthropicBaseUrl: string };
      assert.match(info.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.openaiBaseUrl, `${info.url}/v1`);
      const models = await fetch(`${info.openaiBaseUrl}/models`, { headers: { authorization: 'Bearer cli-key' } });
      assert.equal(models.status, 200);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

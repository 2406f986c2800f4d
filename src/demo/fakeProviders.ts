/**
 * Local HTTP server on 127.0.0.1 that speaks the real OpenAI chat-completions and Anthropic messages
 * wire protocols, scripted per model, so the real SDKs can be tested offline.
 *
 *   POST /v1/chat/completions   OpenAI SSE          (auth: Authorization: Bearer <key>)
 *   POST /v1/messages           Anthropic SSE       (auth: x-api-key, or Authorization: Bearer); `?beta=true` too
 *   POST /v1/responses          OpenAI Responses SSE or JSON (auth: Authorization: Bearer), as Codex CLI speaks it
 *   Scripts with `agentTurns` answer agent CLIs with tool calls, turn by turn (agentTurns.ts).
 *   GET  /v1/models             model list; Anthropic-shaped when the request has `anthropic-version`
 *   GET  /api/tags              Ollama's model list
 *   POST /__script              {model, script}: re-script a running server (not recorded)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicAgentPlan, anthropicAgentStep } from './anthropicAgentWire';
import { anthropicErrorBody, anthropicModelsBody, anthropicStreamPlan, type AnthropicRequestBody } from './anthropicWire';
import type { FakeScript, FakeScriptEntry, RecordedRequest } from './fakeScript';
import { scriptUpdateSchema } from './fakeScriptSchema';
import { anthropicMessageBody, openaiCompletionBody, sendWhenGenerated, wantsJson } from './jsonResponses';
import { ollamaTagsBody, openaiErrorBody, openaiModelsBody, openaiStreamPlan, type OpenAIRequestBody } from './openaiWire';
import { responsesAgentStep, responsesBody, responsesStreamPlan, type ResponsesRequestBody } from './responsesWire';
import { streamSsePlan, waitMs } from './sseStreamer';

export type { FakeFault, FakeScript, FakeScriptEntry, RecordedRequest } from './fakeScript';

export interface FakeProvidersOptions {
  /** 0 (default) picks a free port. */
  port?: number | undefined;
  scripts?: Record<string, FakeScriptEntry> | undefined;
  /** Used for models with no script of their own. */
  defaultScript?: FakeScript | undefined;
  /** When set, requests must carry this key or get the protocol's 401. */
  apiKey?: string | undefined;
}

export interface FakeProviders {
  /** http://127.0.0.1:PORT */
  url: string;
  /** url + '/v1', for the openai SDK's baseURL. */
  openaiBaseUrl: string;
  /** url, for the Anthropic SDK's baseURL. */
  anthropicBaseUrl: string;
  setScript(model: string, script: FakeScriptEntry): void;
  /** Every API request received, in order (control requests excluded). */
  requests: RecordedRequest[];
  /** Resolves once at least `n` requests were received; rejects after `timeoutMs`. */
  waitForRequests(n: number, timeoutMs: number): Promise<void>;
  /** Ends every open stream, stalled ones included, and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

type Protocol = 'openai' | 'anthropic';
type ChatRoute = 'chat' | 'messages' | 'responses';
const CHAT_ROUTES: Record<string, ChatRoute | undefined> = { '/v1/chat/completions': 'chat', '/v1/messages': 'messages', '/v1/responses': 'responses' };

/** Scripts by model; a list is consumed one request at a time and its last entry repeats. */
class ScriptBook {
  private readonly entries = new Map<string, { scripts: FakeScript[]; next: number }>();

  constructor(
    private readonly fallback: FakeScript,
    initial: Record<string, FakeScriptEntry>,
  ) {
    for (const [model, entry] of Object.entries(initial)) this.set(model, entry);
  }

  set(model: string, entry: FakeScriptEntry): void {
    this.entries.set(model, { scripts: Array.isArray(entry) ? [...entry] : [entry], next: 0 });
  }

  take(model: string): FakeScript {
    const entry = this.entries.get(model);
    if (!entry || entry.scripts.length === 0) return this.fallback;
    const script = entry.scripts[Math.min(entry.next, entry.scripts.length - 1)] ?? this.fallback;
    entry.next++;
    return script;
  }

  models(): string[] {
    return [...this.entries.keys()];
  }
}

class RequestLog {
  readonly requests: RecordedRequest[] = [];
  private readonly waiters = new Set<() => void>();

  add(request: RecordedRequest): void {
    this.requests.push(request);
    for (const check of [...this.waiters]) check();
  }

  waitFor(n: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.requests.length < n) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`Expected ${n} requests within ${timeoutMs} ms, got ${this.requests.length}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const errorBody = (protocol: Protocol, status: number, message?: string): string =>
  protocol === 'openai' ? openaiErrorBody(status, message) : anthropicErrorBody(status, message);

function protocolOf(req: IncomingMessage, path: string): Protocol {
  if (path === '/v1/messages') return 'anthropic';
  if (path === '/v1/chat/completions' || path === '/v1/responses') return 'openai';
  return req.headers['anthropic-version'] ? 'anthropic' : 'openai';
}

/** The key the request presented, or undefined. */
function presentedKey(req: IncomingMessage, protocol: Protocol): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const xApiKey = req.headers['x-api-key'];
  return protocol === 'anthropic' ? (typeof xApiKey === 'string' ? xApiKey : bearer) : bearer;
}

function authFailure(protocol: Protocol, key: string | undefined): string {
  if (protocol === 'anthropic') return anthropicErrorBody(401, 'invalid x-api-key');
  // The real API echoes a masked key; the fake echoes it whole so redaction is tested the hard way.
  return openaiErrorBody(401, `Incorrect API key provided: ${key ?? '(none)'}. You can find your API key at https://platform.openai.com/account/api-keys.`);
}

export async function startFakeProviders(opts: FakeProvidersOptions = {}): Promise<FakeProviders> {
  const book = new ScriptBook(opts.defaultScript ?? {}, opts.scripts ?? {});
  const log = new RequestLog();
  const open = new Set<AbortController>();

  async function serveChat(route: ChatRoute, body: unknown, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const protocol: Protocol = route === 'messages' ? 'anthropic' : 'openai';
    const parsed = (typeof body === 'object' && body !== null ? body : {}) as OpenAIRequestBody & AnthropicRequestBody & ResponsesRequestBody;
    const script = book.take(typeof parsed.model === 'string' ? parsed.model : '');
    await waitMs(script.delayMs, signal);
    if (signal.aborted) return;
    const fault = script.fault;
    if (fault?.type === 'status') {
      const headers: Record<string, string> = fault.retryAfterSec !== undefined ? { 'retry-after': String(fault.retryAfterSec) } : {};
      sendJson(res, fault.status, fault.body ?? errorBody(protocol, fault.status, fault.message), headers);
      return;
    }
    const requestIdHeader = protocol === 'openai' ? { 'x-request-id': 'req_fake' } : { 'request-id': 'req_fake' };
    if (route === 'responses') {
      const step = responsesAgentStep(parsed, script);
      if (wantsJson(parsed)) return sendWhenGenerated(res, script, responsesBody(parsed, script, step), signal, requestIdHeader);
      return streamSsePlan(res, responsesStreamPlan(parsed, script, step), script, signal, requestIdHeader);
    }
    if (wantsJson(parsed)) {
      const json = protocol === 'openai' ? openaiCompletionBody(parsed, script) : anthropicMessageBody(parsed, script);
      await sendWhenGenerated(res, script, json, signal, requestIdHeader);
      return;
    }
    if (protocol === 'openai') return streamSsePlan(res, openaiStreamPlan(parsed, script), script, signal, requestIdHeader);
    const step = anthropicAgentStep(parsed, script);
    const plan = step ? anthropicAgentPlan(parsed, script, step) : anthropicStreamPlan(parsed, script);
    return streamSsePlan(res, plan, script, signal, requestIdHeader);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const method = req.method ?? 'GET';
    const body = await readBody(req);

    if (method === 'POST' && path === '/__script') {
      const update = scriptUpdateSchema.safeParse(body);
      if (!update.success) return sendJson(res, 400, JSON.stringify({ error: update.error.message }));
      book.set(update.data.model, update.data.script);
      return sendJson(res, 200, JSON.stringify({ ok: true }));
    }

    log.add({ method, path, headers: req.headers, body, receivedAt: Date.now() });
    const protocol = protocolOf(req, path);
    const route = method === 'POST' ? CHAT_ROUTES[path] : undefined;
    const isChat = route !== undefined;
    const isModels = method === 'GET' && path === '/v1/models';
    if (method === 'GET' && path === '/api/tags') return sendJson(res, 200, ollamaTagsBody(book.models()));
    if (!isChat && !isModels) return sendJson(res, 404, errorBody(protocol, 404, `Unknown route ${method} ${path}`));

    const key = presentedKey(req, protocol);
    if (opts.apiKey !== undefined && key !== opts.apiKey) return sendJson(res, 401, authFailure(protocol, key));

    if (isModels) {
      const models = book.models();
      return sendJson(res, 200, protocol === 'openai' ? openaiModelsBody(models) : anthropicModelsBody(models));
    }
    return route ? serveChat(route, body, res, signal) : undefined;
  }

  const server = createServer((req, res) => {
    const controller = new AbortController();
    open.add(controller);
    res.on('close', () => {
      controller.abort();
      open.delete(controller);
    });
    handle(req, res, controller.signal).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openaiErrorBody(500, `Fake server failure: ${String(err)}`));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve, reject) => {
      for (const controller of open) controller.abort();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }));

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    setScript: (model, script) => book.set(model, script),
    requests: log.requests,
    waitForRequests: (n, timeoutMs) => log.waitFor(n, timeoutMs),
    close,
  };
}

/**
 * Turns whatever an SDK call threw into a ProviderError a UI can act on, in plain words, with secrets removed.
 * The SDK error classes are passed in (each SDK has its own hierarchy and is loaded lazily), keeping this pure.
 */
import type { ProviderErrorKind } from './provider';
import { retryAfterMs, type HeaderReader } from './retryAfter';
import { redactSecrets } from '../prefs/secretScrubber';

export interface ProviderError {
  kind: ProviderErrorKind;
  message: string;
  status?: number;
  retryAfterMs?: number;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes both official SDKs export under these names. */
export interface SdkErrorClasses {
  APIError: ErrorClass;
  APIConnectionError: ErrorClass;
  APIConnectionTimeoutError: ErrorClass;
  APIUserAbortError: ErrorClass;
}

export interface ErrorContext {
  /** The SDK's error classes, when the SDK loaded. */
  sdk?: SdkErrorClasses | undefined;
  /** Secrets that must never appear in a message (the API key the provider was given). */
  secrets?: readonly string[] | undefined;
  /** True when the caller's signal was aborted: the failure is then a cancellation, whatever was thrown. */
  aborted?: boolean | undefined;
}

/** The fields an SDK APIError carries (both SDKs). */
interface ApiErrorFields {
  status?: number;
  headers?: HeaderReader;
  /** OpenAI: the `error` object of the body. Anthropic: the whole body `{type, error: {type, message}}`. */
  error?: unknown;
  message: string;
}

const MAX_DETAIL_CHARS = 300;

/**
 * Removes the given secrets and anything shaped like an API key or a bearer token. The one scrubber lives in
 * prefs/secretScrubber.ts; this name is kept for the callers that use it.
 */
export { redactSecrets };

const STATUS_KINDS: ReadonlyArray<[test: (status: number) => boolean, kind: ProviderErrorKind]> = [
  [(s) => s === 401, 'auth'],
  [(s) => s === 403, 'permission'],
  [(s) => s === 404, 'not-found'],
  [(s) => s === 408, 'timeout'],
  [(s) => s === 429, 'rate-limit'],
  [(s) => s === 409 || s >= 500, 'server'],
  [(s) => s >= 400, 'bad-request'],
];

/** Error `type` strings of both APIs, for in-band errors that have no HTTP status. */
const TYPE_KINDS: Record<string, ProviderErrorKind> = {
  authentication_error: 'auth',
  invalid_api_key: 'auth',
  permission_error: 'permission',
  not_found_error: 'not-found',
  rate_limit_error: 'rate-limit',
  rate_limit_exceeded: 'rate-limit',
  invalid_request_error: 'bad-request',
  overloaded_error: 'server',
  api_error: 'server',
  server_error: 'server',
};

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The provider's own error object: OpenAI puts it at `error`, Anthropic at `error.error`. */
function apiErrorObject(err: ApiErrorFields): Record<string, unknown> | undefined {
  const outer = record(err.error);
  return record(outer?.['error']) ?? outer;
}

function apiDetail(err: ApiErrorFields): string {
  const message = apiErrorObject(err)?.['message'];
  return typeof message === 'string' && message.trim() !== '' ? message : err.message;
}

function inBandKind(err: ApiErrorFields): ProviderErrorKind {
  const body = apiErrorObject(err);
  for (const field of ['type', 'code']) {
    const value = body?.[field];
    const kind = typeof value === 'string' ? TYPE_KINDS[value] : undefined;
    if (kind) return kind;
  }
  return 'server';
}

/** Network error codes on the error or anywhere down its `cause` chain (undici wraps socket errors). */
function networkCode(err: unknown): string | undefined {
  for (let e = record(err), depth = 0; e && depth < 5; e = record(e['cause']), depth++) {
    const code = e['code'];
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  }
  return undefined;
}

function describe(kind: ProviderErrorKind, status: number | undefined, waitMs: number | undefined): string {
  const code = status !== undefined ? ` (${status})` : '';
  switch (kind) {
    case 'auth':
      return `The API key was rejected${code}. Check the key set for this provider.`;
    case 'permission':
      return `The API key is not allowed to use this model or endpoint${code}.`;
    case 'not-found':
      return `The model or endpoint was not found${code}. Check the model id and the base URL.`;
    case 'rate-limit':
      return `The provider is limiting requests${code}.` + (waitMs !== undefined ? ` It asks to wait ${Math.ceil(waitMs / 1000)} s.` : '');
    case 'server':
      return status !== undefined ? `The provider had a server error${code}.` : 'The provider reported an error in the middle of the answer.';
    case 'bad-request':
      return `The provider refused the request${code}.`;
    case 'timeout':
      return `The provider did not answer in time${code}.`;
    case 'network':
      return 'Could not reach the provider: the connection failed or was cut.';
    case 'cancelled':
      return 'The request was cancelled.';
    case 'unknown':
      return 'The provider call failed unexpectedly.';
  }
}

function build(kind: ProviderErrorKind, detail: string | undefined, ctx: ErrorContext, status?: number, waitMs?: number): ProviderError {
  const clean = detail ? redactSecrets(detail, ctx.secrets).trim().slice(0, MAX_DETAIL_CHARS) : '';
  const message = describe(kind, status, waitMs) + (clean ? ` Details: ${clean}` : '');
  return {
    kind,
    message,
    ...(status !== undefined ? { status } : {}),
    ...(waitMs !== undefined ? { retryAfterMs: waitMs } : {}),
  };
}

/** Maps anything a provider call threw to a ProviderError. Never throws. */
export function toProviderError(err: unknown, ctx: ErrorContext = {}): ProviderError {
  const sdk = ctx.sdk;
  const message = err instanceof Error ? err.message : String(err);
  if (ctx.aborted || (sdk && err instanceof sdk.APIUserAbortError) || (err instanceof Error && err.name === 'AbortError')) {
    return build('cancelled', undefined, ctx);
  }
  if (sdk && err instanceof sdk.APIConnectionTimeoutError) return build('timeout', undefined, ctx);
  if (sdk && err instanceof sdk.APIConnectionError) {
    const cause = err.cause instanceof Error ? err.cause.message : undefined;
    return build('network', networkCode(err) ?? cause ?? message, ctx);
  }
  if (sdk && err instanceof sdk.APIError) {
    const api = err as unknown as ApiErrorFields;
    if (api.status === undefined) return build(inBandKind(api), apiDetail(api), ctx);
    const kind = STATUS_KINDS.find(([test]) => test(api.status ?? 0))?.[1] ?? 'unknown';
    const wait = kind === 'rate-limit' || kind === 'server' ? retryAfterMs(api.headers) : undefined;
    return build(kind, apiDetail(api), ctx, api.status, wait);
  }
  const code = networkCode(err);
  if (code || (err instanceof TypeError && /terminated|fetch failed|socket/i.test(message))) {
    return build('network', code ?? message, ctx);
  }
  return build('unknown', message, ctx);
}

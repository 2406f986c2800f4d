/**
 * Error responses, read the same bounded way for both SDKs. A failed response's body is read up to
 * {@link MAX_ERROR_BODY_BYTES} (a hostile server cannot make us buffer megabytes of error page), and a body that
 * carries its message somewhere other than the OpenAI shape `{"error": {"message"}}` is rewritten into that shape,
 * so the SDK keeps what the server said. FastAPI servers (Hugging Face `transformers serve`) answer
 * `{"detail": "…"}`, which the openai SDK otherwise reports as "400 status code (no body)".
 */

export const MAX_ERROR_BODY_BYTES = 16_384;
/** Characters of a server's message kept before the error mapping trims and scrubs it. */
const MAX_MESSAGE_CHARS = 2_000;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** FastAPI's `detail`: a string, or a list of validation problems `{loc: [...], msg}`. */
function detailText(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    const parts = detail.slice(0, 10).map((item) => {
      const problem = record(item);
      const msg = typeof problem?.['msg'] === 'string' ? problem['msg'] : JSON.stringify(item);
      const loc = Array.isArray(problem?.['loc']) ? `${(problem['loc'] as unknown[]).map(String).join('.')}: ` : '';
      return `${loc}${msg}`;
    });
    return parts.join('; ');
  }
  return detail === undefined || detail === null ? undefined : JSON.stringify(detail);
}

/**
 * The server's message when the body is JSON without an `error` object: `detail` (FastAPI), or a top-level
 * `message` / `error` string. Undefined when the body already has the usual shape or says nothing usable.
 */
export function serverMessageOf(body: unknown): string | undefined {
  const json = record(body);
  if (!json || record(json['error'])) return undefined;
  const text = detailText(json['detail']) ?? (typeof json['message'] === 'string' ? json['message'] : undefined) ?? (typeof json['error'] === 'string' ? json['error'] : undefined);
  return text?.trim() ? text.slice(0, MAX_MESSAGE_CHARS) : undefined;
}

async function readBounded(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size >= maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    if (truncated) void reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  const all = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, all.length - at);
    all.set(part, at);
    at += part.length;
    if (at >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Wraps `fetch` so every error response reaches the SDK with a bounded body in a shape it reads. */
export function withBoundedErrorBodies(fetchImpl: typeof fetch, maxBytes: number = MAX_ERROR_BODY_BYTES): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.ok || !response.body) return response;
    let text: string;
    try {
      text = await readBounded(response.body, maxBytes);
    } catch (err) {
      if (init?.signal?.aborted) throw err;
      text = '';
    }
    const message = serverMessageOf(parseJson(text));
    const json = record(parseJson(text));
    const body = message !== undefined ? JSON.stringify({ ...json, error: { message } }) : text;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };
}

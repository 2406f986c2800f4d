/**
 * What a fake provider answers for one request: the script vocabulary shared by the fake servers, the CLI
 * and the tests that drive them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AgentTurn } from './agentTurns';

export interface FakeScript {
  /** Delay before the first byte of the response (headers + first chunk). */
  delayMs?: number | undefined;
  /** Extra delay after the headers before the first content token. */
  firstTokenDelayMs?: number | undefined;
  /** Pacing of content chunks; 0 or undefined = as fast as possible. */
  tokensPerSecond?: number | undefined;
  /** Answer text, split into ~word-sized chunks ("tokens"). */
  text?: string | undefined;
  /** Reasoning / thinking text streamed before the answer. */
  reasoning?: string | undefined;
  /** Reported usage; undefined = counted from the chunks; false = never send usage. */
  usage?: { input: number; output: number; reasoning?: number | undefined } | false | undefined;
  fault?: FakeFault | undefined;
  /**
   * For agent CLIs (Claude Code, Codex): the tool calls and final message they are answered with, one model turn
   * per step (see agentTurns.ts). Requests that offer no tools get the plain `text` answer.
   */
  agentTurns?: AgentTurn[] | undefined;
}

export type FakeFault =
  /**
   * Answer with this HTTP status and the protocol's real error body (401, 429 + Retry-After, 500...), or with
   * `body` sent as it is (e.g. a FastAPI `{"detail": "…"}`).
   */
  | { type: 'status'; status: number; retryAfterSec?: number | undefined; message?: string | undefined; body?: string | undefined }
  /** Stop sending after this many content chunks and keep the socket open. */
  | { type: 'stall'; afterChunks: number }
  /** Destroy the socket after this many content chunks. */
  | { type: 'reset'; afterChunks: number }
  /** After this many content chunks send the protocol's in-band error (OpenAI `data: {"error"}`, Anthropic `event: error`). */
  | { type: 'in-band-error'; afterChunks: number }
  /** End the body without the terminal events ([DONE] / finish_reason, message_delta / message_stop). */
  | { type: 'no-terminal' }
  /** Split multi-byte UTF-8 characters across two TCP writes. */
  | { type: 'split-utf8' }
  /** A very large answer of exactly this many characters. */
  | { type: 'huge'; chars: number };

/** A script, or a list consumed one request at a time (the last entry repeats once the list is used up). */
export type FakeScriptEntry = FakeScript | FakeScript[];

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** Epoch ms when the request body was fully received. */
  receivedAt: number;
}

const DEFAULT_TEXT = 'Hello from the Parallax fake provider.';
/** Used by the `split-utf8` fault when the script has no text of its own. */
const UTF8_SAMPLE_TEXT = 'naïve — 你好 🚀';

/** Splits text into word-sized chunks whose concatenation is exactly the input. */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

const HUGE_CHUNK_CHARS = 8192;
const HUGE_LINE = 'The quick brown fox jumps over the lazy dog. 0123456789\n';

/** Exactly `chars` characters of filler text, in chunks large enough to stream megabytes quickly. */
function hugeTokens(chars: number): string[] {
  const text = HUGE_LINE.repeat(Math.ceil(chars / HUGE_LINE.length)).slice(0, chars);
  const tokens: string[] = [];
  for (let i = 0; i < text.length; i += HUGE_CHUNK_CHARS) tokens.push(text.slice(i, i + HUGE_CHUNK_CHARS));
  return tokens;
}

/** The answer chunks a script produces. */
export function answerTokens(script: FakeScript): string[] {
  if (script.fault?.type === 'huge') return hugeTokens(script.fault.chars);
  const fallback = script.fault?.type === 'split-utf8' ? UTF8_SAMPLE_TEXT : DEFAULT_TEXT;
  return splitIntoTokens(script.text ?? fallback);
}

export interface PlannedUsage {
  input: number;
  output: number;
  reasoning: number;
}

/** The usage a response reports: the script's numbers, or counts of the chunks sent; undefined = send none. */
export function plannedUsage(
  script: FakeScript,
  promptChars: number,
  answerCount: number,
  reasoningCount: number,
): PlannedUsage | undefined {
  if (script.usage === false) return undefined;
  if (script.usage) return { input: script.usage.input, output: script.usage.output, reasoning: script.usage.reasoning ?? 0 };
  return {
    input: Math.max(1, Math.ceil(promptChars / 4)),
    output: answerCount + reasoningCount,
    reasoning: reasoningCount,
  };
}

/**
 * What an agent CLI's output stream means, as events a column can show: its messages, tool calls ("edited
 * src/pagination.js", "ran npm test"), turns, usage and result. One parser per output format:
 *   claudeCodeStreamParser  `claude -p … --output-format stream-json --verbose`
 *   codexExecParser         `codex exec --json …`
 *   plainTextParser         aider, or any command: each line of output is a message
 * Parsers are fed raw stdout text in chunks of any size (a chunk may end inside a line) and never throw: a line
 * that is not what the format promises becomes a `malformed` event. Work is bounded: a line over 1 MB is dropped
 * (reported once as malformed), and past MAX_AGENT_EVENTS only `usage` and `result` events are still emitted.
 * `result.ok` says what the stream says; the runner still treats a non-zero exit or a kill as a failure.
 */

export type AgentEvent =
  | { type: 'init'; model?: string; sessionId?: string }
  /** Assistant text (final or intermediate). */
  | { type: 'message'; text: string }
  /** A tool call, summed up for people: "edited src/pagination.js", "ran npm test", "read src/a.js". */
  | { type: 'tool'; name: string; summary: string; detail?: string }
  /** A new model turn began (0-based). */
  | { type: 'turn'; index: number }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number; costUsd?: number; estimated: boolean }
  | { type: 'result'; ok: boolean; text?: string; durationMs?: number }
  /** A line the format did not explain, capped to MALFORMED_LINE_CHARS. */
  | { type: 'malformed'; line: string };

export interface AgentStreamParser {
  /** Raw stdout text; may split lines (and start or end mid-line). */
  push(chunk: string): AgentEvent[];
  /** The stream ended: parses a last line without a newline and closes the run. */
  end(): AgentEvent[];
}

/** A single line longer than this is dropped as malformed. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** Events per run before only usage and result get through. */
export const MAX_AGENT_EVENTS = 5000;
export const MALFORMED_LINE_CHARS = 200;
/** Tool summaries and details are cut to these lengths. */
export const SUMMARY_CHARS = 120;
export const DETAIL_CHARS = 4000;

export { claudeCodeStreamParser } from './claudeCodeStreamParser';
export { codexExecParser, type CodexExecParserOptions } from './codexExecParser';
export { plainTextParser } from './plainTextParser';

/**
 * TEMPORARY stub of the agentwire helper's interface (their file replaces this one on merge).
 */
export type AgentEvent =
  | { type: 'init'; model?: string; sessionId?: string }
  | { type: 'message'; text: string }
  | { type: 'tool'; name: string; summary: string; detail?: string }
  | { type: 'turn'; index: number }
  | { type: 'usage'; inputTokens?: number; outputTokens?: number; costUsd?: number; estimated: boolean }
  | { type: 'result'; ok: boolean; text?: string; durationMs?: number }
  | { type: 'malformed'; line: string };
export interface AgentStreamParser {
  push(chunk: string): AgentEvent[];
  end(): AgentEvent[];
}
function lines(onLine: (line: string) => AgentEvent[]): AgentStreamParser {
  let rest = '';
  return {
    push(chunk) {
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      return parts.flatMap(onLine);
    },
    end() {
      const last = rest;
      rest = '';
      return last === '' ? [] : onLine(last);
    },
  };
}
export function plainTextParser(): AgentStreamParser {
  return lines((line) => (line.trim() === '' ? [] : [{ type: 'message', text: line }]));
}
export function claudeCodeStreamParser(): AgentStreamParser {
  return plainTextParser();
}
export function codexExecParser(): AgentStreamParser {
  return plainTextParser();
}

/**
 * Codex CLI's `codex exec --json` lines: `thread.started`, `turn.started`, `item.started` / `item.updated` /
 * `item.completed` for agent messages, reasoning, command runs, file changes, MCP calls and web searches,
 * `error` notices (reconnects), then `turn.completed` with usage or `turn.failed`.
 * Codex reports tokens but no cost; file paths are absolute, so pass the checkout as `cwd` for short summaries.
 */
import { DETAIL_CHARS, SUMMARY_CHARS, type AgentEvent, type AgentStreamParser } from './agentEvents';
import { cap, commandSummary, jsonObject, lineStreamParser, malformed, num, rec, relativeTo, str } from './agentLineStream';

export interface CodexExecParserOptions {
  /** The agent's working directory: file paths under it are shown relative to it. */
  cwd?: string | undefined;
  /** The configured model, for the init event (Codex does not print it). */
  model?: string | undefined;
}

/** `/bin/bash -lc 'npm test'` → `npm test`: the command the model asked for, not its shell wrapper. */
export function unwrapShell(command: string): string {
  const match = /^(?:\/\S*\/)?(?:ba|z)?sh\s+-l?c\s+(.+)$/s.exec(command.trim());
  if (!match?.[1]) return command;
  const arg = match[1];
  if (arg.startsWith("'") && arg.endsWith("'")) return arg.slice(1, -1).replaceAll(`'\\''`, "'");
  if (arg.startsWith('"') && arg.endsWith('"')) return arg.slice(1, -1);
  return arg;
}

const CHANGE_VERBS: Record<string, string> = { add: 'created', delete: 'deleted', update: 'edited' };

export function codexExecParser(opts: CodexExecParserOptions = {}): AgentStreamParser {
  let turns = 0;
  let lastMessage: string | undefined;
  let lastError: string | undefined;
  let sawResult = false;

  const item = (raw: unknown): AgentEvent[] => {
    const it = rec(raw);
    switch (it.type) {
      case 'agent_message': {
        const text = str(it.text);
        if (!text) return [];
        lastMessage = text;
        return [{ type: 'message', text }];
      }
      case 'command_execution': {
        const command = unwrapShell(str(it.command) ?? '');
        const exit = num(it.exit_code);
        const output = str(it.aggregated_output) ?? '';
        return [
          {
            type: 'tool',
            name: 'shell',
            summary: `ran ${commandSummary(command, SUMMARY_CHARS - 4)}`,
            detail: cap(`${exit === undefined ? '' : `exit ${exit}\n`}${output}`, DETAIL_CHARS),
          },
        ];
      }
      case 'file_change': {
        const changes = Array.isArray(it.changes) ? (it.changes as unknown[]).map(rec) : [];
        return changes.map((c) => ({
          type: 'tool' as const,
          name: 'apply_patch',
          summary: cap(`${CHANGE_VERBS[str(c.kind) ?? ''] ?? 'changed'} ${relativeTo(str(c.path) ?? 'a file', opts.cwd)}`, SUMMARY_CHARS),
        }));
      }
      case 'mcp_tool_call':
        return [{ type: 'tool', name: 'mcp', summary: cap(`called ${str(it.server) ?? 'mcp'}.${str(it.tool) ?? 'tool'}`, SUMMARY_CHARS) }];
      case 'web_search':
        return [{ type: 'tool', name: 'web_search', summary: cap(`searched the web for ${str(it.query) ?? '…'}`, SUMMARY_CHARS) }];
      case 'error':
        lastError = str(it.message) ?? lastError;
        return [];
      default:
        // reasoning, todo_list…: not shown.
        return [];
    }
  };

  return lineStreamParser({
    line(line) {
      const o = jsonObject(line);
      if (!o || typeof o.type !== 'string') return [malformed(line)];
      switch (o.type) {
        case 'thread.started': {
          const sessionId = str(o.thread_id);
          return [{ type: 'init', ...(opts.model ? { model: opts.model } : {}), ...(sessionId ? { sessionId } : {}) }];
        }
        case 'turn.started':
          return [{ type: 'turn', index: turns++ }];
        case 'item.completed':
          return item(o.item);
        case 'error':
          lastError = str(o.message) ?? lastError;
          return [];
        case 'turn.completed': {
          sawResult = true;
          const usage = rec(o.usage);
          const inputTokens = num(usage.input_tokens);
          const outputTokens = num(usage.output_tokens);
          return [
            { type: 'usage', ...(inputTokens !== undefined ? { inputTokens } : {}), ...(outputTokens !== undefined ? { outputTokens } : {}), estimated: false },
            { type: 'result', ok: true, ...(lastMessage ? { text: lastMessage } : {}) },
          ];
        }
        case 'turn.failed': {
          sawResult = true;
          const text = str(rec(o.error).message) ?? lastError ?? 'The turn failed.';
          return [{ type: 'result', ok: false, text }];
        }
        default:
          // item.started / item.updated (the completed item carries the same), future events.
          return [];
      }
    },
    end() {
      return sawResult ? [] : [{ type: 'result', ok: false, text: lastError ?? 'Codex ended without finishing its turn.' }];
    },
  });
}

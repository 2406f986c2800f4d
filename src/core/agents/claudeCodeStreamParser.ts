/**
 * Claude Code's `--output-format stream-json --verbose` lines: `system`/`init`, then `assistant` messages (text and
 * tool_use blocks; one API message may come as several lines sharing its id), `user` messages carrying tool results,
 * and a closing `result` with usage, cost and duration.
 */
import { DETAIL_CHARS, SUMMARY_CHARS, type AgentEvent, type AgentStreamParser } from './agentEvents';
import { cap, commandSummary, jsonObject, lineStreamParser, malformed, num, rec, relativeTo, str } from './agentLineStream';

/** A tool_use block as people would say it. */
export function claudeToolSummary(name: string, input: Record<string, unknown>, cwd: string | undefined): string {
  const path = str(input.file_path) ?? str(input.notebook_path) ?? str(input.path);
  const rel = path === undefined ? undefined : relativeTo(path, cwd);
  switch (name) {
    case 'Read':
      return `read ${rel ?? 'a file'}`;
    case 'Edit':
    case 'MultiEdit':
    case 'NotebookEdit':
      return `edited ${rel ?? 'a file'}`;
    case 'Write':
      return `wrote ${rel ?? 'a file'}`;
    case 'Bash':
      return `ran ${commandSummary(str(input.command) ?? '', SUMMARY_CHARS - 4)}`;
    case 'Glob':
    case 'Grep':
      return `searched for ${str(input.pattern) ?? '…'}`;
    case 'WebFetch':
      return `fetched ${str(input.url) ?? 'a page'}`;
    case 'WebSearch':
      return `searched the web for ${str(input.query) ?? '…'}`;
    case 'Task':
    case 'Agent':
      return `started a sub-agent${str(input.description) ? `: ${str(input.description)}` : ''}`;
    case 'TodoWrite':
      return 'updated its to-do list';
    default:
      return `used ${name}`;
  }
}

export function claudeCodeStreamParser(): AgentStreamParser {
  let cwd: string | undefined;
  let turns = 0;
  let lastMessageId: string | undefined;
  let sawResult = false;

  const assistant = (message: Record<string, unknown>): AgentEvent[] => {
    const events: AgentEvent[] = [];
    const id = str(message.id);
    if (id === undefined || id !== lastMessageId) {
      events.push({ type: 'turn', index: turns++ });
      lastMessageId = id;
    }
    const content = Array.isArray(message.content) ? (message.content as unknown[]) : [];
    for (const raw of content) {
      const block = rec(raw);
      if (block.type === 'text' && str(block.text)?.trim()) events.push({ type: 'message', text: str(block.text) ?? '' });
      if (block.type === 'tool_use') {
        const name = str(block.name) ?? 'tool';
        const input = rec(block.input);
        events.push({ type: 'tool', name, summary: cap(claudeToolSummary(name, input, cwd), SUMMARY_CHARS), detail: cap(JSON.stringify(input), DETAIL_CHARS) });
      }
    }
    return events;
  };

  const result = (o: Record<string, unknown>): AgentEvent[] => {
    sawResult = true;
    const usage = rec(o.usage);
    const input = num(usage.input_tokens);
    const cached = (num(usage.cache_read_input_tokens) ?? 0) + (num(usage.cache_creation_input_tokens) ?? 0);
    const events: AgentEvent[] = [];
    const costUsd = num(o.total_cost_usd);
    const outputTokens = num(usage.output_tokens);
    if (input !== undefined || outputTokens !== undefined || costUsd !== undefined) {
      events.push({
        type: 'usage',
        ...(input !== undefined ? { inputTokens: input + cached } : {}),
        ...(outputTokens !== undefined ? { outputTokens } : {}),
        ...(costUsd !== undefined ? { costUsd } : {}),
        // Claude Code prices the tokens itself from its list prices; the numbers are its own report.
        estimated: false,
      });
    }
    const ok = o.is_error !== true && (o.subtype === undefined || o.subtype === 'success');
    const text = str(o.result) ?? (Array.isArray(o.errors) ? (o.errors as unknown[]).map(String).join('\n') : undefined) ?? (ok ? undefined : str(o.subtype));
    const durationMs = num(o.duration_ms);
    events.push({ type: 'result', ok, ...(text ? { text } : {}), ...(durationMs !== undefined ? { durationMs } : {}) });
    return events;
  };

  return lineStreamParser({
    line(line) {
      const o = jsonObject(line);
      if (!o || typeof o.type !== 'string') return [malformed(line)];
      switch (o.type) {
        case 'system':
          if (o.subtype !== 'init') return [];
        {
          cwd = str(o.cwd);
          const model = str(o.model);
          const sessionId = str(o.session_id);
          return [{ type: 'init', ...(model ? { model } : {}), ...(sessionId ? { sessionId } : {}) }];
        }
        case 'assistant':
          return typeof o.message === 'object' && o.message !== null ? assistant(rec(o.message)) : [malformed(line)];
        case 'result':
          return result(o);
        default:
          // user (tool results), stream_event, rate limit notices…: nothing to show.
          return [];
      }
    },
    end() {
      return sawResult ? [] : [{ type: 'result', ok: false, text: 'Claude Code ended without a result.' }];
    },
  });
}

/**
 * Agents with no structured output (aider, any command): each non-empty line is a message. There is no result
 * in such a stream, so the runner decides success from the exit code; end() only flushes a last partial line.
 */
import { cap, lineStreamParser } from './agentLineStream';
import { DETAIL_CHARS, type AgentStreamParser } from './agentEvents';

/** ANSI colour and cursor sequences that tools print even when not on a terminal. */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function plainTextParser(): AgentStreamParser {
  return lineStreamParser({
    line(line) {
      const text = line.replace(ANSI, '').trimEnd();
      return text.trim() === '' ? [] : [{ type: 'message', text: cap(text, DETAIL_CHARS) }];
    },
    end() {
      return [];
    },
  });
}

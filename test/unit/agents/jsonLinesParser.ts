/** The unit tests' own parser for fakeAgent.mjs: one AgentEvent per JSON line, anything else `malformed`. */
import type { AgentEvent, AgentStreamParser } from '../../../src/core/agents/agentEvents';

export function jsonLinesParser(): AgentStreamParser {
  let rest = '';
  const parse = (line: string): AgentEvent[] => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as AgentEvent];
    } catch {
      return [{ type: 'malformed', line }];
    }
  };
  return {
    push(chunk) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      return lines.flatMap(parse);
    },
    end() {
      const last = rest;
      rest = '';
      return parse(last);
    },
  };
}

export const FAKE_AGENT = `${__dirname}/fakeAgent.mjs`;

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

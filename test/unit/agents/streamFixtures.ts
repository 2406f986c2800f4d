/** The recorded agent streams (test/fixtures/agent-streams, written by realClis.test.ts) and ways to feed them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentEvent, AgentStreamParser } from '../../../src/core/agents/agentEvents';

export const FIXTURE_CWD = '/tmp/parallax-agent-fixture/checkout';

export function agentStream(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', 'agent-streams', name), 'utf8');
}

/** Feeds `text` in chunks of `size` characters (1 = every character on its own), then ends the stream. */
export function feed(parser: AgentStreamParser, text: string, size = text.length): AgentEvent[] {
  const events: AgentEvent[] = [];
  for (let i = 0; i < text.length; i += Math.max(1, size)) events.push(...parser.push(text.slice(i, i + size)));
  events.push(...parser.end());
  return events;
}

export const ofType = <T extends AgentEvent['type']>(events: AgentEvent[], type: T): Extract<AgentEvent, { type: T }>[] =>
  events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);

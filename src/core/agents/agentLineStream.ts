/**
 * The part every agent parser shares: cutting chunks into lines with a cap on line length, and a cap on the
 * events of one run.
 */
import { MALFORMED_LINE_CHARS, MAX_AGENT_EVENTS, MAX_LINE_CHARS, type AgentEvent, type AgentStreamParser } from './agentEvents';

export function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function malformed(line: string): AgentEvent {
  return { type: 'malformed', line: cap(line, MALFORMED_LINE_CHARS) };
}

/** What a format does with each complete line, and at the end of the stream. */
export interface LineHandler {
  line(text: string): AgentEvent[];
  end(): AgentEvent[];
}

/** Turns a line handler into a parser: line splitting, the 1 MB line cap and the per-run event cap. */
export function lineStreamParser(handler: LineHandler): AgentStreamParser {
  let partial = '';
  /** Inside a line that went over the cap: its rest is skipped up to the next newline. */
  let skipping = false;
  let emitted = 0;
  let capReported = false;

  const admit = (events: AgentEvent[]): AgentEvent[] => {
    const out: AgentEvent[] = [];
    for (const event of events) {
      if (event.type === 'usage' || event.type === 'result' || emitted < MAX_AGENT_EVENTS) {
        out.push(event);
        emitted++;
      } else if (!capReported) {
        capReported = true;
        out.push(malformed(`(more than ${MAX_AGENT_EVENTS} events: the rest of the output is not shown)`));
      }
    }
    return out;
  };

  const oneLine = (text: string): AgentEvent[] => {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    return line.trim() === '' ? [] : handler.line(line);
  };

  return {
    push(chunk: string): AgentEvent[] {
      const events: AgentEvent[] = [];
      let rest = chunk;
      for (;;) {
        const nl = rest.indexOf('\n');
        if (nl < 0) break;
        const piece = rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        if (skipping) {
          skipping = false;
          partial = '';
          continue;
        }
        const line = partial + piece;
        partial = '';
        if (line.length > MAX_LINE_CHARS) events.push(malformed(`(a line of ${line.length} characters was dropped) ${line}`));
        else events.push(...oneLine(line));
      }
      if (!skipping) {
        partial += rest;
        if (partial.length > MAX_LINE_CHARS) {
          events.push(malformed(`(a line over ${MAX_LINE_CHARS} characters was dropped) ${partial}`));
          partial = '';
          skipping = true;
        }
      }
      return admit(events);
    },
    end(): AgentEvent[] {
      const last = skipping ? [] : oneLine(partial);
      partial = '';
      skipping = false;
      return admit([...last, ...handler.end()]);
    },
  };
}

/** A JSON object line, or undefined when the line is not one. */
export function jsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** `path` relative to `cwd` when it lies inside it, else as given. */
export function relativeTo(path: string, cwd: string | undefined): string {
  if (!cwd) return path;
  const base = cwd.replace(/[\\/]+$/, '');
  if (path === base) return '.';
  return path.startsWith(`${base}/`) || path.startsWith(`${base}\\`) ? path.slice(base.length + 1) : path;
}

/** A command line for a summary: its first line, cut short. */
export function commandSummary(command: string, max: number): string {
  const first = command.split('\n')[0] ?? '';
  return cap(first === command ? first : `${first} …`, max);
}

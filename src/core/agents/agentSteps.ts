/**
 * How an agent's events read in its column: plain Markdown (so the results panel needs nothing new) — its
 * messages as paragraphs, each tool call as a list line ("edited src/pagination.js", "ran npm test"), each turn
 * as a small heading, and at the end the checkout's diff in a ```diff fence, which the patch-set pipeline turns
 * into a multi-file Diff / Apply / Verify like any model's multi-file answer.
 */
import { fenced } from '../prompts/codeFence';
import type { AgentEvent } from './agentEvents';

/** Characters that would start Markdown syntax in a one-line summary. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}

export interface AgentTally {
  turns: number;
  tools: number;
  malformed: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  /** The usage numbers are the agent's estimates (or none were reported). */
  usageEstimated: boolean;
  result?: { ok: boolean; text?: string };
}

/** Renders events one by one, keeping the counts a run's summary line needs. */
export class AgentStepRenderer {
  readonly tally: AgentTally = { turns: 0, tools: 0, malformed: 0, usageEstimated: true };
  private inList = false;
  private lastMessage: string | undefined;

  constructor(private readonly agentName: string) {}

  /** The Markdown to append for one event ('' when it shows nothing). */
  render(event: AgentEvent): string {
    switch (event.type) {
      case 'init':
        return this.block(`*${inline(this.agentName)} started${event.model ? ` · model ${inline(event.model)}` : ''}*`);
      case 'message': {
        const text = event.text.trim();
        if (text === '') return '';
        this.lastMessage = text;
        return this.block(text);
      }
      case 'tool': {
        this.tally.tools++;
        const start = this.inList ? '' : '\n';
        this.inList = true;
        return `${start}- \`${event.name.replace(/`/g, '')}\` ${inline(event.summary)}\n`;
      }
      case 'turn':
        // Turn indices are 0-based; people count turns from 1.
        this.tally.turns = Math.max(this.tally.turns, event.index + 1);
        return this.block(`**Turn ${event.index + 1}**`);
      case 'usage':
        if (event.inputTokens !== undefined) this.tally.inputTokens = event.inputTokens;
        if (event.outputTokens !== undefined) this.tally.outputTokens = event.outputTokens;
        if (event.costUsd !== undefined) this.tally.costUsd = event.costUsd;
        this.tally.usageEstimated = event.estimated;
        return '';
      case 'result': {
        this.tally.result = { ok: event.ok, ...(event.text !== undefined ? { text: event.text } : {}) };
        const text = event.text?.trim();
        if (!text || text === this.lastMessage) return '';
        this.lastMessage = text;
        return this.block(event.ok ? text : `**The agent reported a failure:** ${text}`);
      }
      case 'malformed':
        this.tally.malformed++;
        return '';
    }
  }

  /** The closing part: what changed (a diff fence, or a sentence when nothing did) and the run's counts. */
  closing(diff: string | undefined, note?: string): string {
    const parts: string[] = [];
    if (diff === undefined) parts.push('*The checkout’s changes could not be read.*');
    else if (diff.trim() === '') parts.push('*The agent changed no files.*');
    else parts.push('**Changes in its checkout:**', fenced(diff, 'diff'));
    const counts = [
      `${this.tally.turns} turn${this.tally.turns === 1 ? '' : 's'}`,
      `${this.tally.tools} tool call${this.tally.tools === 1 ? '' : 's'}`,
      ...(this.tally.costUsd !== undefined ? [`cost ${this.tally.usageEstimated ? '≈' : ''}$${this.tally.costUsd.toFixed(4)} (reported by ${this.agentName})`] : []),
      ...(this.tally.malformed > 0 ? [`${this.tally.malformed} unreadable output line${this.tally.malformed === 1 ? '' : 's'}`] : []),
    ];
    parts.push(`*${counts.join(' · ')}. The full log: “Parallax: Open Agent Transcript”.*`);
    if (note) parts.push(`*${inline(note)}*`);
    return this.block(parts.join('\n\n'));
  }

  private block(text: string): string {
    const start = this.inList ? '\n' : '';
    this.inList = false;
    return `${start}${text}\n\n`;
  }
}

/**
 * Anthropic messages answers for an agent (Claude Code): the scripted step as `tool_use` content blocks for its
 * Read / Edit / Write / Bash tools, or the final text turn, streamed with the real SSE events.
 */
import { randomUUID } from 'node:crypto';
import { absolutePath, agentSteps, stepAt, type AgentStep, type ToolCall } from './agentTurns';
import { anthropicEvent, anthropicMessagePlan, contentBlock, type AnthropicRequestBody } from './anthropicWire';
import { plannedUsage, splitIntoTokens, type FakeScript } from './fakeScript';
import type { SseFrame, SsePlan } from './sseStreamer';

const event = anthropicEvent;

interface ContentBlock {
  type?: unknown;
  text?: unknown;
}

function blocksOf(content: unknown): ContentBlock[] {
  return Array.isArray(content) ? (content as ContentBlock[]) : [];
}

/** Tool calls the conversation already holds: the index of the next scripted step. */
export function anthropicToolCallsSoFar(body: AnthropicRequestBody): number {
  if (!Array.isArray(body.messages)) return 0;
  return (body.messages as { role?: unknown; content?: unknown }[])
    .filter((m) => m.role === 'assistant')
    .reduce((n, m) => n + blocksOf(m.content).filter((b) => b.type === 'tool_use').length, 0);
}

/** Claude Code names its working directory in the system prompt ("Primary working directory: /path"). */
export function claudeCodeCwd(body: AnthropicRequestBody): string | undefined {
  const texts: string[] = [];
  const collect = (content: unknown): void => {
    if (typeof content === 'string') texts.push(content);
    for (const b of blocksOf(content)) if (typeof b.text === 'string') texts.push(b.text);
  };
  collect(body.system);
  if (Array.isArray(body.messages)) for (const m of body.messages as { content?: unknown }[]) collect(m.content);
  for (const text of texts) {
    const match = /Primary working directory: *(\S+)/.exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** Whether the request offers the tool (Claude Code sends its whole tool list with every turn). */
function offersTool(body: AnthropicRequestBody & { tools?: unknown }, name: string): boolean {
  return Array.isArray(body.tools) && (body.tools as { name?: unknown }[]).some((t) => t.name === name);
}

function toolUse(call: ToolCall, cwd: string | undefined): { name: string; input: Record<string, unknown> } {
  switch (call.tool) {
    case 'edit':
      return { name: 'Edit', input: { file_path: absolutePath(call.path, cwd), old_string: call.oldText, new_string: call.newText } };
    case 'write':
      return { name: 'Write', input: { file_path: absolutePath(call.path, cwd), content: call.content } };
    case 'read':
      return { name: 'Read', input: { file_path: absolutePath(call.path, cwd) } };
    case 'shell':
      return { name: 'Bash', input: { command: call.command, description: `Run ${call.command}` } };
  }
}

/** Cuts a JSON text into a few pieces, as the real API streams `input_json_delta`s. */
function jsonPieces(json: string): string[] {
  const size = Math.max(16, Math.ceil(json.length / 4));
  const pieces: string[] = [];
  for (let i = 0; i < json.length; i += size) pieces.push(json.slice(i, i + size));
  return pieces;
}

function textBlock(index: number, text: string): SseFrame[] {
  const deltas = splitIntoTokens(text).map((t) => ({ sse: event('content_block_delta', { index, delta: { type: 'text_delta', text: t } }), token: true }));
  return contentBlock(index, { type: 'text', text: '' }, deltas);
}

function toolBlock(index: number, call: ToolCall, cwd: string | undefined): SseFrame[] {
  const { name, input } = toolUse(call, cwd);
  const start = { type: 'tool_use', id: `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`, name, input: {} };
  const deltas = jsonPieces(JSON.stringify(input)).map((partial_json) => ({
    sse: event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }),
    token: true,
  }));
  return contentBlock(index, start, deltas);
}

/** The step this request gets: none when the script has no agent turns or the request offers no tools. */
export function anthropicAgentStep(body: AnthropicRequestBody, script: FakeScript): AgentStep | undefined {
  if (!script.agentTurns || !offersTool(body, 'Edit')) return undefined;
  return stepAt(agentSteps(script.agentTurns, { readBeforeEdit: true }), anthropicToolCallsSoFar(body));
}

export function anthropicAgentPlan(body: AnthropicRequestBody, script: FakeScript, step: AgentStep): SsePlan {
  const model = typeof body.model === 'string' ? body.model : 'unknown';
  const cwd = claudeCodeCwd(body);
  const frames: SseFrame[] = [];
  const text = step.kind === 'text' ? step.text : step.say;
  if (text) frames.push(...textBlock(0, text));
  if (step.kind === 'tool') frames.push(...toolBlock(text ? 1 : 0, step.call, cwd));
  const promptChars = JSON.stringify(body.messages ?? []).length;
  const usage = plannedUsage(script, promptChars, frames.filter((f) => f.token).length, 0);
  return anthropicMessagePlan(model, frames, step.kind === 'tool' ? 'tool_use' : 'end_turn', usage && { input: usage.input, output: usage.output });
}

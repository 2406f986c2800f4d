/**
 * OpenAI Responses API wire format (`POST /v1/responses`), as Codex CLI 0.171 speaks it: the streamed events
 * (`response.created` … `response.completed`), the whole-response body, and scripted agent steps as tool calls for
 * the tools the request offers (a custom or function `apply_patch`, `exec_command`, `shell`).
 */
import { randomUUID } from 'node:crypto';
import { agentSteps, applyPatchText, readCommand, stepAt, type AgentStep, type ToolCall } from './agentTurns';
import { answerTokens, plannedUsage, splitIntoTokens, type FakeScript } from './fakeScript';
import type { SseFrame, SsePlan } from './sseStreamer';

export interface ResponsesRequestBody {
  model?: unknown;
  input?: unknown;
  instructions?: unknown;
  tools?: unknown;
  stream?: unknown;
  reasoning?: unknown;
}

interface InputItem {
  type?: unknown;
  content?: unknown;
}

const TOOL_CALL_TYPES = new Set(['function_call', 'custom_tool_call', 'local_shell_call']);

function inputItems(body: ResponsesRequestBody): InputItem[] {
  return Array.isArray(body.input) ? (body.input as InputItem[]) : [];
}

/** Tool calls the conversation already holds: the index of the next scripted step. */
export function responsesToolCallsSoFar(body: ResponsesRequestBody): number {
  return inputItems(body).filter((item) => typeof item.type === 'string' && TOOL_CALL_TYPES.has(item.type)).length;
}

function inputTexts(body: ResponsesRequestBody): string[] {
  const texts: string[] = typeof body.input === 'string' ? [body.input] : [];
  for (const item of inputItems(body)) {
    if (typeof item.content === 'string') texts.push(item.content);
    if (Array.isArray(item.content)) for (const part of item.content as { text?: unknown }[]) if (typeof part.text === 'string') texts.push(part.text);
  }
  return texts;
}

/** Characters of prompt text, for default usage counts. */
export function responsesPromptChars(body: ResponsesRequestBody): number {
  return inputTexts(body).reduce((sum, t) => sum + t.length, typeof body.instructions === 'string' ? body.instructions.length : 0);
}

/** Codex names its working directory in the environment context it sends (`<cwd>/path</cwd>`). */
export function codexCwd(body: ResponsesRequestBody): string | undefined {
  for (const text of inputTexts(body)) {
    const match = /<cwd>([^<]+)<\/cwd>/.exec(text);
    if (match?.[1]) return match[1].trim();
  }
  return undefined;
}

type OfferedTool = { type: 'custom' | 'function'; name: string };

function offeredTools(body: ResponsesRequestBody): OfferedTool[] {
  if (!Array.isArray(body.tools)) return [];
  return (body.tools as { type?: unknown; name?: unknown }[]).flatMap((t) =>
    (t.type === 'custom' || t.type === 'function') && typeof t.name === 'string' ? [{ type: t.type, name: t.name }] : [],
  );
}

/** The step this request gets: none when the script has no agent turns or the request offers no tools. */
export function responsesAgentStep(body: ResponsesRequestBody, script: FakeScript): AgentStep | undefined {
  if (!script.agentTurns || offeredTools(body).length === 0) return undefined;
  return stepAt(agentSteps(script.agentTurns, { readBeforeEdit: false }), responsesToolCallsSoFar(body));
}

/** How a tool call goes out: a custom tool's free-form input, or a function's JSON arguments. */
type CallItem = { type: 'custom_tool_call'; name: string; input: string } | { type: 'function_call'; name: string; arguments: string };

function shellItem(command: string, tools: OfferedTool[]): CallItem {
  const names = new Set(tools.map((t) => t.name));
  if (names.has('exec_command')) return { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: command }) };
  if (names.has('shell_command')) return { type: 'function_call', name: 'shell_command', arguments: JSON.stringify({ command }) };
  return { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', command] }) };
}

export function callItemFor(call: ToolCall, tools: OfferedTool[]): CallItem {
  if (call.tool === 'shell') return shellItem(call.command, tools);
  if (call.tool === 'read') return shellItem(readCommand(call.path), tools);
  const patch = applyPatchText(call);
  const applyPatch = tools.find((t) => t.name === 'apply_patch');
  if (applyPatch?.type === 'custom') return { type: 'custom_tool_call', name: 'apply_patch', input: patch };
  if (applyPatch?.type === 'function') return { type: 'function_call', name: 'apply_patch', arguments: JSON.stringify({ input: patch }) };
  // No apply_patch tool (a model Codex has no metadata for): Codex runs apply_patch given to its shell itself.
  return shellItem(`apply_patch <<'PATCH'\n${patch}PATCH`, tools);
}

const id = (prefix: string): string => `${prefix}_${randomUUID().replaceAll('-', '')}`;

/** Builds the ordered events of one response, numbering them as the real API does. */
class EventList {
  private seq = 0;
  readonly output: Record<string, unknown>[] = [];

  event(type: string, payload: Record<string, unknown>): string {
    return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: this.seq++, ...payload })}\n\n`;
  }

  frame(type: string, payload: Record<string, unknown>, token = false): SseFrame {
    return { sse: this.event(type, payload), token };
  }
}

function pieces(text: string): string[] {
  const size = Math.max(16, Math.ceil(text.length / 4));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function messageFrames(list: EventList, text: string): SseFrame[] {
  const itemId = id('msg');
  const output_index = list.output.length;
  const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
  list.output.push(item);
  const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
  return [
    list.frame('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', content: [] } }),
    list.frame('response.content_part.added', { item_id: itemId, output_index, content_index: 0, part }),
    ...splitIntoTokens(text).map((delta) =>
      list.frame('response.output_text.delta', { item_id: itemId, output_index, content_index: 0, delta, logprobs: [] }, true),
    ),
    list.frame('response.output_text.done', { item_id: itemId, output_index, content_index: 0, text, logprobs: [] }),
    list.frame('response.content_part.done', { item_id: itemId, output_index, content_index: 0, part: { ...part, text } }),
    list.frame('response.output_item.done', { output_index, item }),
  ];
}

function reasoningFrames(list: EventList, text: string): SseFrame[] {
  const itemId = id('rs');
  const output_index = list.output.length;
  const item = { id: itemId, type: 'reasoning', summary: [{ type: 'summary_text', text }] };
  list.output.push(item);
  const at = { item_id: itemId, output_index, summary_index: 0 };
  return [
    list.frame('response.output_item.added', { output_index, item: { ...item, summary: [] } }),
    list.frame('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } }),
    ...splitIntoTokens(text).map((delta) => list.frame('response.reasoning_summary_text.delta', { ...at, delta }, true)),
    list.frame('response.reasoning_summary_text.done', { ...at, text }),
    list.frame('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text } }),
    list.frame('response.output_item.done', { output_index, item }),
  ];
}

function callFrames(list: EventList, call: CallItem): SseFrame[] {
  const itemId = id(call.type === 'custom_tool_call' ? 'ctc' : 'fc');
  const output_index = list.output.length;
  const item = { id: itemId, call_id: id('call'), status: 'completed', ...call };
  list.output.push(item);
  const [text, field, deltaType, doneType] =
    call.type === 'custom_tool_call'
      ? [call.input, 'input', 'response.custom_tool_call_input.delta', 'response.custom_tool_call_input.done']
      : [call.arguments, 'arguments', 'response.function_call_arguments.delta', 'response.function_call_arguments.done'];
  return [
    list.frame('response.output_item.added', { output_index, item: { ...item, status: 'in_progress', [field]: '' } }),
    ...pieces(text).map((delta) => list.frame(deltaType, { item_id: itemId, output_index, delta }, true)),
    list.frame(doneType, { item_id: itemId, output_index, [field]: text }),
    list.frame('response.output_item.done', { output_index, item }),
  ];
}

/** The Responses `usage` object. */
export function responsesUsage(usage: { input: number; output: number; reasoning?: number | undefined }): Record<string, unknown> {
  return {
    input_tokens: usage.input,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: usage.output,
    output_tokens_details: { reasoning_tokens: usage.reasoning ?? 0 },
    total_tokens: usage.input + usage.output,
  };
}

function responseObject(body: ResponsesRequestBody, status: string, output: unknown[], usage: Record<string, unknown> | null): Record<string, unknown> {
  return {
    id: 'resp_pending',
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status,
    error: null,
    incomplete_details: null,
    model: typeof body.model === 'string' ? body.model : 'unknown',
    output,
    parallel_tool_calls: true,
    store: false,
    tool_choice: 'auto',
    usage,
  };
}

interface BuiltResponse {
  list: EventList;
  frames: SseFrame[];
  usage: Record<string, unknown> | null;
}

function build(body: ResponsesRequestBody, script: FakeScript, step: AgentStep | undefined): BuiltResponse {
  const list = new EventList();
  // created / in_progress are numbered first: they go out before every other frame.
  list.frame('response.created', {});
  list.frame('response.in_progress', {});
  const frames: SseFrame[] = [];
  const wantsReasoning = typeof body.reasoning === 'object' && body.reasoning !== null;
  if (script.reasoning && wantsReasoning) frames.push(...reasoningFrames(list, script.reasoning));
  if (step === undefined) {
    frames.push(...messageFrames(list, answerTokens(script).join('')));
  } else {
    const text = step.kind === 'text' ? step.text : step.say;
    if (text) frames.push(...messageFrames(list, text));
    if (step.kind === 'tool') frames.push(...callFrames(list, callItemFor(step.call, offeredTools(body))));
  }
  const reasoningCount = script.reasoning && wantsReasoning ? splitIntoTokens(script.reasoning).length : 0;
  const planned = plannedUsage(script, responsesPromptChars(body), frames.filter((f) => f.token).length - reasoningCount, reasoningCount);
  return { list, frames, usage: planned ? responsesUsage(planned) : null };
}

/** A streamed response: a plain answer from the script's text, or the scripted agent step. */
export function responsesStreamPlan(body: ResponsesRequestBody, script: FakeScript, step: AgentStep | undefined): SsePlan {
  const { list, frames, usage } = build(body, script, step);
  const responseId = id('resp');
  const withId = (r: Record<string, unknown>): Record<string, unknown> => ({ ...r, id: responseId });
  // Re-render the two opening events with the response they describe (their numbers 0 and 1 were reserved).
  const opening = new EventList();
  const head = [
    opening.event('response.created', { response: withId(responseObject(body, 'in_progress', [], null)) }),
    opening.event('response.in_progress', { response: withId(responseObject(body, 'in_progress', [], null)) }),
  ];
  return {
    head,
    body: frames,
    tail: [list.event('response.completed', { response: withId(responseObject(body, 'completed', list.output, usage)) })],
    inBandError: list.event('response.failed', {
      response: withId({ ...responseObject(body, 'failed', [], null), error: { code: 'server_error', message: 'The server had an error while processing your request.' } }),
    }),
  };
}

/** `stream: false`: the completed response as one JSON body. */
export function responsesBody(body: ResponsesRequestBody, script: FakeScript, step: AgentStep | undefined): string {
  const { list, usage } = build(body, script, step);
  return JSON.stringify({ ...responseObject(body, 'completed', list.output, usage), id: id('resp') });
}

/** The Responses API error body (the same shape as chat completions'). */
export { openaiErrorBody as responsesErrorBody } from './openaiWire';

/**
 * Scripted agent conversations: the fake servers answer an agent CLI (Claude Code, Codex) with tool calls so the
 * real CLI makes real edits in its checkout, then with a final message.
 *
 * A script's `agentTurns` is a list of steps, e.g.
 *   [{ edit: { path: 'src/pagination.js', oldText: '  const end = start + pageSize - 1;', newText: '  const end = start + pageSize;' } },
 *    { shell: 'npm test' },
 *    { text: 'Fixed the off-by-one in paginate().' }]
 * - `edit`: replace `oldText` (whole lines: Codex's apply_patch works on lines) with `newText` in `path` (relative
 *   to the agent's working directory, or absolute).
 * - `write`: create or overwrite `path` with `content`.
 * - `read`: read `path`.
 * - `shell`: run a command line.
 * - `text`: the final message; it ends the run. A run with no `text` step ends with a short default message.
 * `say` on a tool step is assistant text sent before the tool call in the same turn.
 *
 * Turns are chosen statelessly: the number of tool calls already in the request's conversation is the index of the
 * next step, so retries and parallel runs of the same script each get the right turn.
 */

export type AgentTurn =
  | { edit: { path: string; oldText: string; newText: string }; say?: string | undefined }
  | { write: { path: string; content: string }; say?: string | undefined }
  | { read: string; say?: string | undefined }
  | { shell: string; say?: string | undefined }
  | { text: string };

/** One model response the fake sends: a tool call (with optional text before it), or the final text. */
export type AgentStep =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; say?: string | undefined; call: ToolCall };

export type ToolCall =
  | { tool: 'edit'; path: string; oldText: string; newText: string }
  | { tool: 'write'; path: string; content: string }
  | { tool: 'read'; path: string }
  | { tool: 'shell'; command: string };

export const DEFAULT_FINAL_TEXT = 'Done.';

function toolCallOf(turn: Exclude<AgentTurn, { text: string }>): ToolCall {
  if ('edit' in turn) return { tool: 'edit', ...turn.edit };
  if ('write' in turn) return { tool: 'write', ...turn.write };
  if ('read' in turn) return { tool: 'read', path: turn.read };
  return { tool: 'shell', command: turn.shell };
}

/**
 * The responses the fake sends, in order. `readBeforeEdit`: Claude Code refuses to edit a file it has not read in
 * this session, so for it every edit of a path not yet read is preceded by a read of that path.
 */
export function agentSteps(turns: AgentTurn[], opts: { readBeforeEdit: boolean }): AgentStep[] {
  const steps: AgentStep[] = [];
  const read = new Set<string>();
  for (const turn of turns) {
    if ('text' in turn) {
      steps.push({ kind: 'text', text: turn.text });
      return steps;
    }
    const call = toolCallOf(turn);
    if (opts.readBeforeEdit && call.tool === 'edit' && !read.has(call.path)) {
      steps.push({ kind: 'tool', call: { tool: 'read', path: call.path } });
    }
    if (call.tool === 'read' || call.tool === 'edit' || call.tool === 'write') read.add(call.path);
    steps.push({ kind: 'tool', say: turn.say, call });
  }
  steps.push({ kind: 'text', text: DEFAULT_FINAL_TEXT });
  return steps;
}

/** The step for a request that already holds `toolCallsSoFar` tool calls (past the end: the final text). */
export function stepAt(steps: AgentStep[], toolCallsSoFar: number): AgentStep {
  return steps[Math.min(toolCallsSoFar, steps.length - 1)] ?? { kind: 'text', text: DEFAULT_FINAL_TEXT };
}

/** `path` made absolute against the agent's working directory (when known and the path is relative). */
export function absolutePath(path: string, cwd: string | undefined): string {
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || !cwd) return path;
  return `${cwd.replace(/[\\/]+$/, '')}/${path}`;
}

const lines = (text: string): string[] => text.replace(/\r?\n$/, '').split(/\r?\n/);

/** A patch in the apply_patch format Codex's tool takes (`*** Begin Patch` … `*** End Patch`). */
export function applyPatchText(call: Extract<ToolCall, { tool: 'edit' } | { tool: 'write' }>): string {
  const body =
    call.tool === 'edit'
      ? [`*** Update File: ${call.path}`, '@@', ...lines(call.oldText).map((l) => `-${l}`), ...lines(call.newText).map((l) => `+${l}`)]
      : [`*** Add File: ${call.path}`, ...lines(call.content).map((l) => `+${l}`)];
  return ['*** Begin Patch', ...body, '*** End Patch', ''].join('\n');
}

/** A shell command line that prints a file, for agents whose only way to read is the shell. */
export function readCommand(path: string): string {
  return `cat ${shellQuote(path)}`;
}

export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

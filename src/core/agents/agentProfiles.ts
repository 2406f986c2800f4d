/**
 * The built-in agent profiles: for each, the program's argv (never a shell) and what it is told it may do. Every
 * profile keeps the agent's edits inside its checkout with the agent's own permission or sandbox options; none ever
 * passes a "skip all permissions" flag (`--dangerously-skip-permissions`,
 * `--dangerously-bypass-approvals-and-sandbox`, `--yolo`).
 */
export const AGENT_PROFILE_IDS = ['claude-code', 'codex', 'aider', 'command'] as const;
export type AgentProfileId = (typeof AGENT_PROFILE_IDS)[number];

/** Claude Code tools allowed without asking: reading and editing files (in its working directory) and the tests. */
export const CLAUDE_ALLOWED_TOOLS: readonly string[] = [
  'Read', 'Edit', 'MultiEdit', 'Write', 'Glob', 'Grep', 'LS', 'NotebookEdit', 'TodoWrite',
  'Bash(npm test:*)', 'Bash(npm run test:*)', 'Bash(git diff:*)', 'Bash(git status:*)',
];
/** Never allowed: the agent gets no network tools. */
export const CLAUDE_DISALLOWED_TOOLS: readonly string[] = ['WebFetch', 'WebSearch'];

/** Flags no profile ever passes (checked by the unit tests and by {@link agentLaunch} for `command` templates too). */
export const FORBIDDEN_FLAGS: readonly string[] = ['--dangerously-skip-permissions', '--dangerously-bypass-approvals-and-sandbox', '--yolo', '--full-auto-unsafe'];

export interface AgentProfile {
  id: AgentProfileId;
  /** As the user sees it: "Claude Code", "Codex". */
  name: string;
  /** The program looked up on PATH when `parallax.agents.paths` names none (none for `command`). */
  defaultBinary?: string;
  /** The variable the CLI reads its key from (aider and command: the entry's `apiKeyEnv`). */
  keyVariable?: string;
  /** Which stream parser reads its stdout. */
  output: 'claude-code' | 'codex' | 'text';
  /** What it may do, for the confirmation and the README. */
  mayDo: string;
}

export const AGENT_PROFILES: Readonly<Record<AgentProfileId, AgentProfile>> = {
  'claude-code': {
    id: 'claude-code',
    name: 'Claude Code',
    defaultBinary: 'claude',
    keyVariable: 'ANTHROPIC_API_KEY',
    output: 'claude-code',
    mayDo: `read and edit files in its own checkout (permission mode acceptEdits; allowed tools: ${CLAUDE_ALLOWED_TOOLS.join(', ')}); no web tools; other commands are refused`,
  },
  codex: {
    id: 'codex',
    name: 'Codex',
    defaultBinary: 'codex',
    keyVariable: 'OPENAI_API_KEY',
    output: 'codex',
    mayDo: 'read files, edit files and run commands in its own checkout, inside its workspace-write sandbox (no writes elsewhere, no network for commands)',
  },
  aider: {
    id: 'aider',
    name: 'aider',
    defaultBinary: 'aider',
    output: 'text',
    mayDo: 'edit files in its own checkout (no commits, no shell commands suggested or run)',
  },
  command: {
    id: 'command',
    name: 'Command',
    output: 'text',
    mayDo: 'run with the arguments in your settings, in its own checkout (it is not sandboxed: it can do whatever that program does)',
  },
};

export interface AgentLaunchInput {
  profile: AgentProfileId;
  /** The resolved program (absolute path or a name on PATH). For `command`, the template's first element. */
  program: string;
  /** The task text (also in `taskFile`). */
  task: string;
  taskFile: string;
  /** A model to ask the CLI for; none: its default. */
  model?: string;
  /** `command`: the argv template after the program, with `{task}` / `{taskFile}` placeholders. */
  commandArgs?: readonly string[];
  /** A base URL for the CLI's API (its own variable or config override). */
  baseUrl?: string;
}

export interface AgentLaunch {
  program: string;
  args: string[];
  /** Variables the profile adds to the minimal environment (no key: see agentEnvironment.ts). */
  env: Record<string, string>;
}

/** `{task}` and `{taskFile}` substituted in each argument; no shell ever sees them. */
export function substituteTemplate(args: readonly string[], task: string, taskFile: string): string[] {
  return args.map((arg) => arg.replace(/\{task\}|\{taskFile\}/g, (m) => (m === '{task}' ? task : taskFile)));
}

/** A TOML basic string (for `codex -c key=value`). */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

export function agentLaunch(input: AgentLaunchInput): AgentLaunch {
  const model = input.model ? ['--model', input.model] : [];
  switch (input.profile) {
    case 'claude-code': {
      const env: Record<string, string> = { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_TELEMETRY: '1', DISABLE_AUTOUPDATER: '1', DISABLE_ERROR_REPORTING: '1' };
      if (input.baseUrl) env.ANTHROPIC_BASE_URL = input.baseUrl;
      return {
        program: input.program,
        args: ['-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits', '--allowedTools', CLAUDE_ALLOWED_TOOLS.join(','), '--disallowedTools', CLAUDE_DISALLOWED_TOOLS.join(','), ...model, '--', input.task],
        env,
      };
    }
    case 'codex': {
      const provider = input.baseUrl
        ? ['-c', 'model_provider="parallax"', '-c', 'model_providers.parallax.name="Parallax endpoint"', '-c', `model_providers.parallax.base_url=${tomlString(input.baseUrl)}`, '-c', 'model_providers.parallax.env_key="OPENAI_API_KEY"', '-c', 'model_providers.parallax.wire_api="responses"']
        : [];
      return { program: input.program, args: ['exec', '--json', '--sandbox', 'workspace-write', '--skip-git-repo-check', ...provider, ...model, '--', input.task], env: {} };
    }
    case 'aider': {
      const env: Record<string, string> = {};
      if (input.baseUrl) env.OPENAI_API_BASE = input.baseUrl;
      return {
        program: input.program,
        args: ['--message-file', input.taskFile, '--yes-always', '--no-auto-commits', '--no-dirty-commits', '--no-suggest-shell-commands', '--no-check-update', '--analytics-disable', '--no-pretty', '--no-stream', ...model],
        env,
      };
    }
    case 'command': {
      const args = substituteTemplate(input.commandArgs ?? [], input.task, input.taskFile);
      const forbidden = args.find((a) => FORBIDDEN_FLAGS.includes(a));
      if (forbidden) throw new Error(`The command passes ${forbidden}, which Parallax never runs: agents keep their permission checks.`);
      return { program: input.program, args, env: {} };
    }
  }
}

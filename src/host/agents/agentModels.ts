/**
 * From an agent entry of `parallax.models` to a contestant the engine runs: its program (user settings or PATH),
 * its key (SecretStorage or the user's environment, passed only to it), the trust and one-time confirmation, and
 * the workspace folder its checkout is made of. Registered once at activation (`setAgentRuntime`).
 */
import * as vscode from 'vscode';
import { claudeCodeStreamParser, codexExecParser, plainTextParser, type AgentStreamParser } from '../../core/agents/agentEvents';
import { AgentProvider } from '../../core/agents/agentProvider';
import { AGENT_PROFILES, type AgentProfileId } from '../../core/agents/agentProfiles';
import type { CompareModel } from '../../core/compare/compareEngine';
import type { ModelConfig } from '../../core/config/modelConfig';
import { modelSpecFrom, providerRequestFrom } from '../../core/config/modelRequest';
import type { ChatMessage } from '../../core/providers/provider';
import { defaultCheckoutRoot } from '../../core/verify/checkoutRoot';
import type { KeyedModel } from '../keys/apiKeySources';
import { isLoopbackUrl } from '../keys/apiKeySources';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { isUserAgentEntry, mayRunAgent } from './agentConsent';
import { resolveAgentProgram } from './agentPrograms';
import type { AgentTranscripts } from './agentTranscripts';

/** An agent may work this long in all (the run's own limits apply too). */
const AGENT_TIMEOUT_MS = 30 * 60_000;
/** Stopped as hung after this long without any output. */
const AGENT_HANG_MS = 5 * 60_000;
/** Given to a CLI whose local endpoint needs no key (the CLIs refuse to start without one). */
const LOCAL_PLACEHOLDER_KEY = 'no-key';

export interface AgentRuntime {
  globalState: vscode.Memento;
  transcripts: AgentTranscripts;
  log: vscode.LogOutputChannel;
  checkoutRoot?: string;
}

let runtime: AgentRuntime | undefined;

export function setAgentRuntime(r: AgentRuntime | undefined): void {
  runtime = r;
}

const PARSERS: Record<(typeof AGENT_PROFILES)[AgentProfileId]['output'], (cwd: string) => AgentStreamParser> = {
  'claude-code': () => claudeCodeStreamParser(),
  codex: (cwd) => codexExecParser({ cwd }),
  text: () => plainTextParser(),
};

type Program = { ok: true; program: string; args?: string[] } | { ok: false; problem: string };

function programOf(config: ModelConfig, profile: AgentProfileId): Program {
  if (profile === 'command') {
    const [program, ...args] = config.command ?? [];
    return program ? { ok: true, program, args } : { ok: false, problem: 'The "command" profile needs "command": ["program", "arg", …].' };
  }
  const resolved = resolveAgentProgram(profile);
  return resolved.ok ? { ok: true, program: resolved.path } : resolved;
}

/** How the key store sees an agent entry: Claude Code uses Anthropic's key, Codex OpenAI's, others their own. */
function keyedAs(config: ModelConfig, profile: AgentProfileId): KeyedModel {
  const provider = profile === 'claude-code' ? 'anthropic' : profile === 'codex' ? 'openai' : 'openai-compatible';
  return { id: config.id, provider, baseUrl: config.baseUrl, apiKeyEnv: config.apiKeyEnv };
}

async function keyFor(config: ModelConfig, profile: AgentProfileId, keys: ApiKeyStore): Promise<{ variable: string; value: string } | undefined> {
  const variable = AGENT_PROFILES[profile].keyVariable ?? config.apiKeyEnv;
  if (!variable) return undefined;
  const resolved = await keys.resolve(keyedAs(config, profile));
  if (resolved.key) return { variable, value: resolved.key };
  // No key: a local endpoint gets a placeholder; otherwise the CLI uses its own login.
  return isLoopbackUrl(config.baseUrl) ? { variable, value: LOCAL_PLACEHOLDER_KEY } : undefined;
}

/** The sidebar's status of an agent entry. */
export function agentReadiness(config: ModelConfig, trusted: boolean): { status: 'ready' | 'invalid' | 'untrusted'; message?: string } {
  const profile = config.profile;
  if (!profile) return { status: 'invalid', message: 'An agent entry needs a "profile".' };
  if (!isUserAgentEntry(config.id)) return { status: 'invalid', message: 'Agent entries are honoured only from your user settings.' };
  const program = programOf(config, profile);
  if (!program.ok) return { status: 'invalid', message: program.problem };
  if (!trusted) return { status: 'untrusted', message: 'Restricted Mode: agents do not run.' };
  return { status: 'ready' };
}

/** The agent as a contestant, or why it cannot run now (the user was told when it is a refusal). */
export async function agentCompareModel(
  config: ModelConfig,
  keys: ApiKeyStore,
  prompt: { system: string; messages: readonly ChatMessage[] },
  target: vscode.Uri | undefined,
): Promise<CompareModel | { problem: { status: 'invalid' | 'untrusted'; message: string } }> {
  const profile = config.profile;
  if (!runtime || !profile) return { problem: { status: 'invalid', message: 'Agents are not available.' } };
  if (!isUserAgentEntry(config.id)) {
    return { problem: { status: 'invalid', message: 'This agent entry does not come from your user settings: Parallax never runs a program that a workspace chooses.' } };
  }
  const program = programOf(config, profile);
  if (!program.ok) return { problem: { status: 'invalid', message: program.problem } };
  const folder = (target && vscode.workspace.getWorkspaceFolder(target)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return { problem: { status: 'invalid', message: 'An agent needs the compared file to be in a local workspace folder.' } };
  if (!(await mayRunAgent(runtime.globalState, profile, program.program, config.label, folder.uri.fsPath))) {
    return { problem: { status: 'untrusted', message: vscode.workspace.isTrusted ? `${config.label} was not confirmed.` : 'Restricted Mode: agents do not run.' } };
  }
  const key = await keyFor(config, profile, keys);
  const r = runtime;
  const name = profile === 'command' ? config.label : AGENT_PROFILES[profile].name;
  const provider = new AgentProvider({
    profile,
    name,
    program: program.program,
    ...(program.args ? { commandArgs: program.args } : {}),
    ...(config.model !== profile ? { model: config.model } : {}),
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(key ? { key } : {}),
    folder: folder.uri.fsPath,
    checkoutRoot: r.checkoutRoot ?? defaultCheckoutRoot(),
    userEnv: process.env,
    parser: PARSERS[AGENT_PROFILES[profile].output],
    timeoutMs: AGENT_TIMEOUT_MS,
    hangMs: AGENT_HANG_MS,
    onSpawn: (pid) => r.log.info(`Agent ${config.label} started: pid ${pid}, ${program.program}`),
    onTranscript: (t) => {
      r.transcripts.add(config.label, t);
      r.log.info(`Agent ${config.label} ended: ${t.run?.ended ?? 'not started'}${t.run?.exitCode !== undefined ? ` (exit ${t.run.exitCode})` : ''}${t.problem ? `: ${t.problem}` : ''}`);
    },
  });
  return { spec: modelSpecFrom(config), provider, request: providerRequestFrom(config, prompt) };
}

/**
 * "Add Model…" for agents: the built-in profiles whose CLI is found (at the path in `parallax.agents.paths` or on
 * PATH), each with the version it reports; picking one appends an agent entry to the user's `parallax.models`.
 */
import * as vscode from 'vscode';
import { AGENT_PROFILES, type AgentProfileId } from '../../core/agents/agentProfiles';
import { MODELS_SETTING } from '../../core/config/modelConfig';
import { programVersion, resolveAgentProgram } from './agentPrograms';

export interface FoundAgent {
  profile: Exclude<AgentProfileId, 'command'>;
  path: string;
  version: string;
}

const BUILT_IN: readonly Exclude<AgentProfileId, 'command'>[] = ['claude-code', 'codex', 'aider'];

export async function discoverAgents(): Promise<FoundAgent[]> {
  const found = BUILT_IN.flatMap((profile) => {
    const program = resolveAgentProgram(profile);
    return program.ok ? [{ profile, path: program.path }] : [];
  });
  return Promise.all(found.map(async (f) => ({ ...f, version: await programVersion(f.profile, f.path) })));
}

export function agentPickItem(agent: FoundAgent): vscode.QuickPickItem & { agent: FoundAgent } {
  return { label: `$(hubot) ${AGENT_PROFILES[agent.profile].name}`, description: `${agent.version} · ${agent.path}`, agent };
}

/** Appends the agent entry to the user settings (an id not yet taken: "claude-code", "claude-code-2", …). */
export async function addAgentEntry(agent: FoundAgent): Promise<void> {
  const config = vscode.workspace.getConfiguration();
  const existing = config.inspect<unknown[]>(MODELS_SETTING)?.globalValue ?? [];
  const taken = new Set(existing.flatMap((e) => (typeof e === 'object' && e !== null && 'id' in e && typeof e.id === 'string' ? [e.id] : [])));
  let id: string = agent.profile;
  for (let n = 2; taken.has(id); n++) id = `${agent.profile}-${n}`;
  const label = AGENT_PROFILES[agent.profile].name;
  await config.update(MODELS_SETTING, [...existing, { id, label, provider: 'agent', profile: agent.profile }], vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage(`Added the agent “${label}” (${id}, ${agent.version}) to parallax.models in your user settings. It asks once before it first runs.`);
}

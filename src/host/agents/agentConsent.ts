/**
 * Before an agent first runs: the workspace must be trusted, the entry must come from the user's own settings (a
 * workspace never chooses which program runs), and the user confirms once per profile and program, in a modal
 * naming the program and what it may do. The confirmation is kept in globalState; a different program asks again.
 */
import * as vscode from 'vscode';
import { AGENT_PROFILES, type AgentProfileId } from '../../core/agents/agentProfiles';
import { MODELS_SETTING } from '../../core/config/modelConfig';

const CONFIRMED_KEY = 'parallax.agents.confirmed';
export const ALLOW_BUTTON = 'Allow and Run';

/** True when the user's own (global) `parallax.models` holds this agent entry. */
export function isUserAgentEntry(id: string): boolean {
  const global = vscode.workspace.getConfiguration().inspect<unknown[]>(MODELS_SETTING)?.globalValue ?? [];
  return global.some((e) => typeof e === 'object' && e !== null && (e as { id?: unknown }).id === id && (e as { provider?: unknown }).provider === 'agent');
}

/** The agent entries a workspace's settings try to add (they are never run). */
export function workspaceAgentEntries(): string[] {
  const inspected = vscode.workspace.getConfiguration().inspect<unknown[]>(MODELS_SETTING);
  const values = [inspected?.workspaceValue, inspected?.workspaceFolderValue].flatMap((v) => (Array.isArray(v) ? v : []));
  return values.flatMap((e) => (typeof e === 'object' && e !== null && (e as { provider?: unknown }).provider === 'agent' ? [typeof (e as { id?: unknown }).id === 'string' ? String((e as { id: string }).id) : '(no id)'] : []));
}

export async function mayRunAgent(globalState: vscode.Memento, profile: AgentProfileId, program: string, label: string, folder: string): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(`${label} is an agent: agents run only in a trusted workspace (Restricted Mode is on). Trust this workspace to run it.`);
    return false;
  }
  const confirmed = globalState.get<Record<string, string>>(CONFIRMED_KEY, {});
  const confirmKey = profile === 'command' ? `command:${label}` : profile;
  if (confirmed[confirmKey] === program) return true;
  const profileInfo = AGENT_PROFILES[profile];
  const choice = await vscode.window.showWarningMessage(
    `Run ${profileInfo.name === 'Command' ? label : profileInfo.name} as an agent?`,
    {
      modal: true,
      detail: [
        `Program: ${program}`,
        `It runs in a temporary checkout of ${folder} (your files are not touched) and may ${profileInfo.mayDo}.`,
        'Its changes come back as a diff you can review, apply or verify. Its API key, if you set one, is passed only to it.',
        'Parallax asks once per profile and program.',
      ].join('\n'),
    },
    ALLOW_BUTTON,
  );
  if (choice !== ALLOW_BUTTON) return false;
  await globalState.update(CONFIRMED_KEY, { ...confirmed, [confirmKey]: program });
  return true;
}

/** Registers the agents' runtime, the transcript command and document provider, and the workspace-settings warning. */
import * as vscode from 'vscode';
import { workspaceAgentEntries } from './agentConsent';
import { setAgentRuntime } from './agentModels';
import { AGENT_PATHS_SETTING } from './agentPrograms';
import { AgentTranscripts, TRANSCRIPT_SCHEME } from './agentTranscripts';

export const OPEN_TRANSCRIPT_COMMAND = 'parallax.openAgentTranscript';

export function wireAgents(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const transcripts = new AgentTranscripts();
  setAgentRuntime({ globalState: context.globalState, transcripts, log });
  const warned = new Set<string>();
  const warnWorkspace = (): void => {
    const entries = workspaceAgentEntries().filter((id) => !warned.has(id));
    const paths = vscode.workspace.getConfiguration().inspect(AGENT_PATHS_SETTING);
    const pathsWarn = (paths?.workspaceValue !== undefined || paths?.workspaceFolderValue !== undefined) && !warned.has(AGENT_PATHS_SETTING);
    if (entries.length === 0 && !pathsWarn) return;
    entries.forEach((id) => warned.add(id));
    if (pathsWarn) warned.add(AGENT_PATHS_SETTING);
    const what = [...(entries.length > 0 ? [`agent entries (${entries.join(', ')}) in "parallax.models"`] : []), ...(pathsWarn ? [`"${AGENT_PATHS_SETTING}"`] : [])].join(' and ');
    const message = `This workspace's settings define ${what}. Parallax never runs a program that a workspace chooses: they are ignored. Agents come only from your user settings.`;
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  };
  warnWorkspace();
  return [
    transcripts,
    { dispose: () => setAgentRuntime(undefined) },
    vscode.workspace.registerTextDocumentContentProvider(TRANSCRIPT_SCHEME, transcripts),
    vscode.commands.registerCommand(OPEN_TRANSCRIPT_COMMAND, () => transcripts.open()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('parallax.models') || e.affectsConfiguration(AGENT_PATHS_SETTING)) warnWorkspace();
    }),
  ];
}

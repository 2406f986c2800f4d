/**
 * The agent runs' transcripts of this session, opened as read-only documents ("Parallax: Open Agent Transcript").
 * The newest few are kept in memory; each is also the full event log of its column.
 */
import * as vscode from 'vscode';
import { type AgentTranscript, transcriptText } from '../../core/agents/agentTranscript';

export const TRANSCRIPT_SCHEME = 'parallax-agent-transcript';
const KEPT = 50;

export class AgentTranscripts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly kept: { id: string; label: string; transcript: AgentTranscript }[] = [];
  private counter = 0;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  add(label: string, transcript: AgentTranscript): void {
    this.kept.unshift({ id: String(++this.counter), label, transcript });
    this.kept.splice(KEPT);
  }

  get count(): number {
    return this.kept.length;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const entry = this.kept.find((k) => k.id === new URLSearchParams(uri.query).get('id'));
    return entry ? transcriptText(entry.transcript) : 'This transcript is no longer kept (only the newest ones of this window are).';
  }

  /** Asks which transcript (the newest first) and opens it read-only. */
  async open(): Promise<void> {
    if (this.kept.length === 0) {
      void vscode.window.showInformationMessage('No agent has run in this window yet: a transcript is kept for each agent column.');
      return;
    }
    const picked = this.kept.length === 1 ? this.kept[0] : (await vscode.window.showQuickPick(
      this.kept.map((k) => ({ label: k.label, description: k.transcript.startedAt, entry: k })),
      { title: 'Open Agent Transcript', placeHolder: 'The newest first' },
    ))?.entry;
    if (!picked) return;
    const uri = vscode.Uri.from({ scheme: TRANSCRIPT_SCHEME, path: `/${picked.label.replace(/[^\w .-]/g, '_')} transcript.md`, query: `id=${picked.id}` });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

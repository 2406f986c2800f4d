/** The full log of one agent run, kept after its checkout is removed and opened as a read-only document. */
import type { AgentEvent } from './agentEvents';
import type { AgentRun } from './agentProcess';

export interface AgentTranscript {
  agent: string;
  program: string;
  /** The argv with the task text shown as `<task>`. */
  args: string[];
  cwd: string;
  startedAt: string;
  events: { atMs: number; event: AgentEvent }[];
  run?: AgentRun;
  diff?: string;
  problem?: string;
}

export function transcriptText(t: AgentTranscript): string {
  const lines = [
    `# ${t.agent}: agent transcript`,
    '',
    `Started: ${t.startedAt}`,
    `Program: ${t.program}`,
    `Arguments: ${JSON.stringify(t.args)}`,
    `Checkout: ${t.cwd} (removed after the diff was taken)`,
    '',
    '## Events',
    ...t.events.map((e) => `${(e.atMs / 1000).toFixed(2).padStart(8)} s  ${JSON.stringify(e.event)}`),
    '',
    '## End',
    t.run ? `${t.run.ended}${t.run.exitCode !== undefined ? `, exit code ${t.run.exitCode}` : ''}${t.run.signal ? `, signal ${t.run.signal}` : ''}${t.run.error ? `: ${t.run.error}` : ''} after ${(t.run.durationMs / 1000).toFixed(1)} s` : 'not started',
    ...(t.problem ? [`Problem: ${t.problem}`] : []),
    '',
    '## stderr',
    t.run?.stderr.trim() ? t.run.stderr : '(empty)',
    '',
    '## Diff',
    t.diff === undefined ? '(none taken)' : t.diff.trim() === '' ? '(no changes)' : t.diff,
  ];
  return `${lines.join('\n')}\n`;
}

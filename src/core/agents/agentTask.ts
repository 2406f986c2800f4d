/**
 * The task an agent is given: exactly the request the models of the run get (system prompt and messages, from the
 * same template and context), rendered as one text, with a short preface saying where it works and that its
 * edits are what is compared.
 */
import type { ProviderRequest } from '../providers/provider';

export const AGENT_PREFACE = [
  'You are one of several coding assistants given the same task, each in its own copy of the project.',
  'Your working directory is that copy. Make the change by editing the files there (the selected code is in the file named below);',
  'your edits are collected as a diff when you finish. Where the task asks you to reply with code, edit the file instead and reply with a short explanation.',
  'Do not touch files outside your working directory.',
].join(' ');

export function agentTaskText(request: Pick<ProviderRequest, 'system' | 'messages'>): string {
  const parts = [AGENT_PREFACE];
  if (request.system) parts.push(`Instructions:\n${request.system}`);
  const only = request.messages.length === 1 ? request.messages[0] : undefined;
  if (only && only.role === 'user') parts.push(only.content);
  else parts.push(...request.messages.map((m) => `${m.role === 'user' ? 'User' : 'Assistant (earlier answer)'}:\n${m.content}`));
  return `${parts.join('\n\n')}\n`;
}

/**
 * The judge's prompt (issue 12): the task, the original code and every candidate answer under its column's neutral
 * label ("Model A", "Model B", … in the order the columns are shown). The judge never sees a model's name, provider
 * or cost, blind mode or not, so its opinion cannot lean on a brand; it is asked to end with one machine-readable
 * line, `PICK: <letter>` (or `PICK: none`), which judgeVerdict.ts parses.
 */
import type { ChatMessage } from '../providers/provider';
import { fenced } from './codeFence';

export interface JudgeCandidate {
  /** "Model A", "Model B", … */
  label: string;
  /** The answer as the column shows it (explanation and code). */
  text: string;
  /** Set when the answer did not finish ("timed-out", "error", …). */
  unfinished?: string;
}

export interface JudgeTask {
  /** What the user asked for, e.g. "Fix" and the instruction they typed. */
  title: string;
  instruction?: string;
  filePath?: string;
  languageId: string;
  /** The code the candidates were asked about (the selection). */
  originalCode: string;
}

/** Each candidate's answer is cut to this many characters in the prompt (and says so). */
export const JUDGE_ANSWER_CHARS = 30_000;
export const JUDGE_ORIGINAL_CHARS = 30_000;

export const JUDGE_SYSTEM_PROMPT = [
  'You are a senior software engineer reviewing candidate answers to a coding task, as a second opinion for the user.',
  'The candidates are anonymous. Judge only what is written: correctness first, then minimal and safe change, then clarity.',
  'Do not guess which model or company wrote an answer, and never name one.',
].join(' ');

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n[… cut: ${text.length - max} more characters]`;
}

/** "A" for "Model A": the letter the PICK line uses. */
export function labelLetter(label: string): string {
  return label.replace(/^Model\s+/i, '').trim();
}

export function buildJudgePrompt(task: JudgeTask, candidates: readonly JudgeCandidate[]): { system: string; messages: ChatMessage[]; user: string } {
  const letters = candidates.map((c) => labelLetter(c.label));
  const sections = [
    `Task: ${task.title}${task.instruction?.trim() ? ` — ${task.instruction.trim()}` : ''}`,
    `${task.filePath ? `File: ${task.filePath} ` : ''}(${task.languageId}). The original code:\n${fenced(cut(task.originalCode, JUDGE_ORIGINAL_CHARS), task.languageId)}`,
    ...candidates.map((c) =>
      [`## ${c.label}${c.unfinished ? ` (this answer did not finish: ${c.unfinished})` : ''}`, cut(c.text, JUDGE_ANSWER_CHARS).trim() || '(empty answer)'].join('\n\n'),
    ),
    [
      'Explain briefly how the candidates differ, which one you would pick and why.',
      `Refer to them only as ${candidates.map((c) => c.label).join(', ')}.`,
      `End with exactly one final line of the form \`PICK: ${letters[0] ?? 'A'}\` (one of ${letters.join(', ')}), or \`PICK: none\` if none is acceptable.`,
    ].join(' '),
  ];
  const user = sections.join('\n\n');
  return { system: JUDGE_SYSTEM_PROMPT, messages: [{ role: 'user', content: user }], user };
}

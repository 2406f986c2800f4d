/**
 * What a run reopened from the log can still do with its answers: the original selection (read back from the
 * logged prompt) and each answer's extracted code give the diff summary, the inline diff and whether Apply is
 * offered, as the live run showed them. No `vscode` import (unit-tested).
 */
import { lineDiffStats } from '../../core/edits/diffStats';
import { inlineDiff } from '../../core/edits/inlineDiff';
import type { RunOutput, RunRecord } from '../../core/prefs/preferenceRecord';
import { selectedCodeOfPrompt } from '../../core/prompts/promptSelection';
import type { EditSummaryView } from '../../shared/protocol';
import { capText, isEditTemplate } from '../../shared/vocabulary';

/** The text the models were asked to revise, or undefined when the log cannot say (no selection, or cut). */
export function loggedOriginal(record: RunRecord): string | undefined {
  const { selection } = record.context;
  if (!selection) return undefined;
  return selectedCodeOfPrompt(record.prompt.user, selection);
}

/** Why a logged answer's code cannot be applied, or undefined when it can (once the file is checked unchanged). */
export function loggedApplyBlock(record: RunRecord, output: RunOutput): string | undefined {
  if (record.context.truncated.selection) return 'The selection was cut to fit the context limit, so Apply would drop code the models never saw. Copy or diff instead.';
  if (output.state !== 'done') return 'This answer did not finish, so its code may be cut off. Copy or diff instead.';
  return undefined;
}

/** The column's edit summary, as the live run showed it; undefined for templates that propose no edit. */
export function loggedEditSummary(record: RunRecord, output: RunOutput, original: string | undefined): EditSummaryView | undefined {
  if (!isEditTemplate(record.template) || output.text.trim() === '') return undefined;
  const code = output.extractedCode;
  if (code === undefined) {
    return { hasCode: false, followedFormat: false, added: 0, removed: 0, note: 'The log holds no code extracted from this answer.' };
  }
  if (original === undefined) {
    return { hasCode: false, followedFormat: output.followedFormat ?? false, added: 0, removed: 0, note: 'The log does not hold the original selection, so this answer cannot be diffed.' };
  }
  const blocked = loggedApplyBlock(record, output);
  const { added, removed } = lineDiffStats(original, code);
  return {
    hasCode: true,
    followedFormat: output.followedFormat ?? false,
    added,
    removed,
    ...(blocked ? { applyBlocked: capText(blocked) } : {}),
    diff: inlineDiff(original, code),
  };
}

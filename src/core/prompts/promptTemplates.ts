/**
 * The five prompt templates. `fix` and `refactor` ask for the full revised selection in exactly one fenced
 * code block (so the answer can be diffed against the selection); `explain` and `tests` do not.
 */
import type { ChatMessage } from '../providers/provider';
import type { AssembledContext, Truncation } from './contextAssembly';
import { fenced, fenceLanguage } from './codeFence';
import { requestHash } from './requestHash';
import type { TemplateId } from '../../shared/vocabulary';

export interface PromptExtra {
  /** refactor: what the refactoring should achieve. */
  goal?: string;
  /** custom: the user's own request (required). */
  userText?: string;
  /** tests: the framework to use, e.g. "mocha" or "pytest". */
  testFramework?: string;
}

export interface BuiltPrompt {
  templateId: TemplateId;
  system: string;
  /** Exactly what every model receives after the system prompt. */
  messages: ChatMessage[];
  /** The single user message's text (same as messages[0].content). */
  user: string;
  /** sha256 over system + messages: identical for every model of a run. */
  requestHash: string;
  /** Which parts of the context were cut to fit the caps. */
  truncations: Truncation[];
}

const SYSTEM_PROMPT = [
  'You are an expert software engineer helping inside a code editor.',
  'Answer precisely and concisely. Keep the existing code style, names and indentation unless asked otherwise.',
  'Do not invent APIs; if something cannot be known from the code shown, say so.',
].join(' ');

const DEFAULT_REFACTOR_GOAL = 'Improve readability and structure without changing behaviour.';

export function buildPrompt(templateId: TemplateId, context: AssembledContext, extra: PromptExtra = {}): BuiltPrompt {
  const user = [...contextSections(templateId, context), taskSection(templateId, context, extra)].join('\n\n');
  const messages: ChatMessage[] = [{ role: 'user', content: user }];
  return {
    templateId,
    system: SYSTEM_PROMPT,
    messages,
    user,
    requestHash: requestHash({ system: SYSTEM_PROMPT, messages }),
    truncations: context.truncations,
  };
}

function contextSections(templateId: TemplateId, ctx: AssembledContext): string[] {
  const lines = lineSpan(ctx);
  const sections = [`File: ${ctx.filePath} (${ctx.languageId}), ${lines} selected.`];
  if (ctx.surroundingBefore !== '') {
    sections.push(`Code just above the selection${cutNote(ctx, 'surroundingBefore')}:\n${fenced(ctx.surroundingBefore, ctx.languageId)}`);
  }
  sections.push(`Selected code (${lines})${cutNote(ctx, 'selection')}:\n${fenced(ctx.selectedText, ctx.languageId)}`);
  if (ctx.surroundingAfter !== '') {
    sections.push(`Code just below the selection${cutNote(ctx, 'surroundingAfter')}:\n${fenced(ctx.surroundingAfter, ctx.languageId)}`);
  }
  if (ctx.wholeFile !== undefined) {
    sections.push(`The whole file, for reference${cutNote(ctx, 'wholeFile')}:\n${fenced(ctx.wholeFile, ctx.languageId)}`);
  }
  const withProblems = templateId === 'fix' || templateId === 'custom';
  if (withProblems && ctx.diagnostics.length > 0) {
    const items = ctx.diagnostics.map((d) => {
      const origin = [d.source, d.code].filter((x) => x !== undefined && x !== '').join(' ');
      return `- line ${d.line + 1}, ${d.severity}${origin ? ` [${origin}]` : ''}: ${d.message}`;
    });
    sections.push(`Diagnostics on the selected lines${cutNote(ctx, 'diagnostics')}:\n${items.join('\n')}`);
  }
  if (withProblems && ctx.errorText !== undefined) {
    sections.push(`Error output${cutNote(ctx, 'errorText')}:\n${fenced(ctx.errorText, 'text')}`);
  }
  return sections;
}

function taskSection(templateId: TemplateId, ctx: AssembledContext, extra: PromptExtra): string {
  const revisedSelection = [
    `Reply with the full revised selected code (${lineSpan(ctx)}, complete, not a diff or an excerpt)`,
    `in exactly one fenced code block tagged \`${fenceLanguage(ctx.languageId)}\`, then a short explanation.`,
    'Do not put any other code block in your answer.',
  ].join(' ');
  switch (templateId) {
    case 'fix':
      return `Task: find and fix the bug in the selected code${ctx.diagnostics.length > 0 || ctx.errorText ? ', using the diagnostics and error output above' : ''}. Change only what the fix needs.\n${revisedSelection}`;
    case 'refactor':
      return `Task: refactor the selected code. Goal: ${extra.goal?.trim() || DEFAULT_REFACTOR_GOAL}\nKeep its behaviour and public interface.\n${revisedSelection}`;
    case 'explain':
      return 'Task: explain what the selected code does, step by step, and point out anything surprising, risky or wrong. Quote code only where it helps.';
    case 'tests': {
      const framework = extra.testFramework?.trim();
      return `Task: write unit tests for the selected code${framework ? ` using ${framework}` : ' using the test framework this project most likely uses'}. Cover normal cases, edge cases and error cases. Put the tests in fenced code blocks.`;
    }
    case 'custom': {
      const request = extra.userText?.trim();
      if (!request) throw new Error('The custom template needs the user\'s request text.');
      return `Task: ${request}`;
    }
  }
}

function lineSpan(ctx: AssembledContext): string {
  const { startLine, endLine } = ctx.selection;
  return startLine === endLine ? `line ${startLine + 1}` : `lines ${startLine + 1}–${endLine + 1}`;
}

/** " (cut: first 20000 of 35000 characters shown)" when that part was truncated. */
function cutNote(ctx: AssembledContext, part: Truncation['part']): string {
  const cut = ctx.truncations.find((t) => t.part === part);
  if (!cut) return '';
  const unit = { chars: 'characters', lines: 'lines', items: 'items' }[cut.unit];
  const which = part === 'surroundingBefore' ? 'last' : 'first';
  return ` (truncated: only the ${which} ${cut.kept} of ${cut.original} ${unit} shown)`;
}

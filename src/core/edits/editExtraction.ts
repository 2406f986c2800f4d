/**
 * Turns a model's answer into the proposed replacement for the user's selection. The prompt asks for the
 * full revised selection in exactly one fenced block; answers that use several blocks, SEARCH/REPLACE
 * edit blocks or a unified diff are still understood, but marked as not following the format.
 */
import type { AppliedEdits, EditSource, ExtractedEdit, OriginalSelection } from './editTypes';
import { chooseBestFence } from './fenceChoice';
import { findFencedBlocks, type FencedBlock } from './fencedBlocks';
import { canonicalLanguage, languageFit } from './languageAliases';
import { detectEol, fromLf, matchTrailingNewlines, toLf, type Eol } from './lineEndings';
import { applySearchReplaceBlocks, hasSearchReplaceMarkers, parseSearchReplaceBlocks } from './searchReplaceBlocks';
import { applyUnifiedDiff, looksLikeUnifiedDiff, parseUnifiedDiff } from './unifiedDiffHunks';

export type { ExtractedEdit, OriginalSelection } from './editTypes';

interface ExtractionContext {
  originalLf: string;
  eol: Eol;
  languageId: string;
}

const TRUNCATED_NOTE = 'the answer ended inside a code block (truncated?); used the partial code';

function replacement(
  context: ExtractionContext,
  code: string,
  source: EditSource,
  followedFormat: boolean,
  notes: string[],
): ExtractedEdit {
  const shaped = matchTrailingNewlines(code, context.originalLf);
  const allNotes = shaped === context.originalLf ? [...notes, 'no change: the proposed code equals the selection'] : notes;
  return { kind: 'replacement', code: fromLf(shaped, context.eol), source, followedFormat, notes: allNotes };
}

const none = (reason: string): ExtractedEdit => ({ kind: 'none', followedFormat: false, reason });

function fromAppliedEdits(
  context: ExtractionContext,
  result: AppliedEdits,
  source: EditSource,
  what: string,
  extraNotes: string[],
): ExtractedEdit {
  if (result.applied === 0) return none(`none of the ${what} applied: ${result.failures.join('; ')}`);
  const notes = [`the answer gave ${what} instead of the full code`, ...result.notes, ...result.failures, ...extraNotes];
  return replacement(context, result.text, source, false, notes);
}

function fromSearchReplace(context: ExtractionContext, answerLf: string): ExtractedEdit {
  const { blocks, unterminated } = parseSearchReplaceBlocks(answerLf);
  const unterminatedNotes = unterminated > 0 ? [`${unterminated} SEARCH/REPLACE block(s) were not closed and were skipped`] : [];
  if (blocks.length === 0) return none('the answer opened a SEARCH/REPLACE block but never completed one');
  const result = applySearchReplaceBlocks(context.originalLf, blocks);
  return fromAppliedEdits(context, result, 'search-replace', 'SEARCH/REPLACE blocks', unterminatedNotes);
}

function fromUnifiedDiff(context: ExtractionContext, diffLf: string): ExtractedEdit | undefined {
  const hunks = parseUnifiedDiff(diffLf);
  if (hunks.length === 0) return undefined;
  return fromAppliedEdits(context, applyUnifiedDiff(context.originalLf, hunks), 'unified-diff', 'diff hunks', []);
}

/** The body of a diff-tagged block; models often omit the `@@` line, so a header-less body is one hunk. */
function asHunks(diffCode: string): string {
  if (/^@@/m.test(diffCode)) return diffCode;
  const lines = diffCode.split('\n');
  const firstBodyLine = lines.findIndex((line) => !/^(diff --git |index |--- |\+\+\+ )/.test(line));
  return ['@@', ...lines.slice(Math.max(0, firstBodyLine))].join('\n');
}

/** A ````markdown block wrapping the real code block(s) is replaced by what it wraps. */
function unwrapMarkdownWrappers(blocks: FencedBlock[], languageId: string): FencedBlock[] {
  if (canonicalLanguage(languageId) === 'markdown') return blocks;
  return blocks.flatMap((block) => {
    if (canonicalLanguage(block.lang) !== 'markdown') return [block];
    const inner = findFencedBlocks(block.code);
    return inner.length > 0 ? inner : [block];
  });
}

function fromFences(context: ExtractionContext, codeBlocks: FencedBlock[], totalBlocks: number): ExtractedEdit {
  if (codeBlocks.length === 1 && totalBlocks === 1 && codeBlocks[0] !== undefined) {
    const block = codeBlocks[0];
    const notes: string[] = [];
    const fit = languageFit(block.lang, context.languageId);
    if (fit === 'different') notes.push(`the code block is tagged "${block.lang}" but the selection is ${context.languageId}`);
    if (!block.terminated) notes.push(TRUNCATED_NOTE);
    return replacement(context, block.code, 'single-fence', fit !== 'different' && block.terminated, notes);
  }
  const choice = chooseBestFence(codeBlocks, context.originalLf, context.languageId);
  const tag = choice.block.lang === '' ? 'an untagged block' : `the "${choice.block.lang}" block`;
  const notes = [`the answer had ${totalBlocks} code blocks; used ${tag}${choice.reason ? ` because ${choice.reason}` : ''}`];
  if (!choice.block.terminated) notes.push(TRUNCATED_NOTE);
  return replacement(context, choice.block.code, 'best-fence', false, notes);
}

/** Extracts the proposed replacement for `original` from a model's `answer`. */
/** Answers longer than this are not searched for an edit: parsing megabytes of markdown would block the host. */
export const MAX_EXTRACT_CHARS = 1_000_000;

export function extractEdit(answer: string, original: OriginalSelection): ExtractedEdit {
  if (answer.length > MAX_EXTRACT_CHARS) return none(`the answer is too long to look for an edit (over ${MAX_EXTRACT_CHARS.toLocaleString('en-US')} characters)`);
  const answerLf = toLf(answer);
  const context: ExtractionContext = { originalLf: toLf(original.text), eol: detectEol(original.text), languageId: original.languageId };
  if (hasSearchReplaceMarkers(answerLf)) return fromSearchReplace(context, answerLf);

  const blocks = unwrapMarkdownWrappers(findFencedBlocks(answerLf), original.languageId);
  const diffsPossible = canonicalLanguage(original.languageId) !== 'diff';
  const isDiffBlock = (block: FencedBlock): boolean =>
    diffsPossible &&
    (canonicalLanguage(block.lang) === 'diff' ||
      (languageFit(block.lang, original.languageId) === 'neutral' && looksLikeUnifiedDiff(block.code)));
  const diffBlocks = blocks.filter(isDiffBlock);
  const codeBlocks = blocks.filter((block) => !isDiffBlock(block) && block.code.trim() !== '');

  const hasMatchingCode = codeBlocks.some((block) => {
    const fit = languageFit(block.lang, original.languageId);
    return fit === 'same' || fit === 'related';
  });
  if (diffsPossible && !hasMatchingCode) {
    const diffText = diffBlocks.length > 0 ? diffBlocks.map((block) => asHunks(block.code)).join('\n') : answerLf;
    const fromDiff = fromUnifiedDiff(context, diffText);
    if (fromDiff !== undefined) return fromDiff;
  }
  if (codeBlocks.length === 0) {
    return none(blocks.length === 0 ? 'the answer has no code block' : 'the answer has only empty or unusable code blocks');
  }
  return fromFences(context, codeBlocks, blocks.length);
}

/**
 * Picks, among several fenced blocks, the one most likely to be the revised selection: language tag
 * first, then size closest to the selection, then line similarity (jsdiff).
 */
import { diffLines } from 'diff';
import type { FencedBlock } from './fencedBlocks';
import { languageFit, type LanguageFit } from './languageAliases';

const FIT_RANK: Readonly<Record<LanguageFit, number>> = { same: 3, related: 2, neutral: 1, different: 0 };

interface Scored {
  block: FencedBlock;
  index: number;
  fit: number;
  /** Line-count closeness to the selection in tenths (10 = same size). */
  sizeBucket: number;
  similarity: number;
}

const codeLineCount = (text: string): number => text.split('\n').filter((line) => line.trim() !== '').length;

/** Share of lines the two texts have in common (ignoring surrounding whitespace), 0..1. */
function lineSimilarity(a: string, b: string): number {
  const total = codeLineCount(a) + codeLineCount(b);
  if (total === 0) return 1;
  const common = diffLines(a, b, { ignoreWhitespace: true })
    .filter((change) => !change.added && !change.removed)
    .reduce((sum, change) => sum + codeLineCount(change.value), 0);
  return Math.min(1, (2 * common) / total);
}

function score(block: FencedBlock, index: number, originalLf: string, languageId: string): Scored {
  const a = codeLineCount(originalLf);
  const b = codeLineCount(block.code);
  const ratio = Math.max(a, b) === 0 ? 1 : Math.min(a, b) / Math.max(a, b);
  return {
    block,
    index,
    fit: FIT_RANK[languageFit(block.lang, languageId)],
    sizeBucket: Math.floor(ratio * 10),
    similarity: lineSimilarity(originalLf, block.code),
  };
}

const compare = (x: Scored, y: Scored): number =>
  y.fit - x.fit || y.sizeBucket - x.sizeBucket || y.similarity - x.similarity || x.index - y.index;

export interface FenceChoice {
  block: FencedBlock;
  /** The criterion that set the winner apart from the runner-up (undefined for a single block). */
  reason?: string;
}

/** The best block of a non-empty list, with the criterion that decided it. */
export function chooseBestFence(blocks: readonly FencedBlock[], originalLf: string, languageId: string): FenceChoice {
  const ranked = blocks.map((block, index) => score(block, index, originalLf, languageId)).sort(compare);
  const [best, runnerUp] = ranked;
  if (best === undefined) throw new RangeError('chooseBestFence needs at least one block');
  if (runnerUp === undefined) return { block: best.block };
  const reason =
    best.fit !== runnerUp.fit
      ? 'its language tag fits the selection best'
      : best.sizeBucket !== runnerUp.sizeBucket
        ? 'it is closest in size to the selection'
        : 'it is most similar to the selection';
  return { block: best.block, reason };
}

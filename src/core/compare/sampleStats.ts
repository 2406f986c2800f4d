/**
 * The distribution of a model's N samples (Repeat N): median and p90 of TTFT and total time, the cost of all N, the
 * pass rate of the samples that were verified, and how much the answers agree — the number of distinct answers once
 * whitespace and comments are normalised away, and the mean pairwise similarity of the extracted code (jsdiff, by
 * token). Pure functions.
 */
import { diffWords } from 'diff';

export interface SampleFacts {
  state: string;
  ttftMs?: number | undefined;
  totalMs?: number | undefined;
  /** Undefined: unknown price. */
  costUsd?: number | undefined;
  /** The code extracted from the answer, else undefined (then `text` is compared). */
  code?: string | undefined;
  text: string;
  /** The sample's check, when it was verified: true when it passed. */
  passed?: boolean | undefined;
}

export interface Spread {
  median: number;
  p90: number;
}

export interface SampleStats {
  /** Samples that reached an end state. */
  settled: number;
  count: number;
  ttft?: Spread;
  total?: Spread;
  /** Sum over the samples with a known cost. */
  costUsd?: number;
  /** Samples whose cost is unknown. */
  costUnknown: number;
  /** Verified samples and how many of them passed; absent when none was verified. */
  pass?: { passed: number; verified: number };
  /** Distinct answers among the finished samples with an answer, after normalising whitespace and comments. */
  distinct?: number;
  /** Mean pairwise similarity (0–1) of the finished samples' code; absent with fewer than two. */
  similarity?: number;
  /** How many samples `distinct` and `similarity` were computed from. */
  compared: number;
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

function spread(values: readonly number[]): Spread | undefined {
  const median = percentile(values, 50);
  const p90 = percentile(values, 90);
  return median === undefined || p90 === undefined ? undefined : { median, p90 };
}

/**
 * An answer with comments and whitespace normalised away: `//…` and `#…` line comments (the latter only at a line's
 * start, so `#include` and shell comments alike go, but `a # b` in Python stays), block comments, blank lines,
 * trailing whitespace and runs of spaces. Two answers that differ only in those count as one.
 */
export function normaliseAnswer(code: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:"'`\\])\/\/[^\n]*/g, '$1')
    .replace(/^\s*#(?!include|define|if|endif|pragma|!)[^\n]*/gm, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** How alike two answers are, 0–1: the share of tokens jsdiff keeps in common (1 for two empty answers). */
export function answerSimilarity(a: string, b: string): number {
  const x = normaliseAnswer(a);
  const y = normaliseAnswer(b);
  if (x === y) return 1;
  let same = 0;
  let total = 0;
  for (const part of diffWords(x, y)) {
    const tokens = part.value.split(/\s+/).filter((t) => t !== '').length;
    if (!part.added && !part.removed) {
      same += 2 * tokens;
      total += 2 * tokens;
    } else total += tokens;
  }
  return total === 0 ? 1 : same / total;
}

/** The distinct answers (normalised) and their mean pairwise similarity. */
export function agreement(answers: readonly string[]): { distinct: number; similarity?: number } {
  const distinct = new Set(answers.map(normaliseAnswer)).size;
  if (answers.length < 2) return { distinct };
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < answers.length; i++) {
    for (let j = i + 1; j < answers.length; j++) {
      sum += answerSimilarity(answers[i] as string, answers[j] as string);
      pairs += 1;
    }
  }
  return { distinct, similarity: sum / pairs };
}

const END_STATES = new Set(['done', 'error', 'cancelled', 'timed-out', 'incomplete']);

export function sampleStats(samples: readonly SampleFacts[]): SampleStats {
  const ended = samples.filter((s) => END_STATES.has(s.state));
  const finished = ended.filter((s) => s.state === 'done');
  const ttft = spread(finished.flatMap((s) => (s.ttftMs === undefined ? [] : [s.ttftMs])));
  const total = spread(finished.flatMap((s) => (s.totalMs === undefined ? [] : [s.totalMs])));
  const known = ended.filter((s) => s.costUsd !== undefined);
  const verified = ended.filter((s) => s.passed !== undefined);
  const answers = finished.map((s) => s.code ?? s.text).filter((a) => a.trim() !== '');
  const agree = answers.length > 0 ? agreement(answers) : undefined;
  return {
    settled: ended.length,
    count: samples.length,
    ...(ttft ? { ttft } : {}),
    ...(total ? { total } : {}),
    ...(known.length > 0 ? { costUsd: known.reduce((sum, s) => sum + (s.costUsd ?? 0), 0) } : {}),
    costUnknown: ended.length - known.length,
    ...(verified.length > 0 ? { pass: { passed: verified.filter((s) => s.passed).length, verified: verified.length } } : {}),
    ...(agree ? { distinct: agree.distinct } : {}),
    ...(agree?.similarity === undefined ? {} : { similarity: agree.similarity }),
    compared: answers.length,
  };
}

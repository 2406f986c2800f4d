/**
 * Aider-style SEARCH/REPLACE edit blocks:
 *   <<<<<<< SEARCH / old lines / ======= / new lines / >>>>>>> REPLACE
 * parsed from anywhere in an answer (inside a fence or not) and applied in order to the selection.
 */
import type { AppliedEdits } from './editTypes';
import { describeLeniency, quoteFirstLine } from './editDescriptions';
import { locateLineBlock, spliceHit } from './lineBlockMatch';

export interface SearchReplaceBlock {
  search: string[];
  replace: string[];
}

export interface ParsedSearchReplace {
  blocks: SearchReplaceBlock[];
  /** Blocks that were opened but never closed (a truncated answer). */
  unterminated: number;
}

const SEARCH_MARKER = /^[ \t]*<{5,9}[ \t]*SEARCH\b.*$/;
const DIVIDER_MARKER = /^[ \t]*={5,9}[ \t]*$/;
const REPLACE_MARKER = /^[ \t]*>{5,9}[ \t]*REPLACE\b.*$/;

export function hasSearchReplaceMarkers(answerLf: string): boolean {
  return answerLf.split('\n').some((line) => SEARCH_MARKER.test(line));
}

export function parseSearchReplaceBlocks(answerLf: string): ParsedSearchReplace {
  const blocks: SearchReplaceBlock[] = [];
  let unterminated = 0;
  let current: { search: string[]; replace: string[]; side: 'search' | 'replace' } | undefined;
  for (const line of answerLf.split('\n')) {
    if (current === undefined) {
      if (SEARCH_MARKER.test(line)) current = { search: [], replace: [], side: 'search' };
    } else if (current.side === 'search' && DIVIDER_MARKER.test(line)) {
      current.side = 'replace';
    } else if (current.side === 'replace' && REPLACE_MARKER.test(line)) {
      blocks.push({ search: current.search, replace: current.replace });
      current = undefined;
    } else if (SEARCH_MARKER.test(line)) {
      unterminated++;
      current = { search: [], replace: [], side: 'search' };
    } else {
      current[current.side].push(line);
    }
  }
  return { blocks, unterminated: unterminated + (current === undefined ? 0 : 1) };
}

/** Applies each block to `originalLf` in order; blocks that match nowhere are reported, not fatal. */
export function applySearchReplaceBlocks(originalLf: string, blocks: readonly SearchReplaceBlock[]): AppliedEdits {
  let lines = originalLf.split('\n');
  const failures: string[] = [];
  const notes: string[] = [];
  let applied = 0;
  blocks.forEach((block, index) => {
    const label = `SEARCH/REPLACE block ${index + 1}`;
    if (block.search.every((line) => line.trim() === '')) {
      if (originalLf.trim() === '') {
        lines = [...block.replace];
        applied++;
      } else {
        failures.push(`${label} has an empty SEARCH section`);
      }
      return;
    }
    const hit = locateLineBlock(lines, block.search, block.replace);
    if (hit === undefined) {
      failures.push(`${label} did not match the selection: ${quoteFirstLine(block.search)}`);
      return;
    }
    const leniency = describeLeniency(hit.match);
    if (leniency !== undefined) notes.push(`${label} ${leniency}`);
    lines = spliceHit(lines, hit);
    applied++;
  });
  return { text: lines.join('\n'), applied, failures, notes };
}

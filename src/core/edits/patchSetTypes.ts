/**
 * A multi-file answer as a patch set: every file the answer edits, creates or deletes, resolved against the
 * workspace's current contents (read through a callback, so this stays pure), plus what could not be used.
 */
import type { DiffHunk } from './unifiedDiffHunks';
import type { SearchReplaceBlock } from './searchReplaceBlocks';

export type PatchFileKind = 'modify' | 'create' | 'delete';

/** Which shape of answer a file's edit came from. */
export type PatchFileSource = 'full-file' | 'search-replace' | 'unified-diff';

export interface PatchFile {
  /** Workspace-relative posix path, normalised ("src/a.ts"). */
  relPath: string;
  kind: PatchFileKind;
  /** The content the edit was resolved against ("" for a new file): Apply refuses when the file no longer holds it. */
  original: string;
  /** The full new content; absent for a deletion. */
  proposed?: string;
  source: PatchFileSource;
  added: number;
  removed: number;
  /** Remarks such as "SEARCH/REPLACE block 2 matched ignoring indentation". */
  notes: string[];
}

export interface PatchSet {
  files: PatchFile[];
  /** Human-readable lines about edits that were refused, failed or skipped. */
  problems: string[];
  /**
   * Why the patch set must not be applied at all (a refused path, an edit that fits nowhere): all or nothing.
   * Undefined when every file can be applied.
   */
  blocked?: string;
}

/** The shape the verification side consumes: one entry per file to write (a deletion has `deleted: true`). */
export interface CandidateChange {
  relPath: string;
  content: string;
  deleted?: true;
}

/** How the pure resolver sees the workspace. */
export interface WorkspaceReader {
  /** Current text of a workspace-relative posix path, or undefined when there is no such file. */
  read(relPath: string): string | undefined;
  /** Why this (already normalised) path must be refused, e.g. a symlink that leads out of the workspace. */
  refusal?(relPath: string): string | undefined;
}

/** One file-labelled edit as found in the answer, before it is resolved against the workspace. */
export type FileEdit =
  | { kind: 'full'; path: string; content: string; terminated: boolean }
  | { kind: 'search-replace'; path: string; blocks: SearchReplaceBlock[] }
  /** A plain fence that replaces the selection in the compared file (beside edits of other files). */
  | { kind: 'selection'; path: string; code: string; terminated: boolean }
  /** `oldPath`/`newPath` undefined stands for /dev/null (a new or a deleted file). */
  | { kind: 'diff'; oldPath?: string; newPath?: string; hunks: DiffHunk[]; added: string[] };

export interface ParsedFileEdits {
  edits: FileEdit[];
  problems: string[];
  /** The answer has code that no file label claims (a plain fence, unnamed SEARCH/REPLACE blocks). */
  unlabelledCode: boolean;
  /** The plain (unlabelled, not diff, not SEARCH/REPLACE) fences, in answer order. */
  unlabelledFences: Array<{ lang: string; code: string; terminated: boolean }>;
}

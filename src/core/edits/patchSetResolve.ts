/**
 * Resolves an answer's file-labelled edits against the workspace into a {@link PatchSet}: each file's current
 * text (through the reader callback), its proposed full content, kind and line counts. Refused paths and edits
 * that fit nowhere block the whole set (all or nothing). `patchSetForAnswer` decides whether an answer is a
 * multi-file answer at all: today's single-file flow keeps every answer that names no file, or only the file the
 * selection is in.
 */
import { lineDiffStats } from './diffStats';
import { languageFit } from './languageAliases';
import { detectEol, fromLf, matchTrailingNewlines, toLf, type Eol } from './lineEndings';
import { parseFileEdits, pathsOf } from './patchSetParse';
import { checkPatchPath, pathKey } from './patchSetPaths';
import type { CandidateChange, FileEdit, ParsedFileEdits, PatchFile, PatchFileSource, PatchSet, WorkspaceReader } from './patchSetTypes';
import { applySearchReplaceBlocks } from './searchReplaceBlocks';
import { applyUnifiedDiff } from './unifiedDiffHunks';

export interface PatchContext {
  /** Absolute posix path of the workspace folder: absolute paths inside it are accepted. */
  workspaceRoot?: string;
  /** The compared file (workspace-relative), the selection the models saw in it and its VS Code language id. */
  compared?: { relPath: string; selectionText: string; languageId?: string };
}

interface WorkingFile {
  relPath: string;
  exists: boolean;
  original: string;
  eol: Eol;
  /** LF text; null once deleted. */
  current: string | null;
  source: PatchFileSource;
  notes: string[];
}

class Resolution {
  readonly files = new Map<string, WorkingFile>();
  readonly fatal: string[] = [];
  readonly problems: string[] = [];

  constructor(
    private readonly reader: WorkspaceReader,
    private readonly context: PatchContext,
  ) {}

  /** The working file for a path from the answer, or undefined (with the refusal noted) when it is refused. */
  target(raw: string, source: PatchFileSource): WorkingFile | undefined {
    const check = checkPatchPath(raw, this.context.workspaceRoot);
    if (!check.ok) {
      this.fatal.push(check.reason);
      return undefined;
    }
    const refusal = this.reader.refusal?.(check.relPath);
    if (refusal !== undefined) {
      this.fatal.push(`Refused ${JSON.stringify(raw)}: ${refusal}.`);
      return undefined;
    }
    const known = this.files.get(check.relPath);
    if (known) {
      known.source = source;
      return known;
    }
    const text = this.reader.read(check.relPath);
    const file: WorkingFile = {
      relPath: check.relPath,
      exists: text !== undefined,
      original: text ?? '',
      eol: detectEol(text ?? ''),
      current: text === undefined ? '' : toLf(text),
      source,
      notes: [],
    };
    this.files.set(check.relPath, file);
    return file;
  }

  apply(edit: FileEdit): void {
    switch (edit.kind) {
      case 'full':
        return this.full(edit);
      case 'search-replace':
        return this.searchReplace(edit);
      case 'diff':
        return this.diff(edit);
      case 'selection':
        return this.selection(edit);
    }
  }

  private selection(edit: Extract<FileEdit, { kind: 'selection' }>): void {
    const file = this.target(edit.path, 'full-file');
    const selection = this.context.compared?.selectionText;
    if (!file || selection === undefined) return;
    const spliced = edit.terminated && file.current !== null ? spliceSelection(file.current, toLf(selection), toLf(edit.code), true) : undefined;
    if (spliced === undefined) {
      this.fatal.push(`${file.relPath}: the answer's unlabelled code could not be placed (the selection is no longer in the file exactly once, or the code was cut off).`);
      return;
    }
    file.current = spliced;
    file.notes.push('the unlabelled code block replaces the selection');
  }

  private full(edit: Extract<FileEdit, { kind: 'full' }>): void {
    const file = this.target(edit.path, 'full-file');
    if (!file) return;
    if (!edit.terminated) {
      this.fatal.push(`${file.relPath}: the answer ended inside its code block (truncated?), so the file would be cut off.`);
      return;
    }
    const content = toLf(edit.content);
    const compared = this.context.compared;
    const snippet = compared !== undefined && file.exists && file.relPath === pathKey(compared.relPath) && file.current !== null
      ? spliceSelection(file.current, toLf(compared.selectionText), content)
      : undefined;
    if (snippet !== undefined) file.notes.push('its code replaces the selection (it is not the whole file)');
    file.current = snippet ?? content;
  }

  private searchReplace(edit: Extract<FileEdit, { kind: 'search-replace' }>): void {
    const file = this.target(edit.path, 'search-replace');
    if (!file) return;
    const result = applySearchReplaceBlocks(file.current ?? '', edit.blocks);
    if (result.applied === 0) {
      this.fatal.push(`${file.relPath}: no SEARCH/REPLACE block matched (${result.failures.join('; ')}).`);
      return;
    }
    file.current = result.text;
    file.notes.push(...result.notes, ...result.failures);
  }

  private diff(edit: Extract<FileEdit, { kind: 'diff' }>): void {
    if (edit.newPath === undefined) {
      const file = edit.oldPath === undefined ? undefined : this.target(edit.oldPath, 'unified-diff');
      if (!file) return;
      if (!file.exists) this.fatal.push(`${file.relPath}: the diff deletes it, but there is no such file.`);
      else file.current = null;
      return;
    }
    if (edit.oldPath !== undefined && pathKey(edit.oldPath) !== pathKey(edit.newPath)) {
      this.fatal.push(`${edit.oldPath} → ${edit.newPath}: renames are not supported; nothing was applied.`);
      return;
    }
    const file = this.target(edit.newPath, 'unified-diff');
    if (!file) return;
    if (edit.oldPath === undefined) {
      if (file.exists) this.fatal.push(`${file.relPath}: the diff creates it, but it already exists.`);
      else file.current = `${edit.added.join('\n')}\n`;
      return;
    }
    if (!file.exists) {
      this.fatal.push(`${file.relPath}: the diff edits a file that does not exist.`);
      return;
    }
    const result = applyUnifiedDiff(file.current ?? '', edit.hunks);
    if (result.applied === 0) {
      this.fatal.push(`${file.relPath}: no diff hunk applied (${result.failures.join('; ') || 'the diff has no hunks'}).`);
      return;
    }
    file.current = result.text;
    file.notes.push(...result.notes, ...result.failures);
  }

  result(): PatchSet {
    const files: PatchFile[] = [];
    for (const file of this.files.values()) {
      const notes = file.notes.map((n) => `${file.relPath}: ${n}`);
      if (file.current === null) {
        files.push({ relPath: file.relPath, kind: 'delete', original: file.original, source: file.source, added: 0, removed: lineDiffStats(file.original, '').removed, notes });
        continue;
      }
      const lf = file.current.endsWith('\n') || file.current === '' ? file.current : `${file.current}\n`;
      const proposed = fromLf(file.exists ? keepEnding(lf, toLf(file.original)) : lf, file.exists ? file.eol : '\n');
      if (file.exists && proposed === file.original) {
        this.problems.push(`${file.relPath}: no change`);
        continue;
      }
      const stats = lineDiffStats(file.original, proposed);
      files.push({ relPath: file.relPath, kind: file.exists ? 'modify' : 'create', original: file.original, proposed, source: file.source, added: stats.added, removed: stats.removed, notes });
    }
    const problems = [...this.fatal, ...this.problems, ...files.flatMap((f) => f.notes)];
    if (this.fatal.length > 0) return { files, problems, blocked: `Nothing was applied: ${this.fatal.join(' ')}` };
    if (files.length === 0) return { files, problems, blocked: 'The answer names files but changes none of them.' };
    return { files, problems };
  }
}

/** A file without a final line break keeps having none; one with keeps it. */
function keepEnding(lf: string, originalLf: string): string {
  return originalLf === '' || originalLf.endsWith('\n') ? lf : lf.replace(/\n+$/, '');
}

/**
 * The compared file with its selection replaced by `code`, when `code` is a snippet of the file rather than the
 * whole of it (under half its lines) and the selection occurs in the file exactly once.
 */
function spliceSelection(fileLf: string, selectionLf: string, code: string, anySize = false): string | undefined {
  if (selectionLf.trim() === '') return undefined;
  const at = fileLf.indexOf(selectionLf);
  if (at < 0 || fileLf.indexOf(selectionLf, at + 1) >= 0) return undefined;
  const lines = (text: string): number => text.split('\n').length;
  if (!anySize && lines(code) * 2 >= lines(fileLf)) return undefined;
  return fileLf.slice(0, at) + matchTrailingNewlines(code, selectionLf) + fileLf.slice(at + selectionLf.length);
}

/** Resolves parsed edits against the workspace (edits of one file apply in answer order). */
export function resolvePatchSet(parsed: ParsedFileEdits, reader: WorkspaceReader, context: PatchContext = {}): PatchSet {
  const resolution = new Resolution(reader, context);
  resolution.problems.push(...parsed.problems);
  for (const edit of parsed.edits) resolution.apply(edit);
  return resolution.result();
}

/**
 * The patch set of a multi-file answer, or undefined when the answer is for today's single-file flow: it names no
 * file, or only the compared one (e.g. a diff with `--- a/src/x.ts` headers for the selection's own file).
 */
export function patchSetForAnswer(answer: string, reader: WorkspaceReader, context: PatchContext = {}): PatchSet | undefined {
  const parsed = parseFileEdits(answer);
  const named = new Set(parsed.edits.flatMap(pathsOf).map(pathKey));
  if (named.size === 0) return undefined;
  if (named.size === 1 && context.compared !== undefined && named.has(pathKey(context.compared.relPath))) return undefined;
  const selectionEdit = unlabelledSelectionEdit(parsed, named, context);
  const set = resolvePatchSet(selectionEdit ? { ...parsed, edits: [selectionEdit, ...parsed.edits] } : parsed, reader, context);
  if (parsed.unlabelledCode && !selectionEdit) set.problems.push('The answer also has code with no file name; it is not part of these files.');
  return set;
}

/**
 * "The fix (a plain fence), and a new test in `test/x.test.js`": when the other files leave the compared one out and
 * exactly one plain fence is in the selection's language, that fence replaces the selection, as a single-file
 * answer would.
 */
function unlabelledSelectionEdit(parsed: ParsedFileEdits, named: ReadonlySet<string>, context: PatchContext): FileEdit | undefined {
  const compared = context.compared;
  if (compared?.languageId === undefined || named.has(pathKey(compared.relPath))) return undefined;
  const languageId = compared.languageId;
  const fitting = parsed.unlabelledFences.filter((f) => {
    const fit = languageFit(f.lang, languageId);
    return fit === 'same' || fit === 'related';
  });
  const [fence] = fitting;
  if (fitting.length !== 1 || fence === undefined) return undefined;
  return { kind: 'selection', path: compared.relPath, code: fence.code, terminated: fence.terminated };
}

/** A patch set as the files to write in a checkout (what verification consumes). */
export function candidateChanges(set: PatchSet): CandidateChange[] {
  return set.files.map((f) => (f.kind === 'delete' ? { relPath: f.relPath, content: '', deleted: true as const } : { relPath: f.relPath, content: f.proposed ?? '' }));
}

/**
 * The stale check of a multi-file Apply: the files that no longer hold what the answer was resolved against (a file
 * to create must still not exist). `current` gives a file's text now, or undefined when there is none.
 */
export function staleFiles(set: PatchSet, current: (relPath: string) => string | undefined): string[] {
  return set.files.filter((f) => (f.kind === 'create' ? current(f.relPath) !== undefined : current(f.relPath) !== f.original)).map((f) => f.relPath);
}

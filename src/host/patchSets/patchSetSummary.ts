/**
 * A column's multi-file answer as the results panel shows it: the file list with line counts, the problems as the
 * hint's note, and why Apply is off (a refused path, an edit that fits nowhere, an unfinished answer).
 * No `vscode` import (unit-tested).
 */
import type { PatchSet } from '../../core/edits/patchSetTypes';
import type { EditSummaryView } from '../../shared/protocol';
import { capText, MAX_PATCH_FILES } from '../../shared/vocabulary';

export function patchSetSummary(set: PatchSet, blocked: string | undefined): EditSummaryView {
  const files = set.files.slice(0, MAX_PATCH_FILES).map((f) => ({ path: capText(f.relPath), kind: f.kind, added: f.added, removed: f.removed }));
  const note = capText(set.problems.join(' '));
  const reason = set.blocked ?? blocked ?? (set.files.length > MAX_PATCH_FILES ? `The answer changes more than ${MAX_PATCH_FILES} files.` : undefined);
  return {
    hasCode: set.files.length > 0,
    followedFormat: false,
    added: set.files.reduce((n, f) => n + f.added, 0),
    removed: set.files.reduce((n, f) => n + f.removed, 0),
    source: 'patch-set',
    files,
    ...(note ? { note } : {}),
    ...(reason ? { applyBlocked: capText(reason) } : {}),
  };
}

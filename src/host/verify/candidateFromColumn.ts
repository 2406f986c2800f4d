/**
 * The seam between a results column and verification: the files a candidate changes. Today a column's answer is
 * one file's edit (the selection's file with the extracted replacement applied, as Apply does); a multi-file patch
 * set plugs in here as more entries.
 */
import * as vscode from 'vscode';
import { isStillOriginal } from '../../core/edits/diffStats';
import { candidateChanges } from '../../core/edits/patchSetResolve';
import type { Candidate } from '../../core/verify/candidateChanges';
import type { LiveRun } from '../run/comparisonController';

export type CandidateOrProblem = { ok: true; candidate: Candidate; baseline: Candidate } | { ok: false; problem: string };

/**
 * The candidate of `columnId` (Repeat N: of one of its samples; the shown one without `sample`), with the baseline
 * (the same file as it is now, unsaved edits included).
 */
export async function candidateOfColumn(live: LiveRun, columnId: string, folder: vscode.WorkspaceFolder, sample?: number): Promise<CandidateOrProblem> {
  const answer = sample === undefined ? undefined : live.session.sampleAnswer(columnId, sample);
  if (sample !== undefined && !answer) return { ok: false, problem: `sample ${sample} has not ended` };
  // A multi-file answer: every file of its patch set, resolved against the workspace when the answer completed.
  const patchSet = answer ? answer.patchSet : live.session.patchSetOf(columnId);
  if (patchSet && patchSet.files.length > 0) {
    if (patchSet.blocked) return { ok: false, problem: patchSet.blocked };
    const baseline = patchSet.files.filter((f) => f.kind !== 'create').map((f) => ({ relPath: f.relPath, content: f.original }));
    return { ok: true, candidate: candidateChanges(patchSet), baseline };
  }
  const code = answer ? answer.code : live.session.proposedCode(columnId);
  if (code === undefined) return { ok: false, problem: 'this answer proposed no code to verify' };
  const blocked = answer ? answer.blocked : live.session.applyBlockOf(columnId);
  if (blocked) return { ok: false, problem: blocked };
  const { target } = live.prepared.captured;
  const relPath = vscode.workspace.asRelativePath(target.uri, false).split('\\').join('/');
  if (vscode.workspace.getWorkspaceFolder(target.uri)?.uri.toString() !== folder.uri.toString()) return { ok: false, problem: 'the compared file is not in this workspace folder' };
  let text: string;
  try {
    text = (await vscode.workspace.openTextDocument(target.uri)).getText();
  } catch {
    return { ok: false, problem: `the compared file could not be opened: ${relPath}` };
  }
  if (!isStillOriginal(text, target.range, target.originalText)) return { ok: false, problem: 'the code changed since the comparison' };
  const content = text.slice(0, target.range.start) + code + text.slice(target.range.end);
  return { ok: true, candidate: [{ relPath, content }], baseline: [{ relPath, content: text }] };
}

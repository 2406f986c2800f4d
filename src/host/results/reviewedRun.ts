/**
 * The run whose answers the panel's per-column actions work on (diff, compare, apply, copy): the live run, or a
 * run reopened from the log. A logged run's selection is found again in the file by its logged lines, and Apply
 * there checks that those lines still hold the logged original, so it never writes over later edits.
 */
import * as vscode from 'vscode';
import type { PatchSet } from '../../core/edits/patchSetTypes';
import type { RunRecord } from '../../core/prefs/preferenceRecord';
import type { RunView } from '../../shared/protocol';
import { loggedApplyBlock, loggedOriginal } from '../prefs/loggedEdits';
import { columnOrder } from '../prefs/runRecords';
import type { ComparisonController, LiveRun } from '../run/comparisonController';
import { loggedSamples, shownLoggedAttempt } from '../run/loggedSamples';
import type { SelectionTarget } from './applyEdit';

export interface ReviewedRun {
  runId: string;
  /** The compared file's base name (diff document names). */
  fileName: string;
  target: SelectionTarget;
  columnIds(): string[];
  label(columnId: string): string;
  proposedCode(columnId: string): string | undefined;
  patchSetOf(columnId: string): PatchSet | undefined;
  patchRoot: vscode.Uri | undefined;
  applyBlockOf(columnId: string): string | undefined;
  /** The answer's whole text (Copy without code). */
  answerText(columnId: string): string;
  /** Records that the column's code was applied. */
  applied(columnId: string, files?: readonly string[]): void;
  /** Repeat N: the samples behind each column, live or logged (absent for one sample per model). */
  samples?: ReviewedSamples;
}

export interface ReviewedSamples {
  count: number;
  shown(columnId: string): number;
  code(columnId: string, sample: number): string | undefined;
}

export function liveReview(run: LiveRun): ReviewedRun {
  const { session, prepared } = run;
  const root = session.plan.patchSets?.context.workspaceRoot;
  return {
    runId: session.runId,
    fileName: prepared.captured.fileName,
    target: prepared.captured.target,
    columnIds: () => session.state.columnIds(),
    label: (c) => session.state.columnLabel(c) ?? c,
    proposedCode: (c) => session.proposedCode(c),
    patchSetOf: (c) => session.patchSetOf(c),
    patchRoot: root === undefined ? undefined : vscode.Uri.file(root),
    applyBlockOf: (c) => session.applyBlockOf(c),
    answerText: (c) => {
      const modelId = session.state.modelIdOf(c);
      return session.handle.snapshot().find((o) => o.modelId === modelId)?.text ?? '';
    },
    applied: (c, files) => session.applied(c, files),
    ...(session.samples.repeated
      ? { samples: { count: session.samples.count, shown: (c: string) => session.shownSample(c), code: (c: string, n: number) => session.sampleCode(c, n) } }
      : {}),
  };
}

/** Records an Apply of a logged run's answer (the attempt its column shows). */
export type AppliedRecorder = (runId: string, modelId: string, attempt: number) => void;

/**
 * A logged run as a {@link ReviewedRun}, or the reason it cannot be one here (its file is not in this workspace,
 * or the log does not say which lines it was about).
 */
export async function loggedReview(record: RunRecord, view: RunView, recordApplied: AppliedRecorder): Promise<ReviewedRun | string> {
  const { filePath, selection } = record.context;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const original = loggedOriginal(record);
  if (!filePath || !selection || original === undefined) return 'The log does not say which code this run was about.';
  if (!folder) return 'Open the workspace of this run to work with its answers.';
  const uri = vscode.Uri.joinPath(folder.uri, filePath);
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    return `The file of this run (${filePath}) is not in this workspace any more.`;
  }
  const start = document.offsetAt(new vscode.Position(selection.startLine, selection.startCharacter));
  // Positions past the end of a shortened file are clamped by offsetAt; the original check below then refuses.
  const end = document.offsetAt(new vscode.Position(selection.endLine, selection.endCharacter));
  const order = columnOrder(record);
  const modelOf = (columnId: string): string | undefined => order[view.columns.findIndex((c) => c.columnId === columnId)];
  // Repeat N: a column acts on the logged attempt of the sample it shows.
  const shown = new Map(view.states.flatMap((s) => (s.samples ? [[s.columnId, s.samples.shown] as const] : [])));
  const outputOf = (columnId: string) => shownLoggedAttempt(record, columnId, shown) ?? record.outputs.find((o) => o.modelId === modelOf(columnId));
  return {
    runId: record.id,
    fileName: uri.path.split('/').pop() || 'selection.txt',
    target: { uri, range: { start, end }, originalText: original },
    columnIds: () => view.columns.map((c) => c.columnId),
    label: (c) => view.columns.find((x) => x.columnId === c)?.displayLabel ?? c,
    proposedCode: (c) => outputOf(c)?.extractedCode,
    patchSetOf: () => undefined,
    patchRoot: undefined,
    applyBlockOf: (c) => {
      const output = outputOf(c);
      return output ? loggedApplyBlock(record, output) : 'No answer was recorded for this model.';
    },
    answerText: (c) => outputOf(c)?.text ?? '',
    applied: (c) => {
      const modelId = modelOf(c);
      if (modelId === undefined) return;
      const attempt = shownLoggedAttempt(record, c, shown)?.attempt ?? Math.max(1, ...record.attempts.filter((a) => a.modelId === modelId).map((a) => a.attempt));
      recordApplied(record.id, modelId, attempt);
    },
    ...(record.repeat !== undefined && record.repeat > 1
      ? {
          samples: {
            count: record.repeat,
            shown: (c: string) => shown.get(c) ?? 1,
            code: (c: string, n: number) => {
              const modelId = modelOf(c);
              return modelId === undefined ? undefined : loggedSamples(record, modelId).get(n)?.extractedCode;
            },
          },
        }
      : {}),
  };
}

/** The run the panel shows, as a {@link ReviewedRun}; a string says why its answers cannot be worked with. */
export async function shownReview(controller: ComparisonController): Promise<ReviewedRun | string> {
  const live = controller.live;
  if (live) return liveReview(live);
  const restored = controller.coordinator.restoredRun;
  if (!restored) return controller.latestRunId ? 'This run is read-only: re-run it to work with its answers.' : 'No comparison yet: run one first.';
  return loggedReview(restored.record, restored.view, (runId, modelId, attempt) => controller.coordinator.recordApplied(runId, modelId, attempt));
}

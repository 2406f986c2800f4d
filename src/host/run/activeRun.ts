/**
 * One comparison in flight or just finished: the prepared prompt and models, the engine handle, the panel's view
 * state, and each model's extracted edit with its diff documents.
 */
import type { RunHandle } from '../../core/compare/compareEngine';
import type { ModelOutcome } from '../../core/compare/runTypes';
import type { ExtractedEdit } from '../../core/edits/editTypes';
import type { DiffSide } from '../results/diffDocuments';
import type { PreparedRun } from './runPreflight';
import type { RunViewState } from '../results/runViewState';

export interface ActiveRun {
  prepared: PreparedRun;
  state: RunViewState;
  handle: RunHandle;
  /** By model id. */
  extracted: Map<string, ExtractedEdit>;
  original: DiffSide;
  /** Extracted code as a diff document, by column id. */
  codeSides: Map<string, DiffSide>;
  /** The run record is in the log (later votes are appended as events). */
  recordWritten: boolean;
  outcomes?: ModelOutcome[];
}

/** The code a column proposes, if any. */
export function proposedCode(run: ActiveRun, columnId: string): string | undefined {
  const modelId = run.state.modelIdOf(columnId);
  const edit = modelId === undefined ? undefined : run.extracted.get(modelId);
  return edit?.kind === 'replacement' ? edit.code : undefined;
}

/**
 * Conversions between a run as the panel shows it and the folded log record: votes (column ids → model ids), runs
 * restored from the log (history, or the last run after a reload) and the sidebar's recent-runs list.
 * No `vscode` import (unit-tested).
 */
import type { RunContext, RunOutput, RunRecord, Vote } from '../../core/prefs/preferenceRecord';
import type { RecentRunView, RunView, TemplateId, VoteView } from '../../shared/protocol';
import { capText, MAX_MODELS, TEXT_CAPS } from '../../shared/vocabulary';
import { columnView } from '../results/blindColumns';
import { contextLabel, runTitle } from '../run/runLabels';
import { loggedEditSummary, loggedOriginal } from './loggedEdits';

/** A panel vote (column ids) as a log vote (model ids). Throws when a column is unknown. */
export function voteFromView(vote: VoteView, modelIdOf: (columnId: string) => string | undefined, votedAt: string): Vote {
  const toModel = (columnId: string): string => {
    const id = modelIdOf(columnId);
    if (id === undefined) throw new Error(`Unknown column '${columnId}' in the vote`);
    return id;
  };
  const note = vote.note?.trim();
  return {
    kind: vote.kind,
    ...(vote.kind === 'winner' && vote.winnerColumnId !== undefined ? { winner: toModel(vote.winnerColumnId) } : {}),
    ...(vote.rankingColumnIds && vote.rankingColumnIds.length > 0 ? { ranking: vote.rankingColumnIds.map(toModel) } : {}),
    tags: [...vote.tags],
    ...(note ? { note } : {}),
    votedAt,
  };
}

/** A log vote (model ids) as the panel shows it (column ids); ids not in the run are dropped. */
function voteToView(vote: Vote, columnIdOf: (modelId: string) => string | undefined): VoteView {
  const ranking = (vote.ranking ?? []).map(columnIdOf).filter((c): c is string => c !== undefined);
  const winner = vote.winner === undefined ? undefined : columnIdOf(vote.winner);
  return {
    kind: vote.kind,
    ...(winner === undefined ? {} : { winnerColumnId: winner }),
    ...(ranking.length > 0 ? { rankingColumnIds: ranking } : {}),
    tags: vote.tags.slice(0, TEXT_CAPS.tags),
    ...(vote.note === undefined ? {} : { note: vote.note }),
  };
}

/** The shown order, falling back to the models' order for entries that lack it: column `c{i}` is entry i. */
export function columnOrder(record: RunRecord): string[] {
  const ids = record.models.map((m) => m.id);
  const shown = record.shownOrder.filter((id) => ids.includes(id));
  return [...shown, ...ids.filter((id) => !shown.includes(id))].slice(0, MAX_MODELS);
}

/** Whether a logged run still hides its names: blind, not voted on and not revealed. */
export function recordMasked(record: RunRecord): boolean {
  return record.blind && record.vote === undefined && record.revealedAt === undefined;
}

/**
 * A run restored from the log, as its columns last showed: read-only (no engine behind it), but still open for a
 * vote, and its answers' code can still be diffed, compared and applied (loggedEdits.ts); names stay hidden while a
 * blind run has no vote.
 */
export function runViewFromRecord(record: RunRecord, reasonTags: readonly string[]): RunView {
  const order = columnOrder(record);
  const masked = recordMasked(record);
  const columnIdOf = (modelId: string): string | undefined => {
    const i = order.indexOf(modelId);
    return i < 0 ? undefined : `c${i}`;
  };
  const selection = record.context.selection;
  const original = loggedOriginal(record);
  return {
    runId: record.id,
    template: record.template,
    title: runTitle(record.template, record.context.filePath, selection),
    createdAt: record.createdAt,
    requestHash: record.requestHash,
    contextLabel: contextLabel(record.context.filePath, selection, record.languageId),
    columns: order.map((id, i) => {
      const m = record.models.find((x) => x.id === id);
      const spec = { id, label: m?.label ?? id, provider: m?.provider ?? 'openai', model: m?.model ?? id, ...m?.params, ...(m?.demo ? { demo: true } : {}) };
      return columnView(`c${i}`, i, spec, masked);
    }),
    states: order.map((id, i) => {
      const out = record.outputs.find((o) => o.modelId === id);
      const metrics = out ? { startedAt: Date.parse(record.createdAt), ...definedOnly(out.metrics) } : undefined;
      if (metrics && masked) delete metrics.costUsd;
      const edit = out && loggedEditSummary(record, out, original);
      return {
        columnId: `c${i}`,
        state: out?.state ?? 'incomplete',
        text: out?.text ?? '',
        reasoning: out?.reasoning ?? '',
        ...(metrics ? { metrics } : {}),
        ...(edit ? { edit } : {}),
        ...(out ? (out.error === undefined ? {} : { error: capText(out.error) }) : { error: 'No answer was recorded for this model (the window closed while it streamed).' }),
      };
    }),
    blind: record.blind,
    readOnly: true,
    ...(record.vote ? { vote: voteToView(record.vote, columnIdOf) } : {}),
    reasonTags: reasonTags.slice(0, TEXT_CAPS.tags),
  };
}

function definedOnly(metrics: RunOutput['metrics']): RunOutput['metrics'] {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined)) as RunOutput['metrics'];
}

/** One line of the sidebar's recent-runs list. */
export function recentRunFromRecord(record: RunRecord): RecentRunView {
  const note = [record.vote?.note, ...record.notes].filter((n) => n !== undefined && n.trim() !== '').join(' · ');
  return {
    runId: record.id,
    title: capText(runTitle(record.template, record.context.filePath, record.context.selection)),
    template: record.template,
    createdAt: record.createdAt,
    models: record.models.slice(0, MAX_MODELS).map((m) => m.label || m.model),
    voted: record.vote !== undefined,
    ...(note ? { note: capText(note) } : {}),
  };
}

/** What repeating a logged run needs: the same template, instruction and models on the same file and selection. */
export interface RerunTarget {
  template: TemplateId;
  instruction?: string;
  modelIds: string[];
  /** Workspace-relative, as logged. */
  filePath: string;
  selection: NonNullable<RunContext['selection']>;
}

/** Undefined when the record does not say which file and lines the run was about. */
export function rerunTarget(record: RunRecord): RerunTarget | undefined {
  const { filePath, selection } = record.context;
  if (!filePath || !selection) return undefined;
  return {
    template: record.template,
    ...(record.instruction ? { instruction: record.instruction } : {}),
    modelIds: record.models.map((m) => m.id),
    filePath,
    selection,
  };
}

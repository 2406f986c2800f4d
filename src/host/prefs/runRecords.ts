/**
 * Conversions between a run as the host shows it and the preference log's records: the record written at run
 * end, votes (column ids → model ids), runs reopened from history and the sidebar's recent-runs list.
 * No `vscode` import (unit-tested).
 */
import type { ModelOutcome } from '../../core/compare/runTypes';
import type { RunContext, RunOutput, RunRecord, Vote } from '../../core/prefs/preferenceRecord';
import type { RecentRunView, RunView, TemplateId, VoteView } from '../../shared/protocol';
import { columnView } from '../results/blindColumns';
import { contextLabel, runTitle } from '../run/runLabels';
import type { RunViewState } from '../results/runViewState';

export interface ExtractedForRecord {
  code?: string;
  followedFormat: boolean;
}

export interface RunRecordInput {
  state: RunViewState;
  languageId: string;
  prompt: { system: string; user: string };
  instruction?: string;
  context: RunContext;
  outcomes: readonly ModelOutcome[];
  extracted: ReadonlyMap<string, ExtractedForRecord>;
}

function outputFrom(outcome: ModelOutcome, extracted: ExtractedForRecord | undefined): RunOutput {
  const m = outcome.metrics;
  const state = outcome.state === 'queued' || outcome.state === 'streaming' ? 'incomplete' : outcome.state;
  return {
    modelId: outcome.modelId,
    state,
    text: outcome.text,
    ...(outcome.reasoning ? { reasoning: outcome.reasoning } : {}),
    ...(outcome.error ? { error: outcome.error.message } : {}),
    metrics: {
      ttftMs: m.ttftMs,
      totalMs: m.totalMs,
      inputTokens: m.inputTokens,
      outputTokens: m.outputTokens,
      reasoningTokens: m.reasoningTokens,
      tokensEstimated: m.tokensEstimated,
      tokensPerSecond: m.tokensPerSecond,
      costUsd: m.costUsd,
    },
    ...(extracted?.code === undefined ? {} : { extractedCode: extracted.code }),
    ...(extracted ? { followedFormat: extracted.followedFormat } : {}),
  };
}

/** The `run` entry written to the log when a run ends. */
export function buildRunRecord(input: RunRecordInput): RunRecord {
  const { state } = input;
  return {
    schemaVersion: 1,
    type: 'run',
    id: state.meta.runId,
    createdAt: state.meta.createdAt,
    template: state.meta.template,
    languageId: input.languageId,
    requestHash: state.meta.requestHash,
    prompt: input.prompt,
    ...(input.instruction ? { instruction: input.instruction } : {}),
    context: input.context,
    models: state.specs.map((s) => ({
      id: s.id,
      label: s.label,
      provider: s.provider,
      model: s.model,
      params: {
        ...(s.temperature === undefined ? {} : { temperature: s.temperature }),
        ...(s.maxTokens === undefined ? {} : { maxTokens: s.maxTokens }),
        ...(s.reasoning === undefined ? {} : { reasoning: s.reasoning }),
      },
      ...(s.demo ? { demo: true } : {}),
    })),
    outputs: input.outcomes.map((o) => outputFrom(o, input.extracted.get(o.modelId))),
    blind: state.isBlind,
    shownOrder: state.shownOrder,
  };
}

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
    tags: vote.tags.slice(0, 30),
    ...(vote.note === undefined ? {} : { note: vote.note }),
  };
}

/** The shown order, falling back to the models' order for entries that lack it. */
function columnOrder(record: RunRecord): string[] {
  const ids = record.models.map((m) => m.id);
  const shown = record.shownOrder.filter((id) => ids.includes(id));
  return [...shown, ...ids.filter((id) => !shown.includes(id))].slice(0, 8);
}

/** A run reopened from history: read-only, names revealed. */
export function runViewFromRecord(record: RunRecord, reasonTags: readonly string[]): RunView {
  const order = columnOrder(record);
  const columnIdOf = (modelId: string): string | undefined => {
    const i = order.indexOf(modelId);
    return i < 0 ? undefined : `c${i}`;
  };
  const selection = record.context.selection;
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
      return columnView(`c${i}`, i, spec, false);
    }),
    states: order.map((id, i) => {
      const out = record.outputs.find((o) => o.modelId === id);
      return {
        columnId: `c${i}`,
        state: out?.state ?? 'incomplete',
        text: out?.text ?? '',
        reasoning: out?.reasoning ?? '',
        ...(out ? { metrics: { startedAt: Date.parse(record.createdAt), ...definedOnly(out.metrics) } } : {}),
        ...(out?.error === undefined ? {} : { error: out.error.slice(0, 2_000) }),
      };
    }),
    blind: record.blind,
    readOnly: true,
    ...(record.vote ? { vote: voteToView(record.vote, columnIdOf) } : {}),
    reasonTags: reasonTags.slice(0, 30),
  };
}

function definedOnly(metrics: RunOutput['metrics']): RunOutput['metrics'] {
  return Object.fromEntries(Object.entries(metrics).filter(([, v]) => v !== undefined)) as RunOutput['metrics'];
}

/** One line of the sidebar's recent-runs list. */
export function recentRunFromRecord(record: RunRecord): RecentRunView {
  const note = record.vote?.note ?? record.note;
  return {
    runId: record.id,
    title: runTitle(record.template, record.context.filePath, record.context.selection).slice(0, 2_000),
    template: record.template,
    createdAt: record.createdAt,
    models: record.models.slice(0, 8).map((m) => m.label || m.model),
    voted: record.vote !== undefined,
    ...(note ? { note: note.slice(0, 2_000) } : {}),
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

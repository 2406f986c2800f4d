/**
 * The single typed contract between the extension host and its webviews (sidebar, results panel, leaderboard).
 *
 * Every message in each direction is a member of a zod discriminated union. Both ends call `safeParse` on what they
 * receive; a message that fails validation is logged and dropped, never acted on. Types come from `z.infer`.
 *
 * Columns in the results panel are addressed by an opaque `columnId` ("c0", "c1", …), never by model id, so that
 * blind mode can hide which model is which: the host keeps the mapping.
 *
 * Parts live in their own files: protocolFields.ts (the common fields), sampleProtocol.ts (Repeat N),
 * verificationProtocol.ts, judgeProtocol.ts and leaderboardProtocol.ts (the leaderboard panel's messages).
 */
import { z } from 'zod';
import { judgeToHostSchemas, judgeToResultsSchemas } from './judgeProtocol';
import { id, longText, runStateSchema, shortText, templateIdSchema } from './protocolFields';
import { samplesViewSchema } from './sampleProtocol';
import { verificationToHostSchemas, verificationToResultsSchemas } from './verificationProtocol';
import { INLINE_DIFF_CAPS, MAX_MODELS, MAX_REPEAT, MAX_PATCH_FILES, RESULTS_PANEL_COMMANDS, TEXT_CAPS } from './vocabulary';

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------------

export { templateIdSchema, runStateSchema, type TemplateId, type RunStateView } from './protocolFields';
export { samplesViewSchema, type SamplesView } from './sampleProtocol';

export const metricsSchema = z.object({
  startedAt: z.number(),
  firstTokenAt: z.number().optional(),
  endedAt: z.number().optional(),
  ttftMs: z.number().optional(),
  totalMs: z.number().optional(),
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  reasoningTokens: z.number().optional(),
  tokensEstimated: z.boolean(),
  /** Which counts are estimates (absent in older records: then `tokensEstimated` covers both). */
  inputEstimated: z.boolean().optional(),
  outputEstimated: z.boolean().optional(),
  tokensPerSecond: z.number().optional(),
  costUsd: z.number().optional(),
});
export type MetricsView = z.infer<typeof metricsSchema>;

/** What the panel may know about a column. In blind mode before the vote, provider/model/label are absent. */
export const columnSchema = z.object({
  columnId: id,
  /** "claude-sonnet (demo)" or, blind, "Model A". */
  displayLabel: shortText,
  provider: shortText.optional(),
  model: shortText.optional(),
  demo: z.boolean().optional(),
  /** A short parameter summary such as "reasoning: high, temp 0.2". Hidden in blind mode. */
  params: shortText.optional(),
});
export type ColumnView = z.infer<typeof columnSchema>;

/** One file of a multi-file answer (patch set), as its column lists it. */
export const patchFileSummarySchema = z.object({
  path: shortText,
  kind: z.enum(['modify', 'create', 'delete']),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
});
export type PatchFileSummaryView = z.infer<typeof patchFileSummarySchema>;
/** An answer's code against the original, line by line with the changed words marked (core/edits/inlineDiff.ts). */
export const inlineDiffSchema = z.object({
  lines: z
    .array(z.object({ kind: z.enum(['same', 'add', 'del']), parts: z.array(z.object({ text: z.string().max(INLINE_DIFF_CAPS.chars), changed: z.boolean() })).max(INLINE_DIFF_CAPS.chars) }))
    .max(INLINE_DIFF_CAPS.lines),
  truncated: z.boolean(),
});
export type InlineDiffView = z.infer<typeof inlineDiffSchema>;

export const editSummarySchema = z.object({
  hasCode: z.boolean(),
  followedFormat: z.boolean(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  source: shortText.optional(),
  note: shortText.optional(),
  /** Why Apply is off for this answer (it did not finish, or the selection was cut for the models). */
  applyBlocked: shortText.optional(),
  /** Present when the answer is a multi-file patch set: Review opens them all, Apply writes them all or none. */
  files: z.array(patchFileSummarySchema).max(MAX_PATCH_FILES).optional(),
  diff: inlineDiffSchema.optional(),
});
export type EditSummaryView = z.infer<typeof editSummarySchema>;


export const columnStateSchema = z.object({
  columnId: id,
  state: runStateSchema,
  text: longText,
  reasoning: longText,
  metrics: metricsSchema.optional(),
  error: shortText.optional(),
  edit: editSummarySchema.optional(),
  /** Repeat N: the column's samples. */
  samples: samplesViewSchema.optional(),
});
export type ColumnStateView = z.infer<typeof columnStateSchema>;

export const voteKindSchema = z.enum(['winner', 'tie', 'all-bad']);
export const voteSchema = z.object({
  kind: voteKindSchema,
  winnerColumnId: id.optional(),
  /** Optional full ranking, best first. */
  rankingColumnIds: z.array(id).max(MAX_MODELS).optional(),
  tags: z.array(z.string().min(1).max(TEXT_CAPS.tag)).max(TEXT_CAPS.tags),
  note: z.string().max(TEXT_CAPS.note).optional(),
});
export type VoteView = z.infer<typeof voteSchema>;

/** A vote being composed, kept by the host so that it survives hiding the panel and reloading the window. */
export const voteDraftSchema = z.object({
  kind: voteKindSchema.optional(),
  winnerColumnId: id.optional(),
  /** columnId → rank (1 = best). */
  ranks: z.record(id, z.number().int().min(1).max(MAX_MODELS)),
  tags: z.array(z.string().min(1).max(TEXT_CAPS.tag)).max(TEXT_CAPS.tags),
  note: z.string().max(TEXT_CAPS.note),
});
export type VoteDraftView = z.infer<typeof voteDraftSchema>;

export const runViewSchema = z.object({
  runId: id,
  template: templateIdSchema,
  title: shortText,
  createdAt: z.string(),
  requestHash: z.string().max(128),
  /** e.g. "src/dates.ts:12-30 · typescript". */
  contextLabel: shortText,
  columns: z.array(columnSchema).min(1).max(MAX_MODELS),
  states: z.array(columnStateSchema),
  blind: z.boolean(),
  /** A historic run opened from history: no cancel/retry/apply, vote shown. */
  readOnly: z.boolean(),
  vote: voteSchema.optional(),
  /** The vote being composed, when the user started one. */
  draft: voteDraftSchema.optional(),
  reasonTags: z.array(z.string().max(TEXT_CAPS.tag)).max(TEXT_CAPS.tags),
});
export type RunView = z.infer<typeof runViewSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Sidebar
// ---------------------------------------------------------------------------------------------------------------

export const modelEntryViewSchema = z.object({
  id,
  label: shortText,
  provider: shortText,
  model: shortText,
  demo: z.boolean(),
  selected: z.boolean(),
  status: z.enum(['ready', 'missing-key', 'invalid', 'untrusted']),
  statusMessage: shortText.optional(),
});
export type ModelEntryView = z.infer<typeof modelEntryViewSchema>;

export const configProblemViewSchema = z.object({ entry: shortText, field: shortText.optional(), message: shortText });
export type ConfigProblemView = z.infer<typeof configProblemViewSchema>;

export const contextSummarySchema = z.object({
  filePath: shortText,
  languageId: shortText,
  startLine: z.number().int(),
  endLine: z.number().int(),
  chars: z.number().int().nonnegative(),
  diagnosticsCount: z.number().int().nonnegative(),
  preview: z.string().max(4_000),
});
export type ContextSummaryView = z.infer<typeof contextSummarySchema>;

export const recentRunSchema = z.object({
  runId: id,
  title: shortText,
  template: templateIdSchema,
  createdAt: z.string(),
  models: z.array(shortText).max(MAX_MODELS),
  voted: z.boolean(),
  note: shortText.optional(),
});
export type RecentRunView = z.infer<typeof recentRunSchema>;

export const estimateSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  /** Sum over selected models with a known price; undefined when none is known. */
  costUsd: z.number().optional(),
  unknownPriceModels: z.number().int().nonnegative(),
  /** The template and instruction the estimate was computed for (the sidebar's chosen ones). */
  template: templateIdSchema.optional(),
  /** Sum of the models' output bounds (`maxTokens`, or the default). */
  outputTokens: z.number().int().nonnegative().optional(),
  /** Input only … input plus the whole output bound, over the models with a known price. */
  costLowUsd: z.number().nonnegative().optional(),
  costHighUsd: z.number().nonnegative().optional(),
  /** Models counted with the heuristic (no tokenizer for their family). */
  heuristicModels: z.number().int().nonnegative().optional(),
  defaultBound: z.boolean().optional(),
});
export type EstimateView = z.infer<typeof estimateSchema>;

export const sidebarStateSchema = z.object({
  models: z.array(modelEntryViewSchema),
  problems: z.array(configProblemViewSchema),
  context: contextSummarySchema.nullable(),
  estimate: estimateSchema.nullable(),
  recentRuns: z.array(recentRunSchema),
  running: z.boolean(),
  trusted: z.boolean(),
});
export type SidebarStateView = z.infer<typeof sidebarStateSchema>;

export const sidebarToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('run'),
    template: templateIdSchema,
    /** The refactor goal or the custom prompt. */
    instruction: z.string().max(20_000).optional(),
    modelIds: z.array(id).max(MAX_MODELS),
    includeWholeFile: z.boolean(),
    /** Repeat N: samples per model (absent: one). */
    repeat: z.number().int().min(1).max(MAX_REPEAT).optional(),
  }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('toggleModel'), modelId: id, selected: z.boolean() }),
  z.object({ type: z.literal('setApiKey'), modelId: id.optional() }),
  z.object({ type: z.literal('configureModels') }),
  z.object({ type: z.literal('openRun'), runId: id }),
  z.object({ type: z.literal('searchHistory'), query: z.string().max(500) }),
  z.object({
    type: z.literal('estimate'),
    modelIds: z.array(id).max(MAX_MODELS),
    includeWholeFile: z.boolean(),
    /** The chosen template and instruction: the estimate is for the prompt they build. */
    template: templateIdSchema.optional(),
    instruction: z.string().max(20_000).optional(),
  }),
  z.object({ type: z.literal('showLeaderboard') }),
  z.object({ type: z.literal('openWalkthrough') }),
]);
export type SidebarToHost = z.infer<typeof sidebarToHostSchema>;

export const hostToSidebarSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('state'), state: sidebarStateSchema }),
  z.object({ type: z.literal('history'), query: z.string().max(500), runs: z.array(recentRunSchema) }),
]);
export type HostToSidebar = z.infer<typeof hostToSidebarSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Results panel
// ---------------------------------------------------------------------------------------------------------------

export const resultsToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('cancel'), columnId: id.optional() }),
  z.object({ type: z.literal('retry'), columnId: id }),
  z.object({ type: z.literal('diffOriginal'), columnId: id }),
  /** Answer ↔ answer. Without `otherColumnId` the host asks which one. */
  z.object({ type: z.literal('diffPair'), columnId: id, otherColumnId: id.optional() }),
  /** Repeat N: show another sample of a column (1-based). */
  z.object({ type: z.literal('showSample'), columnId: id, sample: z.number().int().min(1).max(MAX_REPEAT) }),
  z.object({ type: z.literal('apply'), columnId: id }),
  z.object({ type: z.literal('copy'), columnId: id }),
  /** Opens a multi-file answer's files in the multi-file diff editor. */
  z.object({ type: z.literal('reviewFiles'), columnId: id }),
  z.object({ type: z.literal('vote'), vote: voteSchema }),
  z.object({ type: z.literal('draft'), runId: id, draft: voteDraftSchema }),
  z.object({ type: z.literal('setBlind'), blind: z.boolean() }),
  /** `repeat`: run it again with N samples per model (Repeat N); absent: as many as it had. */
  z.object({ type: z.literal('rerun'), repeat: z.number().int().min(1).max(MAX_REPEAT).optional() }),
  z.object({ type: z.literal('exportMarkdown') }),
  ...verificationToHostSchemas,
  ...judgeToHostSchemas,
  /** Maximise the panel's editor group, or restore it. */
  z.object({ type: z.literal('toggleFocus') }),
  /** Every answer with code against the original, in native diff editors side by side. */
  z.object({ type: z.literal('openAllDiffs') }),
]);
export type ResultsToHost = z.infer<typeof resultsToHostSchema>;

/** Streaming updates, batched by the host per animation-frame-sized tick. */
export const columnUpdateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delta'), columnId: id, channel: z.enum(['text', 'reasoning']), text: longText }),
  z.object({ kind: z.literal('metrics'), columnId: id, metrics: metricsSchema }),
  z.object({ kind: z.literal('state'), columnId: id, state: runStateSchema, error: shortText.optional() }),
  z.object({ kind: z.literal('edit'), columnId: id, edit: editSummarySchema }),
  /** A retried column starts over. */
  z.object({ kind: z.literal('reset'), columnId: id }),
  /** Repeat N: the column's samples changed (one ended, or another one is shown). */
  z.object({ kind: z.literal('samples'), columnId: id, samples: samplesViewSchema }),
]);
export type ColumnUpdate = z.infer<typeof columnUpdateSchema>;

export const hostToResultsSchema = z.discriminatedUnion('type', [
  /** Full state: first render, reveal after a blind vote, restore after reload. */
  z.object({ type: z.literal('run'), run: runViewSchema }),
  z.object({ type: z.literal('updates'), runId: id, updates: z.array(columnUpdateSchema).max(10_000) }),
  z.object({ type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), message: shortText }),
  ...verificationToResultsSchemas,
  ...judgeToResultsSchemas,
  /** A key bound to a panel command was pressed in the panel. */
  z.object({ type: z.literal('panelCommand'), command: z.enum(RESULTS_PANEL_COMMANDS) }),
]);
export type ResultsPanelCommand = (typeof RESULTS_PANEL_COMMANDS)[number];
export type HostToResults = z.infer<typeof hostToResultsSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Validation at both ends
// ---------------------------------------------------------------------------------------------------------------

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

/** Validates an incoming message; never throws. The caller logs and drops failures. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown): ParseResult<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'message';
  return { ok: false, error: `${where}: ${issue?.message ?? 'invalid'}` };
}

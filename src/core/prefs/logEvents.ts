/**
 * The preference log's lines: one JSON event per line, appended when the fact happens and never rewritten.
 *
 * Schema 2 (written today) records each fact the user saw as it happened:
 * - `run-start`: prompt, context, models, the shown column order and whether the names were hidden;
 * - `attempt`: one model's answer as its column ended (retries are numbered 2, 3, …);
 * - `vote`: the vote, whether the names were hidden while voting, and which attempt of each model was on screen;
 * - `note`, `reveal`, `apply`, `cancel` (by the user, or because a new run replaced this one mid-stream);
 * - `verification`: a candidate's check in its own checkout (see verificationEvent.ts); never a vote.
 * - `judge`: a judge model's second opinion and pick (see judgeEvent.ts); never a vote.
 *
 * Schema 1 (older logs) wrote one `run` line at run end, with later `vote` and `note` lines; it is still read.
 */
import { z } from 'zod';
import {
  isoTimestamp,
  runContextSchema,
  runModelSchema,
  runOutputSchema,
  templateIdSchema,
  voteMismatch,
  voteSchema,
} from './preferenceRecord';
import { judgeEventSchema } from './judgeEvent';
import { verificationEventSchema } from './verificationEvent';

const runId = z.string().min(1);
const modelId = z.string().min(1);
const attemptNumber = z.number().int().positive();

/** Prompt, context and models: what a run asked, shared by both schemas' run lines. */
const runShape = {
  template: templateIdSchema,
  languageId: z.string(),
  requestHash: z.string(),
  prompt: z.object({ system: z.string(), user: z.string() }),
  /** What the user typed for the template (refactor goal, question, error text), so the run can be repeated. */
  instruction: z.string().optional(),
  context: runContextSchema,
  models: z.array(runModelSchema).min(1),
  blind: z.boolean(),
  /** Model entry ids in the left-to-right order the columns were shown. */
  shownOrder: z.array(z.string()),
};

type RunShape = { models: Array<{ id: string }>; shownOrder: string[] };

function checkRunShape(run: RunShape, ctx: z.RefinementCtx): void {
  const ids = new Set(run.models.map((m) => m.id));
  if (ids.size !== run.models.length) ctx.addIssue({ code: 'custom', path: ['models'], message: 'model ids are not unique' });
  run.shownOrder.forEach((id, i) => {
    if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['shownOrder', i], message: `unknown model '${id}'` });
  });
}

// ------------------------------------------------------------------------------------------------- schema 2

export const runStartEventSchema = z
  .object({
    schemaVersion: z.literal(2),
    type: z.literal('run-start'),
    runId,
    at: isoTimestamp,
    ...runShape,
    /** Who ran it, when a shared (team) log says so; Parallax itself does not write it. */
    author: z.string().min(1).max(200).optional(),
    /** Repeat N: samples per model (absent: one). Every sample is an `attempt` line naming its `sample`. */
    repeat: z.number().int().min(2).max(10).optional(),
  })
  .superRefine(checkRunShape);

export const attemptEventSchema = z.object({
  schemaVersion: z.literal(2),
  type: z.literal('attempt'),
  runId,
  attempt: attemptNumber,
  /** Repeat N: which sample of the model this attempt is (1-based). */
  sample: z.number().int().min(1).max(10).optional(),
  at: isoTimestamp,
  output: runOutputSchema,
});

export const voteEventV2Schema = z.object({ schemaVersion: z.literal(2), type: z.literal('vote'), runId, vote: voteSchema, at: isoTimestamp });
export const noteEventV2Schema = z.object({ schemaVersion: z.literal(2), type: z.literal('note'), runId, note: z.string(), at: isoTimestamp });
export const revealEventSchema = z.object({ schemaVersion: z.literal(2), type: z.literal('reveal'), runId, at: isoTimestamp });

export const applyEventSchema = z.object({
  schemaVersion: z.literal(2),
  type: z.literal('apply'),
  runId,
  modelId,
  attempt: attemptNumber,
  /** A multi-file answer's workspace-relative paths, all written by the one edit (absent for a selection edit). */
  files: z.array(z.string().min(1).max(4_096)).max(10_000).optional(),
  at: isoTimestamp,
});

export const cancelEventSchema = z.object({
  schemaVersion: z.literal(2),
  type: z.literal('cancel'),
  runId,
  /** The columns cancelled; absent when the whole run was. */
  modelIds: z.array(modelId).optional(),
  reason: z.enum(['user', 'replaced', 'closed']),
  at: isoTimestamp,
});

export const eventV2Schema = z.discriminatedUnion('type', [
  runStartEventSchema,
  attemptEventSchema,
  voteEventV2Schema,
  noteEventV2Schema,
  revealEventSchema,
  applyEventSchema,
  cancelEventSchema,
  verificationEventSchema,
  judgeEventSchema,
]);

// ------------------------------------------------------------------------------------------------- schema 1

export const legacyRunEntrySchema = z
  .object({
    schemaVersion: z.literal(1),
    type: z.literal('run'),
    id: runId,
    createdAt: isoTimestamp,
    ...runShape,
    outputs: z.array(runOutputSchema),
    vote: voteSchema.optional(),
    note: z.string().optional(),
  })
  .superRefine((run, ctx) => {
    checkRunShape(run, ctx);
    const ids = new Set(run.models.map((m) => m.id));
    run.outputs.forEach((o, i) => {
      if (!ids.has(o.modelId)) ctx.addIssue({ code: 'custom', path: ['outputs', i, 'modelId'], message: `unknown model '${o.modelId}'` });
    });
    const problem = run.vote && voteMismatch(run.vote, ids);
    if (problem) ctx.addIssue({ code: 'custom', path: ['vote'], message: problem });
  });

const legacyVoteSchema = z.object({ schemaVersion: z.literal(1), type: z.literal('vote'), runId, vote: voteSchema, at: isoTimestamp });
const legacyNoteSchema = z.object({ schemaVersion: z.literal(1), type: z.literal('note'), runId, note: z.string(), at: isoTimestamp });

export const eventV1Schema = z.discriminatedUnion('type', [legacyRunEntrySchema, legacyVoteSchema, legacyNoteSchema]);

/** Any line of the log, either schema. */
export const logEntrySchema = z.union([eventV2Schema, eventV1Schema]);

export type RunStartEvent = z.infer<typeof runStartEventSchema>;
export type AttemptEvent = z.infer<typeof attemptEventSchema>;
export type CancelEvent = z.infer<typeof cancelEventSchema>;
export type LogEventV2 = z.infer<typeof eventV2Schema>;
export type LegacyRunEntry = z.infer<typeof legacyRunEntrySchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;

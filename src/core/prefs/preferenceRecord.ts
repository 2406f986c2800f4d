/**
 * The preference log's record format (JSONL, one entry per line, `schemaVersion: 1`).
 *
 * A `run` entry holds everything about one comparison: prompt, context, models, answers, metrics and, when the
 * user voted at once, the vote. A later vote or note is appended as a small `vote` / `note` event that names the
 * run; readers fold events onto their run (the log is append-only, lines are never rewritten).
 */
import { z } from 'zod';
import { TEMPLATE_IDS } from '../prompts/templateIds';

export { TEMPLATE_IDS };

const isoTimestamp = z.iso.datetime({ offset: true });
export const templateIdSchema = z.enum(TEMPLATE_IDS);

export const voteSchema = z
  .object({
    kind: z.enum(['winner', 'tie', 'all-bad']),
    /** Model entry id (`models[].id`) of the winning column; required when kind is 'winner'. */
    winner: z.string().min(1).optional(),
    /** Optional full ranking, best first, of model entry ids. */
    ranking: z.array(z.string().min(1)).optional(),
    tags: z.array(z.string()),
    note: z.string().optional(),
    votedAt: isoTimestamp,
  })
  .superRefine((vote, ctx) => {
    if (vote.kind === 'winner' && vote.winner === undefined) {
      ctx.addIssue({ code: 'custom', path: ['winner'], message: "a 'winner' vote needs a winner" });
    }
    if (vote.kind !== 'winner' && vote.winner !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['winner'], message: `a '${vote.kind}' vote has no winner` });
    }
    if (vote.ranking && new Set(vote.ranking).size !== vote.ranking.length) {
      ctx.addIssue({ code: 'custom', path: ['ranking'], message: 'ranking lists a model twice' });
    }
    if (vote.kind === 'winner' && vote.ranking && vote.ranking.length > 0 && vote.ranking[0] !== vote.winner) {
      ctx.addIssue({ code: 'custom', path: ['ranking'], message: 'ranking must start with the winner' });
    }
  });

export const runModelSchema = z.object({
  /** Configured entry id, unique within the run. */
  id: z.string().min(1),
  label: z.string(),
  provider: z.enum(['openai', 'anthropic', 'openai-compatible', 'vscode-lm']),
  model: z.string(),
  params: z.object({
    temperature: z.number().optional(),
    maxTokens: z.number().int().positive().optional(),
    reasoning: z.enum(['off', 'minimal', 'low', 'medium', 'high']).optional(),
  }),
  demo: z.boolean().optional(),
});

const nonNegative = z.number().nonnegative().optional();

export const runOutputSchema = z.object({
  modelId: z.string().min(1),
  state: z.enum(['done', 'error', 'cancelled', 'timed-out', 'incomplete']),
  text: z.string(),
  reasoning: z.string().optional(),
  error: z.string().optional(),
  metrics: z.object({
    ttftMs: nonNegative,
    totalMs: nonNegative,
    inputTokens: nonNegative,
    outputTokens: nonNegative,
    reasoningTokens: nonNegative,
    tokensEstimated: z.boolean(),
    tokensPerSecond: nonNegative,
    costUsd: nonNegative,
  }),
  /** Code block the edit extractor took from the answer, when there was one. */
  extractedCode: z.string().optional(),
  /** Whether the answer followed the requested format (e.g. exactly one fenced block for fix/refactor). */
  followedFormat: z.boolean().optional(),
});

export const runContextSchema = z.object({
  /** Workspace-relative path of the file the prompt was built from. */
  filePath: z.string().optional(),
  selection: z
    .object({
      startLine: z.number().int().nonnegative(),
      startCharacter: z.number().int().nonnegative(),
      endLine: z.number().int().nonnegative(),
      endCharacter: z.number().int().nonnegative(),
    })
    .optional(),
  /** Which parts of the context were cut to fit the caps, e.g. `{ selection: false, wholeFile: true }`. */
  truncated: z.record(z.string(), z.boolean()),
});

export const runRecordSchema = z
  .object({
    schemaVersion: z.literal(1),
    type: z.literal('run'),
    id: z.string().min(1),
    createdAt: isoTimestamp,
    template: templateIdSchema,
    languageId: z.string(),
    requestHash: z.string(),
    prompt: z.object({ system: z.string(), user: z.string() }),
    /** What the user typed for the template (refactor goal, question, error text), so the run can be repeated. */
    instruction: z.string().optional(),
    context: runContextSchema,
    models: z.array(runModelSchema).min(1),
    outputs: z.array(runOutputSchema),
    vote: voteSchema.optional(),
    /** A note kept without a vote (a vote carries its own note). */
    note: z.string().optional(),
    blind: z.boolean(),
    /** Model entry ids in the left-to-right order the columns were shown. */
    shownOrder: z.array(z.string()),
  })
  .superRefine((run, ctx) => {
    const ids = new Set(run.models.map((m) => m.id));
    if (ids.size !== run.models.length) {
      ctx.addIssue({ code: 'custom', path: ['models'], message: 'model ids are not unique' });
    }
    run.outputs.forEach((o, i) => {
      if (!ids.has(o.modelId)) {
        ctx.addIssue({ code: 'custom', path: ['outputs', i, 'modelId'], message: `unknown model '${o.modelId}'` });
      }
    });
    run.shownOrder.forEach((id, i) => {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['shownOrder', i], message: `unknown model '${id}'` });
    });
    const voteProblem = run.vote && voteMismatch(run.vote, ids);
    if (voteProblem) ctx.addIssue({ code: 'custom', path: ['vote'], message: voteProblem });
  });

export const voteEventSchema = z.object({
  schemaVersion: z.literal(1),
  type: z.literal('vote'),
  runId: z.string().min(1),
  vote: voteSchema,
  at: isoTimestamp,
});

export const noteEventSchema = z.object({
  schemaVersion: z.literal(1),
  type: z.literal('note'),
  runId: z.string().min(1),
  note: z.string(),
  at: isoTimestamp,
});

export const logEntrySchema = z.discriminatedUnion('type', [runRecordSchema, voteEventSchema, noteEventSchema]);

export type TemplateId = z.infer<typeof templateIdSchema>;
export type Vote = z.infer<typeof voteSchema>;
export type RunModel = z.infer<typeof runModelSchema>;
export type RunOutput = z.infer<typeof runOutputSchema>;
export type RunContext = z.infer<typeof runContextSchema>;
export type RunRecord = z.infer<typeof runRecordSchema>;
export type VoteEvent = z.infer<typeof voteEventSchema>;
export type NoteEvent = z.infer<typeof noteEventSchema>;
export type LogEntry = z.infer<typeof logEntrySchema>;

/** Why a vote does not fit a run's models, or undefined when it does. */
export function voteMismatch(vote: Vote, modelIds: ReadonlySet<string>): string | undefined {
  if (vote.winner !== undefined && !modelIds.has(vote.winner)) return `winner '${vote.winner}' is not a model of the run`;
  const stranger = vote.ranking?.find((id) => !modelIds.has(id));
  return stranger === undefined ? undefined : `ranked '${stranger}' is not a model of the run`;
}

/** Every note kept for a run: the vote's note, then the standalone note. */
export function runNotes(run: RunRecord): string[] {
  return [run.vote?.note, run.note].filter((n): n is string => n !== undefined && n.trim() !== '');
}

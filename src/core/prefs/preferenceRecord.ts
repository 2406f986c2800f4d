/**
 * The pieces of the preference log's records (votes, models, answers, context) and the folded `RunRecord` that
 * history, the leaderboard and every export read. The log itself is a stream of events (see `logEvents.ts`);
 * `logFold.ts` folds them into one `RunRecord` per run.
 */
import { z } from 'zod';
import { TEMPLATE_IDS } from '../../shared/vocabulary';
import type { JudgeRecord } from './judgeEvent';
import type { VerificationRecord } from './verificationEvent';

export { TEMPLATE_IDS };

export const isoTimestamp = z.iso.datetime({ offset: true });
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
    /** Whether the names were hidden while the user chose (schema 2). */
    blind: z.boolean().optional(),
    /** The attempt number of each model's answer that was on screen when the user voted (schema 2). */
    attempts: z.record(z.string(), z.number().int().positive()).optional(),
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
  provider: z.enum(['openai', 'anthropic', 'openai-compatible', 'vscode-lm', 'agent']),
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
  /** The provider's stop reason (`stop`, `length`, `max_tokens`, `content_filter`, …) when it sent one. */
  finishReason: z.string().max(100).optional(),
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

export type TemplateId = z.infer<typeof templateIdSchema>;
export type Vote = z.infer<typeof voteSchema>;
export type RunModel = z.infer<typeof runModelSchema>;
export type RunOutput = z.infer<typeof runOutputSchema>;
export type RunContext = z.infer<typeof runContextSchema>;

/** One attempt of one model: the first answer is attempt 1, each retry adds one. */
/** `sample`: which sample of a Repeat N run (absent in a run of one sample per model). */
export type AttemptRecord = RunOutput & { attempt: number; at: string; sample?: number };

/** A proposed edit the user applied to their file. */
export interface AppliedRecord {
  modelId: string;
  attempt: number;
  at: string;
  /** The files a multi-file answer wrote (absent for a selection edit). */
  files?: string[];
}

/**
 * One run as the log's events fold it: what the user saw, in the order they saw it.
 * `outputs` holds each model's latest attempt (what its column shows now); `attempts` holds every attempt.
 */
export interface RunRecord {
  id: string;
  createdAt: string;
  template: TemplateId;
  languageId: string;
  requestHash: string;
  prompt: { system: string; user: string };
  instruction?: string | undefined;
  context: RunContext;
  models: RunModel[];
  outputs: RunOutput[];
  attempts: AttemptRecord[];
  /** Repeat N: samples per model (absent: one). */
  repeat?: number | undefined;
  /** The latest vote (a vote cast again replaces the earlier one on screen, and here). */
  vote?: Vote | undefined;
  /** Standalone notes, oldest first (a vote carries its own note). */
  notes: string[];
  /** Whether the columns were masked when the run started. */
  blind: boolean;
  /** Model entry ids in the left-to-right order the columns were shown. */
  shownOrder: string[];
  /** When the user revealed the names before voting. */
  revealedAt?: string | undefined;
  applied: AppliedRecord[];
  /** Why the run stopped early, if it did: cancelled by the user, replaced by a new run while streaming, or the window closed. */
  cancelled?: 'user' | 'replaced' | 'closed' | undefined;
  /** Checks of the candidates in their own checkouts, in the order they finished (absent when none ran). */
  verifications?: VerificationRecord[] | undefined;
  /** Judge models' second opinions, in the order they finished (absent when none was asked). Never a vote. */
  judgements?: JudgeRecord[] | undefined;
  /** Who ran it, when a shared (team) log's run-start says so. */
  author?: string | undefined;
}

/** Why a vote does not fit a run's models, or undefined when it does. */
export function voteMismatch(vote: Vote, modelIds: ReadonlySet<string>): string | undefined {
  if (vote.winner !== undefined && !modelIds.has(vote.winner)) return `winner '${vote.winner}' is not a model of the run`;
  const stranger = vote.ranking?.find((id) => !modelIds.has(id));
  return stranger === undefined ? undefined : `ranked '${stranger}' is not a model of the run`;
}

/** Every note kept for a run: the vote's note, then the standalone notes in order. */
export function runNotes(run: RunRecord): string[] {
  return [run.vote?.note, ...run.notes].filter((n): n is string => n !== undefined && n.trim() !== '');
}

/** The answer of `modelId` that the vote was cast on (the latest one for votes that do not say). */
export function votedOutput(run: RunRecord, modelId: string): RunOutput | undefined {
  const attempt = run.vote?.attempts?.[modelId];
  if (attempt !== undefined) {
    const shown = run.attempts.find((a) => a.modelId === modelId && a.attempt === attempt);
    if (shown) return shown;
  }
  return run.outputs.find((o) => o.modelId === modelId);
}

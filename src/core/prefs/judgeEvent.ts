/**
 * The `judge` event (schema 2, issue 12): a model's second opinion on a run, appended when the judge finished (or
 * failed, or was cancelled). It is evidence beside the user's vote and never a vote: ratings, wins and the vote
 * itself ignore it; the leaderboard only reports how often the judge agreed with the user (judgeAgreement.ts).
 */
import { z } from 'zod';
import { isoTimestamp, runModelSchema } from './preferenceRecord';

const modelId = z.string().min(1);
const label = z.string().min(1).max(100);

export const judgePickSchema = z.discriminatedUnion('kind', [
  /** The candidate the judge would pick: the run's model entry id and the label the judge knew it by. */
  z.object({ kind: z.literal('model'), modelId, label }),
  /** The judge found no candidate acceptable. */
  z.object({ kind: z.literal('none') }),
]);

export const judgeEventSchema = z.object({
  schemaVersion: z.literal(2),
  type: z.literal('judge'),
  runId: z.string().min(1),
  at: isoTimestamp,
  /** The configured model that judged. */
  judge: runModelSchema,
  /** Whether the user's columns were blind when the judge was asked (its opinion is then held back until the vote). */
  blind: z.boolean(),
  /** Which answer (model and attempt) the judge saw under which label. */
  candidates: z.array(z.object({ modelId, label, attempt: z.number().int().positive() })).min(1),
  state: z.enum(['done', 'error', 'cancelled']),
  /** Absent when the answer had no readable `PICK:` line (or the judge failed). */
  pick: judgePickSchema.optional(),
  /** The judge's answer, with any model name it wrote masked by the blind label. */
  text: z.string(),
  error: z.string().max(2_000).optional(),
});

export type JudgeEvent = z.infer<typeof judgeEventSchema>;
export type JudgePickRecord = z.infer<typeof judgePickSchema>;

/** What the fold keeps of a judgement. */
export type JudgeRecord = Omit<JudgeEvent, 'schemaVersion' | 'type' | 'runId'>;

/** Why a judge event does not fit a run's models, or undefined when it does. */
export function judgeMismatch(event: Pick<JudgeEvent, 'candidates' | 'pick'>, modelIds: ReadonlySet<string>): string | undefined {
  const stranger = event.candidates.find((c) => !modelIds.has(c.modelId));
  if (stranger) return `candidate '${stranger.modelId}' is not a model of the run`;
  if (event.pick?.kind === 'model' && !modelIds.has(event.pick.modelId)) return `pick '${event.pick.modelId}' is not a model of the run`;
  return undefined;
}

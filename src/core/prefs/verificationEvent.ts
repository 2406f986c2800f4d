/**
 * The `verification` event (schema 2, issue 9): a candidate's check, appended when it finished (or was cancelled).
 * It is evidence beside the votes, never a vote: ratings ignore it; the leaderboard's verified pass rate reads it.
 */
import { z } from 'zod';
import { isoTimestamp } from './preferenceRecord';

/** Names kept per list in the record. */
export const VERIFICATION_NAME_CAP = 50;

const names = z.array(z.string().max(500)).max(VERIFICATION_NAME_CAP);
const count = z.number().int().nonnegative().optional();

export const verificationStateSchema = z.enum(['passed', 'failing', 'broke', 'error', 'timed-out', 'cancelled']);

export const verificationEventSchema = z.object({
  schemaVersion: z.literal(2),
  type: z.literal('verification'),
  runId: z.string().min(1),
  modelId: z.string().min(1),
  /** The attempt of the model's answer that was verified. */
  attempt: z.number().int().positive(),
  at: isoTimestamp,
  command: z.string(),
  state: verificationStateSchema,
  exitCode: z.number().int().optional(),
  durationMs: z.number().nonnegative(),
  passedCount: count,
  failedCount: count,
  failing: names,
  broke: names,
  baselineFailed: z.boolean(),
  errors: count,
  baselineErrors: count,
});

export type VerificationEvent = z.infer<typeof verificationEventSchema>;
export type VerificationStateName = z.infer<typeof verificationStateSchema>;

/** What the fold keeps of a verification. */
export type VerificationRecord = Omit<VerificationEvent, 'schemaVersion' | 'type' | 'runId'>;

/**
 * The results panel's verification messages (issue 9): what a column's check shows, and the actions on it.
 * Part of the host↔webview contract in protocol.ts; kept here so protocol.ts only names them.
 */
import { z } from 'zod';
import { MAX_REPEAT, TEXT_CAPS } from './vocabulary';

const id = z.string().min(1).max(200);
const shortText = z.string().max(TEXT_CAPS.short);
const names = z.array(shortText).max(50);
const count = z.number().int().nonnegative().optional();
/** Repeat N: which of a column's samples (1-based) a check is for; absent means 1. */
const sample = z.number().int().min(1).max(MAX_REPEAT).optional();

export const verificationStateViewSchema = z.enum(['queued', 'running', 'passed', 'failing', 'broke', 'error', 'timed-out', 'cancelled']);
export type VerificationStateView = z.infer<typeof verificationStateViewSchema>;

export const verificationViewSchema = z.object({
  state: verificationStateViewSchema,
  /** The exact command, and why it was chosen. */
  command: shortText,
  reason: shortText,
  durationMs: z.number().nonnegative().optional(),
  passedCount: count,
  failedCount: count,
  failing: names,
  broke: names,
  baselineFailed: z.boolean().optional(),
  /** For a type checker or linter as the check. */
  errors: count,
  baselineErrors: count,
  message: shortText.optional(),
  /** The output can be opened from the column. */
  hasOutput: z.boolean(),
});
export type VerificationView = z.infer<typeof verificationViewSchema>;

export const verificationToHostSchemas = [
  /** Verify one column, or every column with code. */
  z.object({ type: z.literal('verify'), columnId: id.optional() }),
  z.object({ type: z.literal('cancelVerify') }),
  z.object({ type: z.literal('openVerifyOutput'), columnId: id, sample }),
] as const;

export const verificationToResultsSchemas = [
  z.object({ type: z.literal('verification'), runId: id, columnId: id, sample, verification: verificationViewSchema }),
] as const;

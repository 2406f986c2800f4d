/** Repeat N (issue 12): what a column shows of its samples. Part of the host↔webview contract in protocol.ts. */
import { z } from 'zod';
import { runStateSchema } from './protocolFields';
import { MAX_REPEAT } from './vocabulary';

const spreadSchema = z.object({ median: z.number(), p90: z.number() });
/** A column's samples in a Repeat N run: which one is shown and the distribution over all of them. */
export const samplesViewSchema = z.object({
  /** 1-based. */
  shown: z.number().int().min(1).max(MAX_REPEAT),
  count: z.number().int().min(2).max(MAX_REPEAT),
  settled: z.number().int().nonnegative(),
  /** Each sample's state, in sample order. */
  states: z.array(runStateSchema).max(MAX_REPEAT),
  ttft: spreadSchema.optional(),
  total: spreadSchema.optional(),
  /** Sum over the samples with a known cost (hidden in blind mode). */
  costUsd: z.number().optional(),
  costUnknown: z.number().int().nonnegative(),
  pass: z.object({ passed: z.number().int().nonnegative(), verified: z.number().int().nonnegative() }).optional(),
  distinct: z.number().int().nonnegative().optional(),
  similarity: z.number().min(0).max(1).optional(),
  compared: z.number().int().nonnegative(),
});
export type SamplesView = z.infer<typeof samplesViewSchema>;

/**
 * Runtime validation of scripts that arrive as JSON (the CLI's scripts file and `POST /__script`).
 */
import { z } from 'zod';
import type { AgentTurn } from './agentTurns';
import type { FakeScript, FakeScriptEntry } from './fakeScript';

const count = z.number().int().nonnegative();

const fakeFaultSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: z.number().int().min(400).max(599), retryAfterSec: z.number().nonnegative().optional(), message: z.string().optional(), body: z.string().optional() }),
  z.object({ type: z.literal('stall'), afterChunks: count }),
  z.object({ type: z.literal('reset'), afterChunks: count }),
  z.object({ type: z.literal('in-band-error'), afterChunks: count }),
  z.object({ type: z.literal('no-terminal') }),
  z.object({ type: z.literal('split-utf8') }),
  z.object({ type: z.literal('huge'), chars: count }),
]);

const say = z.string().optional();
const path = z.string().min(1);

/** One scripted agent step: a tool call (edit, write, read, shell) or the final text. */
const agentTurnSchema = z.union([
  z.strictObject({ edit: z.strictObject({ path, oldText: z.string().min(1), newText: z.string() }), say }),
  z.strictObject({ write: z.strictObject({ path, content: z.string() }), say }),
  z.strictObject({ read: path, say }),
  z.strictObject({ shell: z.string().min(1), say }),
  z.strictObject({ text: z.string() }),
]) satisfies z.ZodType<AgentTurn>;

export const fakeScriptSchema = z.strictObject({
  delayMs: count.optional(),
  firstTokenDelayMs: count.optional(),
  tokensPerSecond: z.number().nonnegative().optional(),
  text: z.string().optional(),
  reasoning: z.string().optional(),
  usage: z.union([z.literal(false), z.object({ input: count, output: count, reasoning: count.optional() })]).optional(),
  fault: fakeFaultSchema.optional(),
  agentTurns: z.array(agentTurnSchema).min(1).optional(),
}) satisfies z.ZodType<FakeScript>;

const fakeScriptEntrySchema = z.union([fakeScriptSchema, z.array(fakeScriptSchema).min(1)]) satisfies z.ZodType<FakeScriptEntry>;

/** Body of `POST /__script`. */
export const scriptUpdateSchema = z.object({ model: z.string().min(1), script: fakeScriptEntrySchema });

/** The CLI's `--scripts` file. */
export const scriptsFileSchema = z.strictObject({
  scripts: z.record(z.string(), fakeScriptEntrySchema).optional(),
  defaultScript: fakeScriptSchema.optional(),
  apiKey: z.string().optional(),
});

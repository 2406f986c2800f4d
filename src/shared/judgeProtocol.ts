/**
 * The results panel's judge messages (issue 12): the "Ask the Judge" action and what the judge section shows.
 * Part of the host↔webview contract in protocol.ts. In blind mode the judge's text never crosses to the webview
 * before the user has voted: the host sends `held` (no text) until then.
 */
import { z } from 'zod';
import { TEXT_CAPS } from './vocabulary';

const id = z.string().min(1).max(200);
const shortText = z.string().max(TEXT_CAPS.short);

export const judgeViewSchema = z.discriminatedUnion('state', [
  /** Streaming; `text` is absent while the opinion is held back (blind, before the vote). */
  z.object({ state: z.literal('running'), judgeLabel: shortText, text: z.string().max(TEXT_CAPS.answer).optional() }),
  /** Finished, but blind and not voted on yet: shown after the vote. */
  z.object({ state: z.literal('held'), judgeLabel: shortText }),
  z.object({
    state: z.literal('done'),
    judgeLabel: shortText,
    text: z.string().max(TEXT_CAPS.answer),
    /** "Model B", or "none of them"; absent when the answer had no readable PICK line. */
    pickLabel: shortText.optional(),
    /** Which blind label stood for which model, once the names may be shown. */
    legend: z.array(z.object({ label: shortText, name: shortText })).max(50).optional(),
  }),
  z.object({ state: z.literal('error'), judgeLabel: shortText, message: shortText }),
]);
export type JudgeView = z.infer<typeof judgeViewSchema>;

export const judgeToHostSchemas = [z.object({ type: z.literal('askJudge') })] as const;

export const judgeToResultsSchemas = [z.object({ type: z.literal('judge'), runId: id, judge: judgeViewSchema })] as const;

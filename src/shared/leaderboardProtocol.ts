/**
 * The leaderboard panel's messages, both ways. Part of the host↔webview contract (protocol.ts, which also has
 * `parseMessage` used to validate them at both ends).
 */
import { z } from 'zod';
import { shortText, templateIdSchema } from './protocolFields';
import { EXPORT_FORMATS } from './vocabulary';


export const leaderboardFilterSchema = z.object({
  template: templateIdSchema.optional(),
  languageId: z.string().max(100).optional(),
  /** ISO dates (inclusive). */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  /** Whose votes (issue 12): 'mine' (default), 'team', or 'person:<name>' from the team log folder. */
  source: z.string().max(300).optional(),
});
export type LeaderboardFilter = z.infer<typeof leaderboardFilterSchema>;

export const leaderboardRowSchema = z.object({
  key: shortText,
  label: shortText,
  model: shortText,
  provider: shortText,
  rating: z.number(),
  ciLow: z.number(),
  ciHigh: z.number(),
  rank: z.number().int(),
  wins: z.number(),
  votes: z.number().int(),
  medianTtftMs: z.number().optional(),
  medianTotalMs: z.number().optional(),
  medianTokensPerSecond: z.number().optional(),
  totalCostUsd: z.number().optional(),
  formatFollowedRate: z.number().optional(),
  /** Share of verified runs whose answer passed the check (issue 9); never a vote. */
  verifiedPassRate: z.number().optional(),
  verifiedRuns: z.number().int().optional(),
});
export type LeaderboardRowView = z.infer<typeof leaderboardRowSchema>;

export const leaderboardViewSchema = z.object({
  rows: z.array(leaderboardRowSchema),
  /** matrix[i][j] = win rate of rows[i] over rows[j]; null when they never met. */
  matrix: z.array(z.array(z.number().nullable())),
  totalVotes: z.number().int(),
  meaningful: z.boolean(),
  filter: leaderboardFilterSchema,
  templates: z.array(templateIdSchema),
  languages: z.array(z.string().max(100)),
  skippedLines: z.number().int().nonnegative(),
  /** The team board (issue 12): present when `parallax.teamLogFolder` is set. */
  team: z
    .object({
      people: z.array(shortText).max(500),
      /** Team files with unreadable lines, each named with its count (or why it could not be read at all). */
      problems: z.array(z.object({ file: shortText, lines: z.number().int().nonnegative(), error: shortText.optional() })).max(500),
      /** Why the folder could not be read, if it could not. */
      error: shortText.optional(),
    })
    .optional(),
  /** How often a judge model picked the user's winner (runs with both); judges are never votes. */
  judgeAgreement: z
    .object({
      runs: z.number().int().nonnegative(),
      agreed: z.number().int().nonnegative(),
      judges: z.array(z.object({ label: shortText, model: shortText, runs: z.number().int().nonnegative(), agreed: z.number().int().nonnegative() })).max(100),
    })
    .optional(),
});
export type LeaderboardView = z.infer<typeof leaderboardViewSchema>;

export const leaderboardToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('filter'), filter: leaderboardFilterSchema }),
  z.object({ type: z.literal('export'), format: z.enum(EXPORT_FORMATS) }),
]);
export type LeaderboardToHost = z.infer<typeof leaderboardToHostSchema>;

export const hostToLeaderboardSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('leaderboard'), view: leaderboardViewSchema }),
]);
export type HostToLeaderboard = z.infer<typeof hostToLeaderboardSchema>;

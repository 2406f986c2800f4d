/**
 * The personal leaderboard: ratings from the user's votes plus per-model speed, cost and format statistics,
 * over the runs that match a filter (template, language, date range).
 */
import { type JudgeAgreement, judgeAgreement } from './judgeAgreement';
import { comparisonsFromRun, modelKey } from './pairwiseOutcomes';
import { type RunModel, type RunOutput, type RunRecord, type TemplateId, votedOutput } from './preferenceRecord';
import { rateModels, type WinRateMatrix, winRateMatrix } from './ratings';
import { tallyPassRates } from './verifiedPassRate';

export interface LeaderboardQuery {
  template?: TemplateId;
  languageId?: string;
  /** Inclusive bounds on `createdAt` (ISO string or Date). */
  from?: string | Date;
  to?: string | Date;
  /** Bootstrap PRNG seed (default 1) and resample count (default 200). */
  seed?: number;
  samples?: number;
}

export interface LeaderboardRow {
  /** `provider:model:entry id`, stable across runs and label changes. */
  key: string;
  label: string;
  /** Provider-side model id. */
  model: string;
  provider: RunModel['provider'];
  /** Rating fields are undefined for a model that was never in a voted run. */
  rating?: number;
  ciLow?: number;
  ciHigh?: number;
  rank?: number;
  /** Voted runs this model won outright, plus half of each tie it was in ('all bad' counts as none). */
  wins: number;
  /** Voted runs this model took part in. */
  votes: number;
  /** wins / votes; undefined without votes. */
  winRate?: number | undefined;
  /** Runs (voted or not) this model took part in. */
  runs: number;
  /** Medians over answers that finished ('done'). */
  medianTtftMs?: number | undefined;
  medianTotalMs?: number | undefined;
  medianTokensPerSecond?: number | undefined;
  /** Sum of known costs over all answers; undefined when every cost is unknown. */
  totalCostUsd?: number | undefined;
  /** Share of answers with a known `followedFormat` that followed it. */
  formatFollowedRate?: number | undefined;
  /** Share of verified runs where this model's answer passed the check; undefined when none was verified. Never a vote. */
  verifiedPassRate?: number | undefined;
  /** Runs where this model's answer was verified (the check ended). */
  verifiedRuns?: number | undefined;
}

export interface Leaderboard {
  /** Rated models by rank (then rating), then the unrated ones by key. */
  rows: LeaderboardRow[];
  /** Win rates between the rated models, in row order. */
  matrix: WinRateMatrix;
  totalVotes: number;
  /** Whether there are enough votes (10) for the ratings to mean much. */
  meaningful: boolean;
  /** How often a judge model picked the user's winner (issue 12); judges never count as votes. */
  judgeAgreement: JudgeAgreement;
}

export const MEANINGFUL_VOTES = 10;

export function filterRuns(runs: readonly RunRecord[], query: LeaderboardQuery): RunRecord[] {
  const from = query.from === undefined ? -Infinity : new Date(query.from).getTime();
  const to = query.to === undefined ? Infinity : new Date(query.to).getTime();
  return runs.filter((run) => {
    const at = Date.parse(run.createdAt);
    return (
      (query.template === undefined || run.template === query.template) &&
      (query.languageId === undefined || run.languageId === query.languageId) &&
      at >= from &&
      at <= to
    );
  });
}

export function buildLeaderboard(allRuns: readonly RunRecord[], query: LeaderboardQuery = {}): Leaderboard {
  const runs = filterRuns(allRuns, query);
  const voted = runs.filter((r) => r.vote !== undefined);
  const stats = collectStats(runs);

  const ratedKeys = [...stats.values()].filter((s) => s.votes > 0).map((s) => s.key).sort();
  const groups = voted.map(comparisonsFromRun);
  const ratings = new Map(
    rateModels(ratedKeys, groups, {
      ...(query.seed !== undefined && { seed: query.seed }),
      ...(query.samples !== undefined && { samples: query.samples }),
    }).map((r) => [r.key, r]),
  );

  const passRates = tallyPassRates(runs, (run, modelId) => {
    const model = run.models.find((m) => m.id === modelId);
    return model && modelKey(model);
  });
  const rows = [...stats.values()].map((s): LeaderboardRow => {
    const rating = ratings.get(s.key);
    const verified = passRates.get(s.key);
    const done = s.outputs.filter((o) => o.state === 'done');
    const costs = defined(s.outputs.map((o) => o.metrics.costUsd));
    const formats = defined(s.outputs.map((o) => o.followedFormat));
    return {
      key: s.key,
      label: s.model.label,
      model: s.model.model,
      provider: s.model.provider,
      ...(rating && { rating: rating.rating, ciLow: rating.ciLow, ciHigh: rating.ciHigh, rank: rating.rank }),
      wins: s.wins,
      votes: s.votes,
      ...(s.votes > 0 && { winRate: s.wins / s.votes }),
      runs: s.runs,
      medianTtftMs: median(defined(done.map((o) => o.metrics.ttftMs))),
      medianTotalMs: median(defined(done.map((o) => o.metrics.totalMs))),
      medianTokensPerSecond: median(defined(done.map((o) => o.metrics.tokensPerSecond))),
      totalCostUsd: costs.length > 0 ? costs.reduce((a, b) => a + b, 0) : undefined,
      formatFollowedRate: formats.length > 0 ? formats.filter(Boolean).length / formats.length : undefined,
      ...(verified && { verifiedPassRate: verified.passed / verified.verified, verifiedRuns: verified.verified }),
    };
  });
  rows.sort(compareRows);

  const rowKeys = rows.filter((r) => r.rank !== undefined).map((r) => r.key);
  return {
    rows,
    matrix: winRateMatrix(rowKeys, groups.flat()),
    totalVotes: voted.length,
    meaningful: voted.length >= MEANINGFUL_VOTES,
    judgeAgreement: judgeAgreement(runs),
  };
}

interface ModelStats {
  key: string;
  /** The latest run's description of the model. */
  model: RunModel;
  runs: number;
  votes: number;
  wins: number;
  outputs: RunOutput[];
}

function collectStats(runs: readonly RunRecord[]): Map<string, ModelStats> {
  const stats = new Map<string, ModelStats>();
  for (const run of runs) {
    const winner = run.vote?.kind === 'winner' ? run.vote.winner : undefined;
    const seenInRun = new Set<string>();
    for (const model of run.models) {
      const key = modelKey(model);
      const entry = stats.get(key) ?? { key, model, runs: 0, votes: 0, wins: 0, outputs: [] };
      stats.set(key, entry);
      entry.model = model;
      const shown = votedOutput(run, model.id);
      if (shown) entry.outputs.push(shown);
      if (seenInRun.has(key)) continue;
      seenInRun.add(key);
      entry.runs += 1;
      if (run.vote) entry.votes += 1;
      if (winner === model.id) entry.wins += 1;
      else if (run.vote?.kind === 'tie') entry.wins += 0.5;
    }
  }
  return stats;
}

function compareRows(x: LeaderboardRow, y: LeaderboardRow): number {
  if (x.rank !== undefined && y.rank !== undefined) {
    return x.rank - y.rank || (y.rating ?? 0) - (x.rating ?? 0) || x.key.localeCompare(y.key);
  }
  if (x.rank !== undefined) return -1;
  if (y.rank !== undefined) return 1;
  return x.key.localeCompare(y.key);
}

function defined<T>(values: readonly (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Builds valid preference-log runs for the leaderboard tests (each one checked by the real record schema). */
import { legacyRunEntrySchema } from '../../../src/core/prefs/logEvents';
import { foldLegacyRun } from '../../../src/core/prefs/logFold';
import type { RunRecord, TemplateId, Vote } from '../../../src/core/prefs/preferenceRecord';

export interface FixtureModel {
  id: string;
  label: string;
  model: string;
  provider?: 'openai' | 'anthropic' | 'openai-compatible' | 'vscode-lm';
  ttftMs?: number;
  totalMs?: number;
  tokensPerSecond?: number;
  costUsd?: number;
  followedFormat?: boolean;
  text?: string;
}

export const ALPHA: FixtureModel = { id: 'a', label: 'Alpha', model: 'alpha-1', provider: 'openai', ttftMs: 300, totalMs: 2000, tokensPerSecond: 50, costUsd: 0.01, followedFormat: true };
export const BETA: FixtureModel = { id: 'b', label: 'Beta', model: 'beta-2', provider: 'anthropic', ttftMs: 500, totalMs: 3000, tokensPerSecond: 40, costUsd: 0.02, followedFormat: false };
export const GAMMA: FixtureModel = { id: 'c', label: 'Gamma', model: 'gamma-3', provider: 'openai-compatible', ttftMs: 200, totalMs: 1000, tokensPerSecond: 80 };

let counter = 0;

export function makeRun(options: {
  models: FixtureModel[];
  vote?: Omit<Vote, 'votedAt' | 'tags'> & { tags?: string[] };
  template?: TemplateId;
  languageId?: string;
  createdAt?: string;
  id?: string;
  filePath?: string;
}): RunRecord {
  counter += 1;
  const createdAt = options.createdAt ?? new Date(Date.UTC(2025, 2, 1, 12, counter % 60)).toISOString();
  return foldLegacyRun(legacyRunEntrySchema.parse({
    schemaVersion: 1,
    type: 'run',
    id: options.id ?? `run-${counter}`,
    createdAt,
    template: options.template ?? 'fix',
    languageId: options.languageId ?? 'typescript',
    requestHash: `hash-${counter}`,
    prompt: { system: 'You fix code.', user: 'Fix this function.' },
    context: { ...(options.filePath !== undefined && { filePath: options.filePath }), truncated: {} },
    models: options.models.map((m) => ({ id: m.id, label: m.label, provider: m.provider ?? 'openai', model: m.model, params: {} })),
    outputs: options.models.map((m) => ({
      modelId: m.id,
      state: 'done',
      text: m.text ?? `answer from ${m.label}`,
      metrics: {
        ttftMs: m.ttftMs,
        totalMs: m.totalMs,
        tokensEstimated: false,
        tokensPerSecond: m.tokensPerSecond,
        costUsd: m.costUsd,
      },
      followedFormat: m.followedFormat,
    })),
    ...(options.vote && { vote: { tags: [], ...options.vote, votedAt: createdAt } }),
    blind: false,
    shownOrder: options.models.map((m) => m.id),
  }));
}

/** `n` runs of the given models, each won by `winner`. */
export function wins(n: number, models: FixtureModel[], winner: FixtureModel, extra: Partial<Parameters<typeof makeRun>[0]> = {}): RunRecord[] {
  return Array.from({ length: n }, () => makeRun({ models, vote: { kind: 'winner', winner: winner.id }, ...extra }));
}

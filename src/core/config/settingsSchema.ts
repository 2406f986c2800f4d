/**
 * Every `parallax.*` setting, validated with defaults. A bad value is reported and replaced by its default
 * (field by field for object settings, entry by entry for maps and lists); the rest still loads.
 */
import { z } from 'zod';
import type { RunLimits } from '../compare/runTypes';
import type { PriceTable } from '../compare/pricing';
import type { ContextCaps } from '../prompts/contextAssembly';
import { plainIssueMessage, problemsFromIssues, type ConfigProblem } from './configProblems';
import { parseModelConfigs, type ModelConfig } from './modelConfig';

const positiveMs = z.int().positive();

const limitsSchema = z.strictObject({
  firstTokenMs: positiveMs.default(60_000),
  idleMs: positiveMs.default(30_000),
  totalMs: positiveMs.default(300_000),
  /** Requests in flight at once per hosted provider / per local server (Repeat N politeness, providerLimits.ts). */
  concurrencyPerProvider: z.int().min(1).max(32).default(8),
  concurrencyLocal: z.int().min(1).max(32).default(8),
});

const priceSchema = z.object({ inputPerMTok: z.number().min(0), outputPerMTok: z.number().min(0) });
/** Keyed by model id (e.g. "gpt-4.1") or by entry id; an entry-id key wins. */
const pricesSchema = z.record(z.string().min(1), priceSchema).default({});

const contextSchema = z.strictObject({
  selectionChars: z.int().positive().default(20_000),
  surroundingLines: z.int().min(0).default(40),
  wholeFileChars: z.int().positive().default(60_000),
  errorTextChars: z.int().positive().default(8_000),
  maxDiagnostics: z.int().min(0).default(20),
  /** Send the whole file along with the selection. */
  includeWholeFile: z.boolean().default(false),
});

const DEFAULT_REASON_TAGS = ['correct', 'minimal change', 'readable', 'well explained', 'fast', 'cheap'];
/** The manifest's and the webview protocol's caps on reason tags: a longer list or tag would be refused there. */
const MAX_REASON_TAGS = 30;
const MAX_REASON_TAG_CHARS = 60;

const SETTINGS = {
  limits: limitsSchema.default(limitsSchema.parse({})),
  prices: pricesSchema,
  context: contextSchema.default(contextSchema.parse({})),
  blindMode: z.boolean().default(false),
  /** Empty: the extension's global storage folder. */
  preferenceLogPath: z.string().default(''),
  reasonTags: z.array(z.string().trim().min(1).max(MAX_REASON_TAG_CHARS)).max(MAX_REASON_TAGS).default(DEFAULT_REASON_TAGS),
  /** Verification (issue 9): the check command (empty: detected), parallel checks (0: cores − 1), timeout, run on end. */
  'verify.command': z.string().default(''),
  'verify.concurrency': z.int().min(0).default(0),
  'verify.timeoutSeconds': z.int().positive().default(300),
  'verify.autoRun': z.boolean().default(false),
  /** Judge assist (issue 12): the entry id of a configured model; empty: no judge. */
  'judge.model': z.string().default(''),
  /** Team board (issue 12): a folder of other people's JSONL logs, read only; empty: none. */
  teamLogFolder: z.string().default(''),
  /** Ask before a run whose upper cost estimate is above this many USD (0: before every run with a known cost). */
  confirmAboveUsd: z.number().min(0).default(0.5),
  /** Agents (issue 11): each profile's program (absolute paths); the host reads only the user's own value. */
  'agents.paths': z.strictObject({ 'claude-code': z.string().optional(), codex: z.string().optional(), aider: z.string().optional() }).default({}),
};

export interface ParallaxSettings {
  models: ModelConfig[];
  limits: RunLimits;
  prices: PriceTable;
  context: ContextCaps & { includeWholeFile: boolean };
  blindMode: boolean;
  preferenceLogPath: string;
  reasonTags: string[];
  'verify.command': string;
  'verify.concurrency': number;
  'verify.timeoutSeconds': number;
  'verify.autoRun': boolean;
  'judge.model': string;
  teamLogFolder: string;
  confirmAboveUsd: number;
  'agents.paths': { 'claude-code'?: string | undefined; codex?: string | undefined; aider?: string | undefined };
}

export interface ReadSettingsResult {
  settings: ParallaxSettings;
  problems: ConfigProblem[];
}

/**
 * Reads and validates all settings. `get` receives the key without the `parallax.` prefix, e.g. the host
 * passes `(key) => vscode.workspace.getConfiguration('parallax').get(key)`.
 */
export function readSettings(get: (key: string) => unknown): ReadSettingsResult {
  const problems: ConfigProblem[] = [];
  const read = <S extends z.ZodType>(key: keyof typeof SETTINGS, schema: S): z.output<S> =>
    parseWithFallback(schema, get(key), `parallax.${key}`, problems);
  const models = parseModelConfigs(get('models'));
  problems.unshift(...models.problems);
  return {
    settings: {
      models: models.models,
      limits: read('limits', SETTINGS.limits),
      prices: read('prices', SETTINGS.prices),
      context: read('context', SETTINGS.context),
      blindMode: read('blindMode', SETTINGS.blindMode),
      preferenceLogPath: read('preferenceLogPath', SETTINGS.preferenceLogPath),
      reasonTags: read('reasonTags', SETTINGS.reasonTags),
      'verify.command': read('verify.command', SETTINGS['verify.command']),
      'verify.concurrency': read('verify.concurrency', SETTINGS['verify.concurrency']),
      'verify.timeoutSeconds': read('verify.timeoutSeconds', SETTINGS['verify.timeoutSeconds']),
      'verify.autoRun': read('verify.autoRun', SETTINGS['verify.autoRun']),
      'judge.model': read('judge.model', SETTINGS['judge.model']),
      teamLogFolder: read('teamLogFolder', SETTINGS.teamLogFolder),
      confirmAboveUsd: read('confirmAboveUsd', SETTINGS.confirmAboveUsd),
      'agents.paths': read('agents.paths', SETTINGS['agents.paths']),
    },
    problems,
  };
}

/**
 * Parses `raw`; on failure reports every issue, drops the offending top-level fields/entries/items and tries
 * again, so one bad field falls back to its default without losing its valid neighbours.
 */
function parseWithFallback<S extends z.ZodType>(schema: S, raw: unknown, setting: string, problems: ConfigProblem[]): z.output<S> {
  const first = schema.safeParse(raw, { error: plainIssueMessage });
  if (first.success) return first.data;
  const { issues } = first.error;
  problems.push(...problemsFromIssues({ setting }, issues));
  const badKeys = new Set<PropertyKey>();
  let wholeValueBad = false;
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') issue.keys.forEach((key) => badKeys.add(key));
    else if (issue.path[0] !== undefined) badKeys.add(issue.path[0]);
    else wholeValueBad = true;
  }
  if (!wholeValueBad) {
    const retry = schema.safeParse(withoutKeys(raw, badKeys));
    if (retry.success) return retry.data;
  }
  return schema.parse(undefined);
}

function withoutKeys(raw: unknown, keys: ReadonlySet<PropertyKey>): unknown {
  if (Array.isArray(raw)) return raw.filter((_, index) => !keys.has(index));
  if (typeof raw === 'object' && raw !== null) {
    return Object.fromEntries(Object.entries(raw).filter(([key]) => !keys.has(key)));
  }
  return undefined;
}

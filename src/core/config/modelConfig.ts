/**
 * The `parallax.models` setting: one entry per model column. Bad entries are reported (naming the entry and
 * the field) and skipped; the valid ones still load.
 */
import { z } from 'zod';
import { AGENT_PROFILE_IDS } from '../agents/agentProfiles';
import { urlHasCredentials } from '../providers/endpoints';
import { configProblem, plainIssueMessage, problemsFromIssues, type ConfigProblem } from './configProblems';

export const MODELS_SETTING = 'parallax.models';

const PROVIDERS = ['openai', 'anthropic', 'openai-compatible', 'vscode-lm', 'agent'] as const;
/** Ids, labels and model names travel to the webviews, whose protocol caps them: longer ones are refused here. */
const MAX_ID_CHARS = 100;
const MAX_NAME_CHARS = 200;
const REASONING = ['off', 'minimal', 'low', 'medium', 'high'] as const;


const modelEntryFields = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9._-]+$/, { error: 'must be non-empty and use only lower-case letters, digits, ".", "_" and "-".' })
    .max(MAX_ID_CHARS),
  label: z.string().min(1).max(MAX_NAME_CHARS).optional(),
  provider: z.enum(PROVIDERS),
  /** Provider-side model id, e.g. "gpt-4.1" or "claude-sonnet-4-5". Optional for an agent (its CLI's default). */
  model: z.string().min(1).max(MAX_NAME_CHARS).optional(),
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !urlHasCredentials(url), {
      error: 'must not contain a user name or password ("user:pass@"): they would be sent to the server and shown in errors. Keep the key in the OS secret store ("Parallax: Set API Key…").',
    })
    .optional(),
  /** An openai-compatible preset id (e.g. "ollama", "deepseek"). */
  preset: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.int().positive().optional(),
  reasoning: z.enum(REASONING).optional(),
  enabled: z.boolean().default(true),
  includeUsage: z.boolean().default(true),
  /** Name of an environment variable holding the API key (instead of the key stored in SecretStorage). */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name such as MY_API_KEY.' }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** vscode-lm selectors. */
  vendor: z.string().min(1).optional(),
  family: z.string().min(1).optional(),
  /** provider "agent": which agent CLI runs (its program comes from `parallax.agents.paths` or PATH). */
  profile: z.enum(AGENT_PROFILE_IDS).optional(),
  /** profile "command": the program and its arguments, with `{task}` / `{taskFile}` placeholders (no shell). */
  command: z.array(z.string().min(1)).min(1).max(100).optional(),
  /** Talks to the offline demo endpoints. */
  demo: z.boolean().optional(),
});

export const modelConfigSchema = modelEntryFields
  .superRefine((entry, ctx) => {
    if (entry.provider === 'openai-compatible' && entry.baseUrl === undefined && entry.preset === undefined) {
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'is required for an "openai-compatible" model unless "preset" is set.' });
    }
    if (entry.provider !== 'agent' && entry.model === undefined) ctx.addIssue({ code: 'custom', path: ['model'], message: 'is required.' });
    if (entry.provider === 'agent' && entry.profile === undefined) {
      ctx.addIssue({ code: 'custom', path: ['profile'], message: `is required for an "agent" entry: one of ${AGENT_PROFILE_IDS.map((p) => `"${p}"`).join(', ')}.` });
    }
    if (entry.provider !== 'agent' && (entry.profile !== undefined || entry.command !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [entry.profile !== undefined ? 'profile' : 'command'], message: 'is only for entries with "provider": "agent".' });
    }
    if (entry.provider === 'agent' && entry.profile === 'command' && entry.command === undefined) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'is required for the "command" profile: the program and its arguments, e.g. ["my-agent", "--task-file", "{taskFile}"].' });
    }
    if (entry.provider === 'agent' && entry.profile !== 'command' && entry.command !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['command'], message: 'is only for the "command" profile; the other profiles’ programs are set in "parallax.agents.paths".' });
    }
  })
  .transform((entry) => ({ ...entry, model: entry.model ?? entry.profile ?? '', label: entry.label ?? entry.id }));

export type ModelConfig = z.output<typeof modelConfigSchema>;

const KNOWN_FIELDS = new Set(Object.keys(modelEntryFields.shape));

/** Field or header names that hold a credential. Keys belong in SecretStorage (or an env var), never in settings. */
const CREDENTIAL_NAME = /^(?:api[-_]?key|key|secret|token|access[-_]?token|password|authorization|proxy-authorization|x-api-key|bearer)$/i;
const KEY_STORE_HINT = 'API keys belong in the OS secret store ("Parallax: Set API Key…") or in the variable named by "apiKeyEnv".';

export interface ParsedModelConfigs {
  models: ModelConfig[];
  problems: ConfigProblem[];
}

export function parseModelConfigs(raw: unknown, setting: string = MODELS_SETTING): ParsedModelConfigs {
  if (raw === undefined || raw === null) return { models: [], problems: [] };
  if (!Array.isArray(raw)) {
    return { models: [], problems: [configProblem({ setting }, undefined, 'must be a list of model entries.')] };
  }
  const models: ModelConfig[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  raw.forEach((item: unknown, index) => {
    const position = `#${index + 1}`;
    // An entry is named by its id only when that is short enough to read in a message.
    const rawId = isRecord(item) && typeof item.id === 'string' && item.id !== '' && item.id.length <= MAX_ID_CHARS ? item.id : undefined;
    const at = { setting, entry: rawId !== undefined ? JSON.stringify(rawId) : position };
    if (!isRecord(item)) {
      problems.push(configProblem(at, undefined, 'must be an object like {"id": "...", "provider": "...", "model": "..."}.'));
      return;
    }
    const unknown = Object.keys(item).filter((key) => !KNOWN_FIELDS.has(key));
    const credentials = unknown.filter((key) => CREDENTIAL_NAME.test(key));
    const misspelt = unknown.filter((key) => !CREDENTIAL_NAME.test(key));
    problems.push(...problemsFromIssues(at, misspelt.length > 0 ? [{ code: 'unrecognized_keys', keys: misspelt, path: [], message: '' }] : []));
    for (const key of credentials) problems.push(configProblem(at, key, `is never read: ${KEY_STORE_HINT} Remove it from your settings.`, 'warning'));
    const parsed = modelConfigSchema.safeParse(item, { error: plainIssueMessage });
    if (!parsed.success) {
      problems.push(...problemsFromIssues(at, parsed.error.issues));
      return;
    }
    if (seen.has(parsed.data.id)) {
      const dupAt = { setting, entry: `${position} (${JSON.stringify(parsed.data.id)})` };
      problems.push(configProblem(dupAt, 'id', 'is already used by an earlier entry; ids must be unique. This entry was skipped.'));
      return;
    }
    seen.add(parsed.data.id);
    for (const header of Object.keys(parsed.data.headers ?? {}).filter((name) => CREDENTIAL_NAME.test(name))) {
      problems.push(configProblem(at, `headers.${header}`, `looks like a credential and is sent as it is. ${KEY_STORE_HINT}`, 'warning'));
    }
    models.push(parsed.data);
  });
  return { models, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

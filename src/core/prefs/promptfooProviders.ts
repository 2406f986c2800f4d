/**
 * promptfoo 0.115 providers for the models of exported runs: endpoints only, never keys.
 *
 * - `openai` and `openai-compatible` → `openai:chat:<model>` with `apiBaseUrl` and `apiKeyEnvar` (the entry's
 *   `apiKeyEnv`, else its preset's; promptfoo falls back on `OPENAI_API_KEY`). A local endpoint with no key variable
 *   gets `apiKeyRequired: false`.
 * - `anthropic` → `anthropic:messages:<model>` with `apiBaseUrl` when it is not the official API. promptfoo's
 *   Anthropic provider reads its key from `ANTHROPIC_API_KEY` only (it has no `apiKeyEnvar`), so when the entry names
 *   another variable the export says so in a comment.
 * - `vscode-lm` models cannot be exported: promptfoo has no VS Code provider.
 * Headers are never exported (they may carry credentials). Sampling parameters are the ones the run recorded.
 */
import type { RunModel } from './preferenceRecord';
import { DEFAULT_MAX_TOKENS, THINKING_BUDGET } from '../providers/anthropicConversion';
import { effectiveBaseUrl, isOfficialEndpoint, sendsTemperature } from '../providers/endpoints';
import { findPreset } from '../providers/openaiCompatiblePresets';

/** Where an entry's requests go, from the user's current `parallax.models` (undefined: not configured any more). */
export interface ExportEndpoint {
  baseUrl?: string | undefined;
  preset?: string | undefined;
  apiKeyEnv?: string | undefined;
}

export interface PromptfooProvider {
  id: string;
  label: string;
  config: Record<string, unknown>;
}

export type ProviderMapping = { ok: true; provider: PromptfooProvider; comment?: string } | { ok: false; why: string };


const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function isLoopback(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

function definedOnly(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
}

/** The promptfoo provider for one logged model, or why there is none. */
export function promptfooProvider(model: RunModel, endpoint: ExportEndpoint | undefined): ProviderMapping {
  const name = model.label || model.id;
  if (model.provider === 'vscode-lm') return { ok: false, why: `${name}: promptfoo has no VS Code Language Model provider` };
  if (model.provider === 'openai-compatible' && endpoint === undefined) {
    return { ok: false, why: `${name}: not in parallax.models any more, so its endpoint is unknown` };
  }
  const entry = { provider: model.provider, baseUrl: endpoint?.baseUrl, preset: endpoint?.preset };
  const baseUrl = effectiveBaseUrl(entry);
  if (baseUrl === undefined) return { ok: false, why: `${name}: no base URL` };
  const { temperature, maxTokens, reasoning } = model.params;
  const temperatureSent = sendsTemperature({ ...entry, temperature });

  if (model.provider === 'anthropic') {
    const official = isOfficialEndpoint('anthropic', endpoint?.baseUrl);
    // As Parallax sent it (anthropicConversion.ts): the thinking budget comes on top of the answer's tokens.
    const answerTokens = maxTokens ?? DEFAULT_MAX_TOKENS;
    const budget = reasoning && reasoning !== 'off' ? THINKING_BUDGET[reasoning] : undefined;
    const config = definedOnly({
      apiBaseUrl: official ? undefined : baseUrl,
      max_tokens: budget !== undefined ? budget + answerTokens : answerTokens,
      temperature: temperatureSent ? temperature : undefined,
      thinking: budget !== undefined ? { type: 'enabled', budget_tokens: budget } : undefined,
    });
    const keyVar = endpoint?.apiKeyEnv;
    const comment =
      keyVar && keyVar !== 'ANTHROPIC_API_KEY'
        ? ` ${name}: promptfoo reads the key from ANTHROPIC_API_KEY (Parallax used ${keyVar})`
        : undefined;
    return { ok: true, provider: { id: `anthropic:messages:${model.model}`, label: name, config }, ...(comment ? { comment } : {}) };
  }

  const keyVar = endpoint?.apiKeyEnv ?? (endpoint?.preset ? findPreset(endpoint.preset)?.apiKeyEnv : undefined);
  const config = definedOnly({
    apiBaseUrl: baseUrl,
    apiKeyEnvar: keyVar,
    apiKeyRequired: keyVar === undefined && model.provider === 'openai-compatible' && isLoopback(baseUrl) ? false : undefined,
    temperature: temperatureSent ? temperature : undefined,
    // promptfoo sends max_completion_tokens and reasoning_effort to the models it knows as reasoning models only.
    max_tokens: maxTokens,
    max_completion_tokens: model.provider === 'openai' ? maxTokens : undefined,
    reasoning_effort: reasoning && reasoning !== 'off' ? reasoning : undefined,
  });
  return { ok: true, provider: { id: `openai:chat:${model.model}`, label: name, config } };
}

/**
 * Where a model's API key comes from: the secret names to look up (most specific first), the environment
 * variables to fall back on, which endpoints need no key at all, and whether a key may go to an entry's origin.
 * No `vscode` import (unit-tested).
 *
 * Keys are bound to their origin (scheme://host:port). A key is stored with the origins it is meant for; an entry
 * whose requests go elsewhere (an `openai` entry with a third-party `baseUrl`, an entry whose id is `openai`, a
 * preset with a `baseUrl` override) does not get it silently: {@link decideKeyUse} says `origin-mismatch` and
 * the host asks the user before adding the origin. Keys stored before this binding existed are bound to the
 * origin their name implies (`openai`, `anthropic`, a preset id); a legacy key stored under a model id was set
 * for that entry alone and stays usable by it.
 */
import { effectiveBaseUrl, OFFICIAL_BASE_URLS, originOf } from '../../core/providers/endpoints';
import { findPreset } from '../../core/providers/openaiCompatiblePresets';
import type { ProviderKind } from '../../core/providers/provider';

export const API_KEY_SECRET_PREFIX = 'parallax.apiKey.';

export interface KeyedModel {
  id: string;
  provider: ProviderKind;
  preset?: string | undefined;
  baseUrl?: string | undefined;
  apiKeyEnv?: string | undefined;
}

const PROVIDER_ENV: Partial<Record<ProviderKind, string>> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
};

/** The shared key name a model uses by default: its preset, its provider, or (a bare compatible URL) its own id. */
export function sharedKeyName(model: KeyedModel): string {
  if (model.preset) return model.preset;
  return model.provider === 'openai-compatible' ? model.id : model.provider;
}

/** Secret names to try, most specific first: the model's own key, then the shared one. */
export function secretNamesFor(model: KeyedModel): string[] {
  const names = [model.id, sharedKeyName(model)].map((n) => API_KEY_SECRET_PREFIX + n);
  return [...new Set(names)];
}

/** Environment variables to try: the entry's own, then the preset's, then the provider's. */
export function envVarsFor(model: KeyedModel, presetEnv?: string): string[] {
  const vars = [model.apiKeyEnv, presetEnv, PROVIDER_ENV[model.provider]].filter((v): v is string => !!v);
  return [...new Set(vars)];
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** True for endpoints on this machine (a local server or the offline demo), which need no key. */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** A usable key: trimmed and non-empty, or undefined. */
export function cleanKey(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A key as kept in SecretStorage. */
export interface StoredKey {
  key: string;
  /** Origins the key may be sent to; undefined for a key stored before keys were bound to origins. */
  origins?: string[];
}

const STORED_KEY_VERSION = 1;

/** Reads a stored secret: the JSON record `{v: 1, key, origins}`, or a plain key stored by an older version. */
export function parseStoredKey(raw: string | undefined): StoredKey | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as { v?: unknown; key?: unknown; origins?: unknown };
      if (parsed.v === STORED_KEY_VERSION && typeof parsed.key === 'string') {
        const key = cleanKey(parsed.key);
        const origins = Array.isArray(parsed.origins) ? parsed.origins.filter((o): o is string => typeof o === 'string') : [];
        return key ? { key, origins } : undefined;
      }
    } catch {
      // Not our record: a key that happens to start with "{" is kept as it is.
    }
  }
  const key = cleanKey(text);
  return key ? { key } : undefined;
}

export function serializeStoredKey(key: string, origins: readonly string[]): string {
  return JSON.stringify({ v: STORED_KEY_VERSION, key, origins: [...new Set(origins)] });
}

/** The origin a shared key name stands for: the official APIs for `openai`/`anthropic`, a preset's host for a preset id. */
export function impliedOrigin(name: string): string | undefined {
  if (name === 'openai' || name === 'anthropic') return originOf(OFFICIAL_BASE_URLS[name]);
  const preset = findPreset(name);
  return preset ? originOf(preset.baseUrl) : undefined;
}

/** Where a model's requests go (its base URL, its preset's, or the official API), as an origin. */
export function targetOriginOf(model: KeyedModel): string | undefined {
  return originOf(effectiveBaseUrl(model));
}

/** The origins a new key stored under `name` is meant for, with the model the user picked it for. */
export function originsForNewKey(name: string, model?: KeyedModel): string[] {
  const implied = impliedOrigin(name);
  const own = model ? targetOriginOf(model) : undefined;
  return [implied ?? own].filter((o): o is string => o !== undefined);
}

export type KeyUseDecision =
  | { use: true }
  | { use: false; reason: 'origin-mismatch'; keyOrigins: string[]; targetOrigin: string };

/**
 * Whether the key stored under `name` may be sent to `targetOrigin`. Pure: the whole policy of binding keys to
 * origins is here.
 */
export function decideKeyUse(name: string, stored: StoredKey, targetOrigin: string | undefined): KeyUseDecision {
  const implied = impliedOrigin(name);
  const bound = stored.origins ?? (implied ? [implied] : undefined);
  // A legacy key under a model id was set for that entry alone; an entry with no destination sends nothing.
  if (bound === undefined || targetOrigin === undefined) return { use: true };
  if (bound.includes(targetOrigin)) return { use: true };
  return { use: false, reason: 'origin-mismatch', keyOrigins: bound, targetOrigin };
}

/**
 * Whether an environment variable's key may go to the model's origin. The entry's own `apiKeyEnv` is the user's
 * explicit choice; a preset's variable is meant for the preset's host, and OPENAI_API_KEY / ANTHROPIC_API_KEY
 * for the official APIs.
 */
export function envVarAllowed(variable: string, model: KeyedModel, presetEnv: string | undefined): boolean {
  if (variable === model.apiKeyEnv) return true;
  const target = targetOriginOf(model);
  if (target === undefined) return true;
  if (variable === presetEnv && model.preset) return impliedOrigin(model.preset) === target;
  const provider = model.provider === 'openai' || model.provider === 'anthropic' ? model.provider : undefined;
  if (provider && variable === PROVIDER_ENV[provider]) return originOf(OFFICIAL_BASE_URLS[provider]) === target;
  return false;
}

/** Plain words for an origin mismatch, naming both origins (never the key). */
export function originMismatchMessage(what: string, keyOrigins: readonly string[], targetOrigin: string): string {
  const meant = keyOrigins.length > 0 ? keyOrigins.join(', ') : 'no origin';
  return `The ${what} is meant for ${meant}, but this model sends requests to ${targetOrigin}. It was not sent.`;
}

export type KeySource = 'secret' | 'env' | 'not-needed' | 'missing' | 'origin-mismatch';

/** Why a key that exists was not given to a model: it is meant for another origin. */
export interface OriginMismatch {
  /** The stored key's name without the prefix (`openai`, a preset id, a model id), when it is a stored key. */
  secretName?: string;
  /** The environment variable, when it is one (no consent can be stored for it: set `apiKeyEnv` instead). */
  variable?: string;
  keyOrigins: string[];
  targetOrigin: string;
  /** Plain words for the sidebar or a notification. */
  message: string;
}

export interface ResolvedKey {
  key?: string;
  source: KeySource;
  /** Set when `source` is `origin-mismatch`. */
  mismatch?: OriginMismatch;
}

/**
 * The key for a model: a stored secret bound to the model's origin, else an environment variable allowed for
 * it. `vscode-lm` models and endpoints on this machine need none. A key that exists but is meant for another
 * origin is not returned: the result is `origin-mismatch`, and the host may ask the user before trying again.
 */
export async function resolveModelKey(
  model: KeyedModel,
  presetEnv: string | undefined,
  readSecret: (secretName: string) => Promise<string | undefined>,
  env: NodeJS.ProcessEnv,
): Promise<ResolvedKey> {
  if (model.provider === 'vscode-lm') return { source: 'not-needed' };
  const targetOrigin = targetOriginOf(model);
  let mismatch: OriginMismatch | undefined;
  for (const secretName of secretNamesFor(model)) {
    const stored = parseStoredKey(await readSecret(secretName));
    if (!stored) continue;
    const name = secretName.slice(API_KEY_SECRET_PREFIX.length);
    const decision = decideKeyUse(name, stored, targetOrigin);
    if (decision.use) return { key: stored.key, source: 'secret' };
    mismatch ??= {
      secretName: name,
      keyOrigins: decision.keyOrigins,
      targetOrigin: decision.targetOrigin,
      message: originMismatchMessage(`API key stored as "${name}"`, decision.keyOrigins, decision.targetOrigin),
    };
  }
  for (const variable of envVarsFor(model, presetEnv)) {
    const key = cleanKey(env[variable]);
    if (!key) continue;
    if (envVarAllowed(variable, model, presetEnv)) return { key, source: 'env' };
    mismatch ??= {
      variable,
      keyOrigins: [],
      targetOrigin: targetOrigin ?? '',
      message: `${variable} holds a key for another service, so it is not sent to ${targetOrigin ?? 'this server'}. To send it, set "apiKeyEnv": "${variable}" on this entry.`,
    };
  }
  if (isLoopbackUrl(model.baseUrl)) return { source: 'not-needed' };
  return mismatch ? { source: 'origin-mismatch', mismatch } : { source: 'missing' };
}

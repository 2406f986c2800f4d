/**
 * Where a model's API key comes from: the secret names to look up (most specific first), the environment
 * variables to fall back on, and which endpoints need no key at all. No `vscode` import (unit-tested).
 */
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

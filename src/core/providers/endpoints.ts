/**
 * Where a model entry's requests (and so its API key) actually go. Entries without `baseUrl` always get the
 * official URL passed explicitly, so the SDKs never fall back to `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` from
 * the environment; the host shows {@link effectiveEndpoint} so the user can see the destination.
 */
import { findPreset } from './openaiCompatiblePresets';
import type { ProviderKind } from './provider';

/** The official APIs, as the SDKs' own defaults spell them. */
export const OFFICIAL_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
} as const;

export interface EndpointEntry {
  provider: ProviderKind;
  baseUrl?: string | undefined;
  preset?: string | undefined;
}

export interface EffectiveEndpoint {
  /** The base URL the SDK is given; undefined for `vscode-lm` and for a compatible entry with no URL. */
  baseUrl?: string;
  /** scheme://host[:port] of `baseUrl`, what a stored key is bound to. */
  origin?: string;
  /** True when this is the provider's official API (`openai` or `anthropic` with no third-party URL). */
  official: boolean;
  /** For the UI: "https://api.openai.com/v1 (official OpenAI API)", "http://localhost:11434/v1 (preset ollama)". */
  description: string;
}

/** `scheme://host[:port]` of an http(s) URL, or undefined when it is not one. Never includes a user or password. */
/** True when a URL carries `user[:pass]@` (the value itself is never echoed in a message). */
export function urlHasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The base URL an entry's requests go to: its own, its preset's, or the official one. */
export function effectiveBaseUrl(entry: EndpointEntry): string | undefined {
  if (entry.baseUrl) return entry.baseUrl;
  switch (entry.provider) {
    case 'openai':
    case 'anthropic':
      return OFFICIAL_BASE_URLS[entry.provider];
    case 'openai-compatible':
      return entry.preset ? findPreset(entry.preset)?.baseUrl : undefined;
    case 'vscode-lm':
    case 'agent':
      return undefined;
  }
}

/** True when `baseUrl` (or none) means the provider's official API. */
export function isOfficialEndpoint(provider: ProviderKind, baseUrl: string | undefined): boolean {
  if (provider !== 'openai' && provider !== 'anthropic') return false;
  return baseUrl === undefined || originOf(baseUrl) === originOf(OFFICIAL_BASE_URLS[provider]);
}

/** Where an entry's requests go, for the UI (sidebar tooltip, run log, pre-run check). */
export function effectiveEndpoint(entry: EndpointEntry): EffectiveEndpoint {
  const baseUrl = effectiveBaseUrl(entry);
  const official = isOfficialEndpoint(entry.provider, entry.baseUrl);
  const origin = originOf(baseUrl);
  let description: string;
  if (entry.provider === 'vscode-lm') description = 'VS Code Language Model API';
  else if (entry.provider === 'agent' && !baseUrl) description = 'an agent CLI on this machine';
  else if (!baseUrl) description = 'no base URL';
  else if (official) description = `${baseUrl} (official ${entry.provider === 'openai' ? 'OpenAI' : 'Anthropic'} API)`;
  else if (!entry.baseUrl && entry.preset) description = `${baseUrl} (preset ${entry.preset})`;
  else description = baseUrl;
  return { ...(baseUrl ? { baseUrl } : {}), ...(origin ? { origin } : {}), official, description };
}

/**
 * Whether a configured `temperature` is sent for this entry. The official Anthropic API (version 2026-10-21,
 * sent by @anthropic-ai/sdk 1.x) refuses sampling parameters, so it is left out there; Anthropic-compatible
 * servers (llama.cpp, proxies) accept it, so it is sent to them. OpenAI, compatible and VS Code LM entries send it.
 */
export function sendsTemperature(entry: EndpointEntry & { temperature?: number | undefined }): boolean {
  if (entry.temperature === undefined) return false;
  if (entry.provider === 'anthropic') return !isOfficialEndpoint('anthropic', entry.baseUrl);
  return true;
}

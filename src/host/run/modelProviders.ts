/**
 * From configured models to what a run needs: each model's key status (for the sidebar and the pre-run checks)
 * and its `CompareModel` (provider, request, price). SDK providers come from the core factory, which loads the
 * SDKs lazily; `vscode-lm` models use the Language Model API adapter.
 */
import type { CompareModel } from '../../core/compare/compareEngine';
import { limitKeyOf } from '../../core/compare/providerLimits';
import { type PriceTable, resolvePrice } from '../../core/compare/pricing';
import type { ModelConfig } from '../../core/config/modelConfig';
import { modelSpecFrom, pricedModelFrom, providerRequestFrom } from '../../core/config/modelRequest';
import { findPreset } from '../../core/providers/openaiCompatiblePresets';
import type { ChatMessage, ChatProvider } from '../../core/providers/provider';
import { createProvider } from '../../core/providers/providerFactory';
import type { ModelEntryView } from '../../shared/protocol';
import type * as vscode from 'vscode';
import { agentCompareModel, agentReadiness } from '../agents/agentModels';
import type { ApiKeyStore, ResolvedKey } from '../keys/apiKeyStore';
import type { OriginMismatch } from '../keys/apiKeySources';
import { LanguageModelProvider } from './languageModelProvider';

/** Sent to endpoints on this machine that need no key (the SDKs refuse an empty one). */
const LOCAL_PLACEHOLDER_KEY = 'no-key';

export type ModelStatus = ModelEntryView['status'];

/** The model with its preset's base URL filled in, or a reason it cannot run. */
function endpointOf(config: ModelConfig): { baseUrl?: string; presetEnv?: string; usage: boolean } | { invalid: string } {
  if (config.provider !== 'openai-compatible' || config.preset === undefined) {
    return { ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}), usage: config.includeUsage };
  }
  const preset = findPreset(config.preset);
  if (!preset) return { invalid: `Unknown preset "${config.preset}".` };
  return {
    baseUrl: config.baseUrl ?? preset.baseUrl,
    ...(preset.apiKeyEnv ? { presetEnv: preset.apiKeyEnv } : {}),
    usage: config.includeUsage && preset.supportsUsageInStream,
  };
}

async function keyOf(config: ModelConfig, keys: ApiKeyStore): Promise<ResolvedKey | { invalid: string }> {
  const endpoint = endpointOf(config);
  if ('invalid' in endpoint) return endpoint;
  return keys.resolve({ ...config, ...(endpoint.baseUrl ? { baseUrl: endpoint.baseUrl } : {}) }, endpoint.presetEnv);
}

export interface ModelReadiness {
  status: ModelStatus;
  message?: string;
  /** Set when a key exists but is meant for another origin: the host may ask before sending it there. */
  mismatch?: OriginMismatch;
}

/** A key meant for another origin is not sent: the model counts as having no key, and the message says why. */
function keyProblem(config: ModelConfig, key: ResolvedKey): ModelReadiness | undefined {
  if (key.source === 'missing') return { status: 'missing-key', message: `No API key for ${config.label}.` };
  if (key.source === 'origin-mismatch' && key.mismatch) return { status: 'missing-key', message: key.mismatch.message, mismatch: key.mismatch };
  return undefined;
}

/** Whether a model can run now. */
export async function modelReadiness(config: ModelConfig, keys: ApiKeyStore, trusted: boolean): Promise<ModelReadiness> {
  if (config.provider === 'agent') return agentReadiness(config, trusted);
  const key = await keyOf(config, keys);
  if ('invalid' in key) return { status: 'invalid', message: key.invalid };
  const problem = keyProblem(config, key);
  if (problem) return problem;
  if (!trusted) return { status: 'untrusted', message: 'Restricted Mode: workspace code is not sent.' };
  return { status: 'ready' };
}

function providerFor(config: ModelConfig, key: ResolvedKey, baseUrl: string | undefined): ChatProvider {
  if (config.provider === 'agent') throw new Error('agent entries are built by agentCompareModel');
  if (config.provider === 'vscode-lm') {
    const hasSelector = config.vendor !== undefined || config.family !== undefined;
    return new LanguageModelProvider({
      ...(config.vendor ? { vendor: config.vendor } : {}),
      ...(config.family ? { family: config.family } : {}),
      ...(hasSelector ? {} : { id: config.model }),
    });
  }
  const apiKey = key.key ?? (key.source === 'not-needed' ? LOCAL_PLACEHOLDER_KEY : undefined);
  return createProvider({
    kind: config.provider,
    ...(apiKey ? { apiKey } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(config.headers ? { headers: config.headers } : {}),
  });
}

/** A model ready for the engine, or why it is not. */
export async function compareModelFor(
  config: ModelConfig,
  keys: ApiKeyStore,
  prompt: { system: string; messages: readonly ChatMessage[] },
  prices: PriceTable,
  /** The compared file: an agent's checkout is made of its workspace folder. */
  target?: vscode.Uri,
): Promise<CompareModel | { problem: ModelReadiness }> {
  if (config.provider === 'agent') return agentCompareModel(config, keys, prompt, target);
  const endpoint = endpointOf(config);
  if ('invalid' in endpoint) return { problem: { status: 'invalid', message: endpoint.invalid } };
  const key = await keyOf(config, keys);
  if ('invalid' in key) return { problem: { status: 'invalid', message: key.invalid } };
  const problem = keyProblem(config, key);
  if (problem) return { problem };
  const request = { ...providerRequestFrom(config, prompt), includeUsage: endpoint.usage };
  const price = resolvePrice(pricedModelFrom(config, (id) => findPreset(id)?.local ?? false), prices);
  return {
    spec: modelSpecFrom(config),
    provider: providerFor(config, key, endpoint.baseUrl),
    limitKey: limitKeyOf({ provider: config.provider, baseUrl: endpoint.baseUrl }),
    request,
    ...(price ? { price } : {}),
  };
}

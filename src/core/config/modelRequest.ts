/** From a configured model entry to what the engine and the providers need. */
import type { ChatMessage, ProviderRequest } from '../providers/provider';
import type { ModelSpec } from '../compare/runTypes';
import type { PricedModel } from '../compare/pricing';
import type { ModelConfig } from './modelConfig';
import { sendsTemperature } from '../providers/endpoints';

/**
 * The spec every UI, record and export shows. `temperature` is in it only when it is actually sent
 * ({@link sendsTemperature}: not to the official Anthropic API), so a column never shows a temperature that was
 * not sent.
 */
export function modelSpecFrom(config: ModelConfig): ModelSpec {
  const spec: ModelSpec = { id: config.id, label: config.label, provider: config.provider, model: config.model };
  if (config.demo !== undefined) spec.demo = config.demo;
  if (config.temperature !== undefined && sendsTemperature(config)) spec.temperature = config.temperature;
  if (config.maxTokens !== undefined) spec.maxTokens = config.maxTokens;
  if (config.reasoning !== undefined) spec.reasoning = config.reasoning;
  return spec;
}

/** The shared prompt (identical for every model) plus this model's own parameters. */
export function providerRequestFrom(config: ModelConfig, prompt: { system?: string; messages: readonly ChatMessage[] }): ProviderRequest {
  const request: ProviderRequest = {
    model: config.model,
    messages: prompt.messages.map((m) => ({ role: m.role, content: m.content })),
    includeUsage: config.includeUsage,
  };
  if (prompt.system !== undefined) request.system = prompt.system;
  if (config.temperature !== undefined && sendsTemperature(config)) request.temperature = config.temperature;
  if (config.maxTokens !== undefined) request.maxTokens = config.maxTokens;
  if (config.reasoning !== undefined) request.reasoning = config.reasoning;
  return request;
}

const LOCAL_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/i;

/**
 * How pricing sees this entry. Models served on this machine (a localhost base URL or a local preset) and
 * VS Code LM models get no default price: their cost is unknown unless the user sets one.
 */
export function pricedModelFrom(config: ModelConfig, isLocalPreset: (presetId: string) => boolean = () => false): PricedModel {
  const localUrl = config.baseUrl !== undefined && LOCAL_HOSTS.test(new URL(config.baseUrl).hostname);
  const localPreset = config.baseUrl === undefined && config.preset !== undefined && isLocalPreset(config.preset);
  return { entryId: config.id, model: config.model, local: config.provider === 'vscode-lm' || localUrl || localPreset };
}

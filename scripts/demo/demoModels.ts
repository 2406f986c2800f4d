/**
 * Which models `npm start` configures: real ones when the machine has them (OPENAI_API_KEY, ANTHROPIC_API_KEY, or an
 * Ollama answering on localhost:11434), else three offline demo models served by the fake providers with canned
 * answers from test/fixtures/demo-scripts.json. Demo labels say "(demo)".
 */
import type { FakeProviders } from '../../src/demo/fakeProviders';

export const DEMO_KEY_ENV = 'PARALLAX_DEMO_KEY';
export const DEMO_KEY = 'demo-key';
const OLLAMA_URL = 'http://localhost:11434';

export type ModelEntry = Record<string, unknown> & { id: string; label: string };

/** Up to two models an Ollama server on localhost has pulled; [] when none answers. */
async function ollamaModels(): Promise<string[]> {
  try {
    const res = await fetch(`${OLLAMA_URL}/api/tags`, { signal: AbortSignal.timeout(1_500) });
    if (!res.ok) return [];
    const body = (await res.json()) as { models?: { name?: unknown }[] };
    return (body.models ?? []).map((m) => m.name).filter((n): n is string => typeof n === 'string').slice(0, 2);
  } catch {
    return [];
  }
}

export async function realModels(env: NodeJS.ProcessEnv): Promise<ModelEntry[]> {
  const models: ModelEntry[] = [];
  if (env.OPENAI_API_KEY) models.push({ id: 'gpt-4-1-mini', label: 'GPT-4.1 mini', provider: 'openai', model: 'gpt-4.1-mini' });
  if (env.ANTHROPIC_API_KEY) models.push({ id: 'claude-sonnet-4-5', label: 'Claude Sonnet 4.5', provider: 'anthropic', model: 'claude-sonnet-4-5' });
  for (const name of await ollamaModels()) {
    models.push({
      id: `ollama-${name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}`,
      label: `${name} (Ollama)`,
      provider: 'openai-compatible',
      model: name,
      baseUrl: `${OLLAMA_URL}/v1`,
    });
  }
  return models;
}

/** The offline demo models; their `model` ids are the keys of test/fixtures/demo-scripts.json. */
export function demoModels(fakes: FakeProviders): ModelEntry[] {
  const common = { apiKeyEnv: DEMO_KEY_ENV, demo: true };
  return [
    { id: 'demo-gpt', label: 'Demo GPT (demo)', provider: 'openai-compatible', model: 'demo-gpt', baseUrl: fakes.openaiBaseUrl, ...common },
    { id: 'demo-claude', label: 'Demo Claude (demo)', provider: 'anthropic', model: 'demo-claude', baseUrl: fakes.anthropicBaseUrl, ...common },
    { id: 'demo-local', label: 'Demo Local (demo)', provider: 'openai-compatible', model: 'demo-local', baseUrl: fakes.openaiBaseUrl, includeUsage: false, ...common },
  ];
}

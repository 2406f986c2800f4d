/**
 * "Add Model…" without JSON, the pure part: reading the model lists a server offers (OpenAI-style `GET /v1/models`,
 * Ollama's `GET /api/tags`), naming the request for error messages, and building a new `parallax.models` entry with
 * an id no other entry has.
 */
import { z } from 'zod';

const openaiModelsSchema = z.object({ data: z.array(z.object({ id: z.string().min(1) })) });
const ollamaTagsSchema = z.object({ models: z.array(z.object({ name: z.string().min(1) })) });

/** The model ids in a `GET /v1/models` or `GET /api/tags` body; throws naming what was wrong with it. */
export function parseModelList(body: unknown): string[] {
  const openai = openaiModelsSchema.safeParse(body);
  if (openai.success) return unique(openai.data.data.map((m) => m.id));
  const ollama = ollamaTagsSchema.safeParse(body);
  if (ollama.success) return unique(ollama.data.models.map((m) => m.name));
  throw new Error('the answer is not a model list (expected {"data": [{"id": …}]} or {"models": [{"name": …}]})');
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => a.localeCompare(b));
}

/**
 * The URLs to ask for a server's models, most specific first: Ollama's `/api/tags` at the server's root (when the
 * base URL is Ollama's `…/v1`), then `<baseUrl>/models`.
 */
export function modelListUrls(baseUrl: string, ollama: boolean): string[] {
  const base = baseUrl.replace(/\/+$/, '');
  const urls = [`${base}/models`];
  if (ollama) urls.unshift(`${base.replace(/\/v1$/, '')}/api/tags`);
  return urls;
}

/** An entry id from the model name, e.g. "qwen2.5-coder:7b" → "qwen2.5-coder-7b", made unique against `taken`. */
export function entryIdFor(model: string, taken: ReadonlySet<string>, prefix = ''): string {
  const slug = `${prefix}${model}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'model';
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`;
}

export type NewModelEntry = {
  id: string;
  label?: string;
  provider: 'openai' | 'anthropic' | 'openai-compatible' | 'vscode-lm';
  model: string;
  preset?: string;
  baseUrl?: string;
  vendor?: string;
  family?: string;
  reasoning?: 'off' | 'minimal' | 'low' | 'medium' | 'high';
};

/** The entry with only the fields that are set (so settings.json stays short). */
export function compactEntry(entry: NewModelEntry): Record<string, string> {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined && v !== ''));
}

/**
 * The models of the comparison-loop tests (issue 4): their own entries and provider model names, so scripting them
 * never disturbs the two default fakes other tests use. `useModels` swaps them into the user settings (through the
 * companion, so VS Code applies them at once) and waits until the extension host reads them; `restoreDefaultModels`
 * puts the default two back.
 */
import type { FakeScript } from '../../../src/demo/fakeProviders';
import { readCompanionState } from './companionOutput';
import { E2E_FAKE_KEY_ENV, e2eModels } from './e2eModels';
import type { E2eSession } from './e2eSession';
import { updateSettings } from './editorProbes';
import { waitFor } from './waitFor';

export interface LoopModel {
  id: string;
  label: string;
  /** Provider-side model name: the fake scripts are keyed by it. */
  model: string;
  provider: 'openai-compatible' | 'anthropic';
}

export const QUICK_GPT: LoopModel = { id: 'quick-gpt', label: 'Quick GPT', model: 'quick-gpt-1', provider: 'openai-compatible' };
export const STEADY_CLAUDE: LoopModel = { id: 'steady-claude', label: 'Steady Claude', model: 'steady-claude-1', provider: 'anthropic' };
export const SLOW_GPT: LoopModel = { id: 'slow-gpt', label: 'Slow GPT', model: 'slow-gpt-1', provider: 'openai-compatible' };
export const BROKEN_GPT: LoopModel = { id: 'broken-gpt', label: 'Broken GPT', model: 'broken-gpt-1', provider: 'openai-compatible' };

/** Lines 13–14 of the fixture src/pagination.js, which every loop test selects. */
export const SELECTED_LINES = [13, 14] as const;
export const ORIGINAL_SELECTION = ['  const start = (current - 1) * pageSize;', '  const end = start + pageSize - 1;'].join('\n');

/** An answer that replaces the selection with `code` in the requested format. */
export function answerWith(explanation: string, code: readonly string[]): string {
  return [explanation, '', '```javascript', ...code, '```'].join('\n');
}

export const EXCLUSIVE_END = ['  const start = (current - 1) * pageSize;', '  const end = start + pageSize;'];
export const CLAMPED_END = ['  const start = (current - 1) * pageSize;', '  const end = Math.min(start + pageSize, items.length);'];

/** A streamed answer: `delayMs` before the first byte, then `tokensPerSecond`. */
export function streamed(delayMs: number, tokensPerSecond: number, text: string): FakeScript {
  return { delayMs, tokensPerSecond, text };
}

export function entryFor(session: E2eSession, m: LoopModel, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const baseUrl = m.provider === 'anthropic' ? session.fakes.anthropicBaseUrl : session.fakes.openaiBaseUrl;
  return { id: m.id, label: m.label, model: m.model, provider: m.provider, baseUrl, apiKeyEnv: E2E_FAKE_KEY_ENV, ...extra };
}

/** Sets `parallax.models` (blind mode off) and waits until the extension host reads exactly these entries. */
export async function useModels(session: E2eSession, entries: readonly Record<string, unknown>[]): Promise<void> {
  await updateSettings(session, { 'parallax.models': entries, 'parallax.blindMode': false });
  const ids = entries.map((e) => String(e.id));
  await waitFor(
    async () => {
      const state = await readCompanionState(session.outDir);
      return state.modelIds.join(',') === ids.join(',');
    },
    { what: `the extension host to read parallax.models = ${ids.join(', ')}`, timeoutMs: 30_000, intervalMs: 300 },
  );
}

/** Sets loop models with their scripts. */
export async function useScriptedModels(session: E2eSession, models: readonly (readonly [LoopModel, FakeScript])[]): Promise<void> {
  for (const [m, script] of models) session.fakes.setScript(m.model, script);
  await useModels(session, models.map(([m]) => entryFor(session, m)));
}

export async function restoreDefaultModels(session: E2eSession): Promise<void> {
  await useModels(session, e2eModels(session.fakes));
  await updateSettings(session, { 'parallax.blindMode': null });
}

/** Eight scripted models for the layout tests (issue 14): the four loop models and four more, alternating providers. */
import { CLAMPED_END, EXCLUSIVE_END, BROKEN_GPT, QUICK_GPT, SLOW_GPT, STEADY_CLAUDE, answerWith, streamed, type LoopModel } from './loopModels';
import type { FakeScript } from '../../../src/demo/fakeProviders';

const more = (n: number, provider: LoopModel['provider']): LoopModel => ({
  id: `layout-${n}`,
  label: `Layout Model ${n}`,
  model: `layout-model-${n}`,
  provider,
});

export const EIGHT_MODELS: readonly LoopModel[] = [QUICK_GPT, STEADY_CLAUDE, SLOW_GPT, { ...BROKEN_GPT, label: 'Fourth GPT' }, more(5, 'anthropic'), more(6, 'openai-compatible'), more(7, 'anthropic'), more(8, 'openai-compatible')];

/** A code line longer than any column, so the block has to scroll (or wrap). */
export const LONG_LINE = '  const end = Math.min(start + pageSize, items.length); // clamp the end so the last page never reads past the items array';

/** Each model answers with code that has one long line; `delayMs` before the first byte leaves time to see progress. */
export function eightScripts(delayMs: number): [LoopModel, FakeScript][] {
  return EIGHT_MODELS.map((m, i) => [
    m,
    streamed(delayMs + i * 100, 400, answerWith(`Answer ${i + 1}: clamp the end of the page.`, i % 2 === 0 ? [CLAMPED_END[0] ?? '', LONG_LINE] : EXCLUSIVE_END)),
  ]);
}

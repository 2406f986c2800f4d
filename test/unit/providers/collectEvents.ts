/**
 * Small helpers for driving a ChatProvider in tests.
 */
import type { ChatProvider, ProviderRequest, StreamEvent } from '../../../src/core/providers/provider';

export function ask(model: string, extra: Partial<ProviderRequest> = {}): ProviderRequest {
  return { model, messages: [{ role: 'user', content: 'Fix the off-by-one in this loop.' }], ...extra };
}

/** Every event of one stream, in order. */
export async function collectEvents(provider: ChatProvider, request: ProviderRequest, signal?: AbortSignal): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of provider.stream(request, signal ?? new AbortController().signal)) events.push(event);
  return events;
}

export const textOf = (events: StreamEvent[]): string =>
  events.map((e) => (e.type === 'text' ? e.text : '')).join('');

export const reasoningOf = (events: StreamEvent[]): string =>
  events.map((e) => (e.type === 'reasoning' ? e.text : '')).join('');

/** Usage as a consumer sees it: later usage events overwrite the fields they carry. */
export function mergedUsage(events: StreamEvent[]): { inputTokens?: number; outputTokens?: number; reasoningTokens?: number } {
  const merged: { inputTokens?: number; outputTokens?: number; reasoningTokens?: number } = {};
  for (const e of events) {
    if (e.type !== 'usage') continue;
    if (e.inputTokens !== undefined) merged.inputTokens = e.inputTokens;
    if (e.outputTokens !== undefined) merged.outputTokens = e.outputTokens;
    if (e.reasoningTokens !== undefined) merged.reasoningTokens = e.reasoningTokens;
  }
  return merged;
}

export function lastEvent(events: StreamEvent[]): StreamEvent | undefined {
  return events[events.length - 1];
}

/** Time a promise, in ms. */
export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

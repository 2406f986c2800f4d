/**
 * Request cases against the local fakes: one streamed request through the raw SDKs and through our adapters, and
 * a fan-out of N models through the compare engine against N raw SDK calls under Promise.all.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startComparison, type CompareModel } from '../src/core/compare/compareEngine';
import type { ChatProvider } from '../src/core/providers/provider';
import { createProvider } from '../src/core/providers/providerFactory';
import type { FakeProviders } from '../src/demo/fakeProviders';
import type { BenchCase } from './benchCase';

export const MODEL = 'bench-model';
export const ANSWER_TOKENS = 60;
export const ANSWER = Array.from({ length: ANSWER_TOKENS }, (_, i) => `token${i}`).join(' ');
export const FAN_OUT = 4;
const API_KEY = 'sk-bench-0123456789';
const LIMITS = { firstTokenMs: 30_000, idleMs: 30_000, totalMs: 60_000 };

/** Clients are built once, outside the timing, like an app would keep them. */
export interface SdkBenchContext {
  openai: OpenAI;
  anthropic: Anthropic;
  openaiAdapter: ChatProvider;
  anthropicAdapter: ChatProvider;
  /** One adapter per fan-out model, as the host builds one provider per configured model. */
  fanOutModels: CompareModel[];
}

export function sdkBenchContext(fakes: FakeProviders): SdkBenchContext {
  const openaiAdapter = (): ChatProvider => createProvider({ kind: 'openai', apiKey: API_KEY, baseUrl: fakes.openaiBaseUrl });
  return {
    openai: new OpenAI({ apiKey: API_KEY, baseURL: fakes.openaiBaseUrl }),
    anthropic: new Anthropic({ apiKey: API_KEY, baseURL: fakes.anthropicBaseUrl }),
    openaiAdapter: openaiAdapter(),
    anthropicAdapter: createProvider({ kind: 'anthropic', apiKey: API_KEY, baseUrl: fakes.anthropicBaseUrl }),
    fanOutModels: Array.from({ length: FAN_OUT }, (_, i) => ({
      spec: { id: `m${i}`, label: `M${i}`, provider: 'openai' as const, model: MODEL },
      provider: openaiAdapter(),
      request: { model: MODEL, messages },
    })),
  };
}

const messages = [{ role: 'user' as const, content: 'Fix the bug.' }];

async function viaAdapter(provider: ChatProvider): Promise<string> {
  let text = '';
  for await (const event of provider.stream({ model: MODEL, messages }, new AbortController().signal)) {
    if (event.type === 'text') text += event.text;
  }
  return text;
}

async function rawOpenAI(openai: OpenAI): Promise<string> {
  const stream = await openai.chat.completions.create({ model: MODEL, messages, stream: true, stream_options: { include_usage: true } });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

const FAN_OUT_ANSWER = Array.from({ length: FAN_OUT }, () => ANSWER).join('|');

export const SDK_CASES: Array<BenchCase<SdkBenchContext>> = [
  { name: 'openai: raw SDK stream', expected: ANSWER, run: ({ openai }) => rawOpenAI(openai) },
  { name: 'openai: createProvider adapter', baseline: 'openai: raw SDK stream', expected: ANSWER, run: (ctx) => viaAdapter(ctx.openaiAdapter) },
  {
    name: 'anthropic: raw SDK stream',
    expected: ANSWER,
    async run({ anthropic }) {
      const stream = await anthropic.messages.create({ model: MODEL, max_tokens: 4096, messages, stream: true });
      let text = '';
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      }
      return text;
    },
  },
  { name: 'anthropic: createProvider adapter', baseline: 'anthropic: raw SDK stream', expected: ANSWER, run: (ctx) => viaAdapter(ctx.anthropicAdapter) },
  {
    name: `fan-out ${FAN_OUT}: raw SDK Promise.all`,
    expected: FAN_OUT_ANSWER,
    async run({ openai }) {
      const texts = await Promise.all(Array.from({ length: FAN_OUT }, () => rawOpenAI(openai)));
      return texts.join('|');
    },
  },
  {
    name: `fan-out ${FAN_OUT}: compare engine`,
    baseline: `fan-out ${FAN_OUT}: raw SDK Promise.all`,
    expected: FAN_OUT_ANSWER,
    async run({ fanOutModels }) {
      const run = startComparison({ models: fanOutModels, limits: LIMITS, requestHash: 'bench' });
      const outcomes = await run.done;
      return outcomes.map((o) => (o.state === 'done' ? o.text : `[${o.state}: ${o.error?.message ?? ''}]`)).join('|');
    },
  },
];

/** The two fake models every e2e run uses, and their scripts on the fake providers. */
import type { FakeProviders, FakeScript } from '../../../src/demo/fakeProviders';

/** Env var named by the models' `apiKeyEnv`; set on code-server, so the extension host sees it. */
export const E2E_FAKE_KEY_ENV = 'PARALLAX_FAKE_KEY';
export const E2E_FAKE_KEY = 'test-key';

export const FAKE_GPT = { id: 'fake-gpt', label: 'Fake GPT', model: 'fake-gpt-1' } as const;
export const FAKE_CLAUDE = { id: 'fake-claude', label: 'Fake Claude', model: 'fake-claude-1' } as const;

/**
 * Prices for the fakes, so a cost is known (and must stay hidden in blind mode). `parallax.prices` is
 * application-scoped, so in a remote window (code-server) only the user settings.json written at session start can
 * set it: the remote machine settings that tests change later are ignored for it.
 */
export const FAKE_PRICES = {
  [FAKE_GPT.id]: { inputPerMTok: 2, outputPerMTok: 8 },
  [FAKE_CLAUDE.id]: { inputPerMTok: 3, outputPerMTok: 15 },
};

const fixedPagination = [
  'The slice end is exclusive, so `- 1` drops the last item of every page.',
  '',
  '```javascript',
  '  const start = (current - 1) * pageSize;',
  '  const end = start + pageSize;',
  '```',
].join('\n');

export function e2eFakeScripts(): Record<string, FakeScript> {
  return {
    [FAKE_GPT.model]: { delayMs: 150, tokensPerSecond: 200, text: fixedPagination, usage: { input: 420, output: 48 } },
    [FAKE_CLAUDE.model]: { delayMs: 600, tokensPerSecond: 120, text: fixedPagination, usage: { input: 430, output: 52 } },
  };
}

/** `parallax.models` entries pointing at the fakes. */
export function e2eModels(fakes: FakeProviders): Record<string, unknown>[] {
  return [
    { ...FAKE_GPT, provider: 'openai-compatible', baseUrl: fakes.openaiBaseUrl, apiKeyEnv: E2E_FAKE_KEY_ENV },
    { ...FAKE_CLAUDE, provider: 'anthropic', baseUrl: fakes.anthropicBaseUrl, apiKeyEnv: E2E_FAKE_KEY_ENV },
  ];
}

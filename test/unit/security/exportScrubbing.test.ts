/**
 * Keys never reach an export or a column error: a run record with keys in its prompt, answers, errors and notes,
 * exported to every format, comes out without them; a provider error that echoes the key is redacted.
 */
import assert from 'node:assert/strict';
import { startComparison } from '../../../src/core/compare/compareEngine';
import { dpoPairsFromRun, runsToCsv, runsToDpoPairs, runsToJson, runToMarkdown } from '../../../src/core/prefs/exports';
import type { RunRecord } from '../../../src/core/prefs/preferenceRecord';
import { createProvider } from '../../../src/core/providers/providerFactory';
import { startFakeProviders } from '../../../src/demo/fakeProviders';
import { folded, sampleRun, winnerVote } from '../prefs/sampleRuns';

/** The secret part of each: none of these may appear in any export. */
const SECRETS = {
  openai: 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
  anthropic: 'sk-ant-api03-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp',
  groq: 'gsk_7hJk2LmN9pQrS4tUvW6xYz8aBcDeF1gH',
  bearerToken: 'eyJhbGciOiJIUzI1NiJ9.J9pQrS4tUvW6x',
  assigned: 'or3f9a8b7c6d5e4f3a2b1c0d9e',
};

function withLeakyExtras<T extends RunRecord['outputs'][number]>(o: T): T {
  return { ...o, reasoning: `The key ${SECRETS.openai} is exposed.`, extractedCode: `const key = '${SECRETS.groq}';` };
}

function runWithKeys(): RunRecord {
  const base = folded(sampleRun({
    id: 'leaky',
    models: ['a', 'b'],
    user: `Fix the bug. My config: OPENROUTER_API_KEY="${SECRETS.assigned}" and client = new OpenAI({ apiKey: '${SECRETS.openai}' })`,
    texts: {
      a: `Fixed. Do not hard-code ${SECRETS.anthropic}; send \`Authorization: Bearer ${SECRETS.bearerToken}\` from the env.`,
      b: `Use GROQ_API_KEY instead of ${SECRETS.groq}.`,
    },
    vote: { ...winnerVote('a'), note: `a removed ${SECRETS.openai}`, tags: ['correct'] },
    note: `Rotate ${SECRETS.groq} now`,
  }));
  return {
    ...base,
    prompt: { ...base.prompt, system: `Never print keys like ${SECRETS.anthropic}.` },
    outputs: base.outputs.map(withLeakyExtras),
    attempts: base.attempts.map(withLeakyExtras),
    notes: [...base.notes, `Also revoke ${SECRETS.anthropic}`],
  };
}

describe('security: exports scrub keys end to end', () => {
  const run = runWithKeys();
  const exportsByFormat: Record<string, string> = {
    markdown: runToMarkdown(run),
    csv: runsToCsv([run]),
    json: runsToJson([run]),
    dpo: runsToDpoPairs([run]),
  };

  for (const [format, text] of Object.entries(exportsByFormat)) {
    it(`${format}: holds the run but none of the keys`, () => {
      assert.match(text, /Fix the bug/, 'the export still carries the prompt');
      for (const [name, secret] of Object.entries(SECRETS)) assert.ok(!text.includes(secret), `${format} leaks the ${name} key`);
      assert.match(text, /\[redacted\]/);
    });
  }

  it('DPO pairs from one run are scrubbed too, and the record passed in is not modified', () => {
    const [pair] = dpoPairsFromRun(run);
    assert.ok(pair);
    assert.ok(!JSON.stringify(pair).includes(SECRETS.anthropic));
    assert.ok(run.outputs[0]?.text.includes(SECRETS.anthropic), 'the caller keeps its own copy');
  });
});

describe('security: a provider error that echoes the key is redacted in the column', () => {
  // A key with no well-known shape, so only the adapter's own knowledge of its key can redact it.
  const CUSTOM_KEY = 'custom-Key-9d8c7b6a5f4e3d2c1b0a';

  for (const kind of ['openai', 'anthropic'] as const) {
    it(`${kind}: the 401 text quoting the key reaches the outcome without it`, async () => {
      const fakes = await startFakeProviders({
        scripts: { leaky: { fault: { type: 'status', status: 401, message: `Incorrect API key provided: ${CUSTOM_KEY}. Header was Bearer ${CUSTOM_KEY}` } } },
      });
      try {
        const provider = createProvider({ kind, apiKey: CUSTOM_KEY, baseUrl: kind === 'openai' ? fakes.openaiBaseUrl : fakes.anthropicBaseUrl, maxRetries: 0 });
        const run = startComparison({
          models: [{ spec: { id: 'leaky', label: 'Leaky', provider: kind, model: 'leaky' }, provider, request: { model: 'leaky', messages: [{ role: 'user', content: 'hi' }] } }],
          limits: { firstTokenMs: 10_000, idleMs: 10_000, totalMs: 15_000 },
          requestHash: 'h',
        });
        const [outcome] = await run.done;
        assert.equal(outcome?.state, 'error');
        assert.equal(outcome?.error?.kind, 'auth');
        assert.match(outcome?.error?.message ?? '', /Incorrect API key provided|invalid|key/i);
        assert.ok(!JSON.stringify(outcome).includes(CUSTOM_KEY), `leaked: ${outcome?.error?.message}`);
      } finally {
        await fakes.close();
      }
    });
  }
});

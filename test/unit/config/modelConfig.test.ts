import assert from 'node:assert/strict';
import { parseModelConfigs } from '../../../src/core/config/modelConfig';
import { modelSpecFrom, pricedModelFrom, providerRequestFrom } from '../../../src/core/config/modelRequest';
import { columnView } from '../../../src/host/results/blindColumns';

const good = { id: 'gpt', label: 'GPT-4.1', provider: 'openai', model: 'gpt-4.1' };

describe('parallax.models', () => {
  it('loads valid entries with defaults', () => {
    const { models, problems } = parseModelConfigs([good, { id: 'local-qwen', provider: 'openai-compatible', model: 'qwen2.5-coder', baseUrl: 'http://localhost:11434/v1' }]);
    assert.deepEqual(problems, []);
    assert.equal(models.length, 2);
    assert.equal(models[0]?.enabled, true);
    assert.equal(models[0]?.includeUsage, true);
    assert.equal(models[1]?.label, 'local-qwen', 'label defaults to the id');
  });

  const badFields: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['temperature above 2', { temperature: 3 }, 'temperature', /at most 2/],
    ['negative temperature', { temperature: -0.5 }, 'temperature', /at least 0/],
    ['fractional maxTokens', { maxTokens: 10.5 }, 'maxTokens', /whole number/],
    ['zero maxTokens', { maxTokens: 0 }, 'maxTokens', /greater than 0/],
    ['unknown provider', { provider: 'gemini' }, 'provider', /one of: "openai", "anthropic", "openai-compatible", "vscode-lm"/],
    ['unknown reasoning effort', { reasoning: 'max' }, 'reasoning', /one of: "off"/],
    ['baseUrl that is not a URL', { baseUrl: 'localhost:1234' }, 'baseUrl', /http:\/\/ or https:\/\/ URL/],
    ['missing model', { model: undefined }, 'model', /is required/],
    ['enabled as text', { enabled: 'yes' }, 'enabled', /true or false/],
    ['header value not text', { headers: { 'X-Team': 5 } }, 'headers.X-Team', /must be text/],
    ['bad env var name', { apiKeyEnv: 'my key' }, 'apiKeyEnv', /environment variable name/],
  ];
  for (const [title, change, field, detail] of badFields) {
    it(`reports ${title}, naming the entry and the field, and keeps the valid entries`, () => {
      const bad = { ...good, id: 'broken', ...change };
      const { models, problems } = parseModelConfigs([good, bad, { ...good, id: 'other' }]);
      assert.deepEqual(models.map((m) => m.id), ['gpt', 'other']);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      const [problem] = problems;
      assert.equal(problem?.entry, '"broken"');
      assert.equal(problem?.field, field);
      assert.equal(problem?.severity, 'error');
      assert.match(problem.message, new RegExp(`^parallax\\.models, entry "broken", field "${field.replace('.', '\\.')}": `));
      assert.match(problem.message, detail);
    });
  }

  it('names an entry without a usable id by its position', () => {
    const { models, problems } = parseModelConfigs([good, { ...good, id: 'Has Spaces' }, { provider: 'openai', model: 'x' }, 'nonsense']);
    assert.equal(models.length, 1);
    assert.deepEqual(problems.map((p) => [p.entry, p.field]), [
      ['"Has Spaces"', 'id'],
      ['#3', 'id'],
      ['#4', undefined],
    ]);
    assert.match(problems[0]!.message, /lower-case letters/);
    assert.match(problems[1]!.message, /entry #3, field "id": is required/);
  });

  it('reports a duplicate id on the second entry only and keeps the first', () => {
    const { models, problems } = parseModelConfigs([good, { ...good, label: 'again' }]);
    assert.deepEqual(models.map((m) => m.label), ['GPT-4.1']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.entry, '#2 ("gpt")');
    assert.equal(problems[0]?.field, 'id');
    assert.match(problems[0].message, /already used/);
  });

  it('requires baseUrl or preset for openai-compatible', () => {
    const entry = { id: 'ds', provider: 'openai-compatible', model: 'deepseek-chat' };
    const missing = parseModelConfigs([entry]);
    assert.equal(missing.models.length, 0);
    assert.equal(missing.problems[0]?.field, 'baseUrl');
    assert.match(missing.problems[0].message, /unless "preset" is set/);
    assert.equal(parseModelConfigs([{ ...entry, preset: 'deepseek' }]).models.length, 1);
  });

  it('warns about unknown fields but still loads the entry', () => {
    const { models, problems } = parseModelConfigs([{ ...good, temprature: 0.2 }]);
    assert.equal(models.length, 1);
    assert.equal(problems[0]?.severity, 'warning');
    assert.equal(problems[0]?.field, 'temprature');
    assert.match(problems[0].message, /not a known field/);
  });

  it('reports a setting that is not a list, and treats an unset one as empty', () => {
    assert.match(parseModelConfigs({ id: 'x' }).problems[0]!.message, /^parallax\.models: must be a list/);
    assert.deepEqual(parseModelConfigs(undefined), { models: [], problems: [] });
  });
});

describe('model entry → spec, request and pricing identity', () => {
  const [config] = parseModelConfigs([{ ...good, temperature: 0.2, maxTokens: 800, reasoning: 'low', includeUsage: false, demo: true }]).models;

  it('builds the ModelSpec with the per-model parameters', () => {
    assert.deepEqual(modelSpecFrom(config!), { id: 'gpt', label: 'GPT-4.1', provider: 'openai', model: 'gpt-4.1', demo: true, temperature: 0.2, maxTokens: 800, reasoning: 'low' });
  });

  it('builds the ProviderRequest from the shared prompt plus this model\'s parameters', () => {
    const request = providerRequestFrom(config!, { system: 'sys', messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(request, { model: 'gpt-4.1', system: 'sys', messages: [{ role: 'user', content: 'hi' }], includeUsage: false, temperature: 0.2, maxTokens: 800, reasoning: 'low' });
  });

  it('treats localhost endpoints, local presets and vscode-lm as local for pricing', () => {
    const [remote, localUrl, localPreset, lm] = parseModelConfigs([
      good,
      { id: 'a', provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:8080/v1' },
      { id: 'b', provider: 'openai-compatible', model: 'm', preset: 'ollama' },
      { id: 'c', provider: 'vscode-lm', model: 'gpt-4o' },
    ]).models;
    const isLocalPreset = (id: string): boolean => id === 'ollama';
    assert.deepEqual([remote, localUrl, localPreset, lm].map((c) => pricedModelFrom(c!, isLocalPreset).local), [false, true, true, true]);
    assert.deepEqual(pricedModelFrom(remote!), { entryId: 'gpt', model: 'gpt-4.1', local: false });
  });
});

describe('model spec: temperature only when it is sent', () => {
  it('an official anthropic entry records and requests no temperature; a compatible anthropic server gets it', () => {
    const { models } = parseModelConfigs([
      { id: 'claude', provider: 'anthropic', model: 'claude-x', temperature: 0.3 },
      { id: 'llama', provider: 'anthropic', model: 'local', baseUrl: 'http://127.0.0.1:8080', temperature: 0.3 },
    ]);
    const [official, compatible] = models;
    assert.equal(modelSpecFrom(official!).temperature, undefined);
    assert.equal(providerRequestFrom(official!, { messages: [] }).temperature, undefined);
    assert.equal(modelSpecFrom(compatible!).temperature, 0.3);
    assert.equal(providerRequestFrom(compatible!, { messages: [] }).temperature, 0.3);
  });
});

describe('model config: URL password in baseUrl', () => {
  it('URL password: a baseUrl with user:pass@ is refused with a clear message that never echoes it', () => {
    for (const baseUrl of ['https://alice:hunter2-secret@proxy.example/v1', 'http://token-only-secret@127.0.0.1:8080/v1']) {
      const { models, problems } = parseModelConfigs([{ id: 'p', provider: 'openai-compatible', model: 'm', baseUrl }]);
      assert.equal(models.length, 0);
      const message = problems.map((p) => p.message).join('\n');
      assert.match(message, /must not contain a user name or password/);
      assert.match(message, /field "baseUrl"/);
      assert.ok(!message.includes('hunter2') && !message.includes('token-only-secret') && !message.includes('alice'), message);
    }
  });

  it('URL password: a plain baseUrl with a port and path is still accepted', () => {
    assert.equal(parseModelConfigs([{ id: 'p', provider: 'openai-compatible', model: 'm', baseUrl: 'http://127.0.0.1:8080/v1' }]).models.length, 1);
  });
});

describe('model spec: a column never shows a temperature that was not sent', () => {
  it('the official Anthropic column shows no temp; a compatible Anthropic server column shows it', () => {
    const { models } = parseModelConfigs([
      { id: 'claude', provider: 'anthropic', model: 'claude-x', temperature: 0.3, maxTokens: 100 },
      { id: 'llama', provider: 'anthropic', model: 'local', baseUrl: 'http://127.0.0.1:8080', temperature: 0.3 },
    ]);
    assert.equal(columnView('c0', 0, modelSpecFrom(models[0]!), false).params, 'max 100 tokens');
    assert.equal(columnView('c1', 1, modelSpecFrom(models[1]!), false).params, 'temp 0.3');
  });
});

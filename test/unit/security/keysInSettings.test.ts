/**
 * A key typed into the settings is never used and never repeated back: the entry loads without it, the user is
 * told where keys belong, and no problem message (which is logged and shown in the sidebar) contains the value.
 */
import assert from 'node:assert/strict';
import { parseModelConfigs } from '../../../src/core/config/modelConfig';
import { modelSpecFrom, providerRequestFrom } from '../../../src/core/config/modelRequest';
import { readSettings } from '../../../src/core/config/settingsSchema';

const KEY = 'sk-proj-Zq8Wv2Lk5Jh7Gf3Ds1Ap9Ox4Ic6Ub0Ny';
const base = { id: 'gpt', provider: 'openai', model: 'gpt-4.1' };

describe('security: keys in settings', () => {
  for (const field of ['apiKey', 'api_key', 'key', 'token', 'secret', 'password', 'authorization']) {
    it(`a "${field}" field is ignored with a pointer to the secret store, and its value is never echoed`, () => {
      const { models, problems } = parseModelConfigs([{ ...base, [field]: KEY }]);
      assert.equal(models.length, 1, 'the entry still loads');
      assert.ok(!JSON.stringify(models).includes(KEY), 'the key is not part of the loaded config');
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.field, field);
      assert.match(problems[0].message, /Set API Key/);
      assert.ok(!JSON.stringify(problems).includes(KEY));
    });
  }

  it('a credential-looking header is still sent (the user chose it) but warned about, without its value', () => {
    const { models, problems } = parseModelConfigs([{ ...base, headers: { Authorization: `Bearer ${KEY}`, 'X-Team': 'core' } }]);
    assert.equal(models[0]?.headers?.Authorization, `Bearer ${KEY}`);
    assert.deepEqual(problems.map((p) => [p.field, p.severity]), [['headers.Authorization', 'warning']]);
    assert.ok(!JSON.stringify(problems).includes(KEY));
  });

  it('headers never reach the spec or request the rest of the app passes around (only the provider gets them)', () => {
    const [config] = parseModelConfigs([{ ...base, headers: { 'x-api-key': KEY } }]).models;
    assert.ok(config);
    assert.ok(!JSON.stringify(modelSpecFrom(config)).includes(KEY));
    assert.ok(!JSON.stringify(providerRequestFrom(config, { system: 's', messages: [{ role: 'user', content: 'u' }] })).includes(KEY));
  });

  it('no settings problem from any malformed value repeats a key-like value', () => {
    const { problems } = readSettings((k) =>
      ({
        models: [{ ...base, temperature: KEY }, { ...base, id: KEY.toLowerCase() }, KEY],
        limits: { firstTokenMs: KEY },
        prices: { [KEY]: { inputPerMTok: KEY, outputPerMTok: 1 } },
        preferenceLogPath: { path: KEY },
        reasonTags: [KEY.repeat(3)],
        blindMode: KEY,
        context: { selectionChars: KEY },
      })[k],
    );
    assert.ok(problems.length >= 8, `${problems.length} problems`);
    for (const p of problems) assert.ok(!p.message.includes(KEY) && !p.message.toLowerCase().includes(KEY.toLowerCase()), p.message);
  });
});

describe('security: redaction in settings problems leaves ordinary names readable', () => {
  it('ids and fields such as xai-grok-beta or headers.X-Team are shown as they are', () => {
    const { problems } = parseModelConfigs([{ ...base, id: 'xai-grok-beta', temperature: 5, headers: { 'X-Team': 1 } }]);
    assert.deepEqual(problems.map((p) => [p.entry, p.field]), [
      ['"xai-grok-beta"', 'temperature'],
      ['"xai-grok-beta"', 'headers.X-Team'],
    ]);
  });
});

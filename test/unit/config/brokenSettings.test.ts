/**
 * Bad input never loses anything: every `parallax.*` setting declared in package.json, given a value of the wrong
 * type, is reported as a clear problem naming it, and its default is used while the other settings still load.
 * Driven by the manifest, so a setting added there without validation in core fails here.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseModelConfigs } from '../../../src/core/config/modelConfig';
import { readSettings } from '../../../src/core/config/settingsSchema';
import { sidebarStateSchema } from '../../../src/shared/protocol';

interface JsonSchemaProperty {
  type?: string;
  properties?: Record<string, JsonSchemaProperty>;
  items?: JsonSchemaProperty;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, JsonSchemaProperty> } };
};
const declared = manifest.contributes.configuration.properties;
const MARKER = 'WRONG-TYPE-7f3a';

/** A value that is not of `type`; a string carries a marker so we can check messages never echo it. */
function wrongValueFor(type: string | undefined): unknown {
  return type === 'string' ? 7357 : MARKER;
}

const defaults = readSettings(() => undefined).settings;
const goodModel = { id: 'good', provider: 'openai', model: 'gpt-4.1' };

describe('broken settings: wrong types are reported and defaults used', () => {
  it('the manifest declares settings to check', () => {
    assert.ok(Object.keys(declared).length >= 7);
  });

  for (const [fullKey, schema] of Object.entries(declared)) {
    const key = fullKey.replace(/^parallax\./, '') as keyof typeof defaults;

    it(`${fullKey}: a value of the wrong type is an error naming it, and the default is used`, () => {
      const others = { blindMode: true, reasonTags: ['kept'], models: [goodModel] } as Record<string, unknown>;
      const values: Record<string, unknown> = { ...others, [key]: wrongValueFor(schema.type) };
      const { settings, problems } = readSettings((k) => values[k]);
      const mine = problems.filter((p) => p.setting === fullKey);
      assert.equal(mine.length, 1, JSON.stringify(problems));
      assert.equal(mine[0]?.severity, 'error');
      assert.ok(mine[0].message.startsWith(`${fullKey}: `), mine[0].message);
      assert.ok(!mine[0].message.includes(MARKER) && !mine[0].message.includes('7357'), 'the bad value is not echoed');
      assert.deepEqual(settings[key], defaults[key]);
      // The other settings still load.
      if (key !== 'blindMode') assert.equal(settings.blindMode, true);
      if (key !== 'models') assert.deepEqual(settings.models.map((m) => m.id), ['good']);
    });

    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      it(`${fullKey}.${field}: a wrong type falls back for that field only`, () => {
        const { settings, problems } = readSettings((k) => (k === key ? { [field]: wrongValueFor(fieldSchema.type) } : undefined));
        assert.deepEqual(problems.map((p) => [p.setting, p.field, p.severity]), [[fullKey, field, 'error']]);
        assert.deepEqual(settings[key], defaults[key]);
      });
    }
  }

  const modelFields = declared['parallax.models']?.items?.properties ?? {};
  for (const [field, fieldSchema] of Object.entries(modelFields)) {
    if (field === 'id') continue;
    it(`parallax.models[].${field}: a wrong type skips that entry with a problem naming it; the others load`, () => {
      const bad = { ...goodModel, id: 'bad', [field]: wrongValueFor(fieldSchema.type) };
      const { models, problems } = parseModelConfigs([goodModel, bad]);
      assert.deepEqual(models.map((m) => m.id), ['good']);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(problems[0]?.entry, '"bad"');
      assert.equal(problems[0]?.field, field);
      assert.ok(!problems[0].message.includes(MARKER));
    });
  }

  it('reason tags longer than the vote bar accepts are dropped one by one; too many tags fall back to the defaults', () => {
    const long = 'x'.repeat(61);
    const one = readSettings((k) => (k === 'reasonTags' ? ['fine', long] : undefined));
    assert.deepEqual(one.settings.reasonTags, ['fine']);
    assert.deepEqual(one.problems.map((p) => p.field), ['1']);
    const many = readSettings((k) => (k === 'reasonTags' ? Array.from({ length: 31 }, (_, i) => `tag${i}`) : undefined));
    assert.deepEqual(many.settings.reasonTags, defaults.reasonTags);
    assert.match(many.problems[0]!.message, /at most 30/);
  });

  it('an over-long model id, label or model name is refused here rather than breaking the sidebar', () => {
    const longId = 'a'.repeat(5_000);
    const { models, problems } = parseModelConfigs([
      { ...goodModel, id: longId },
      { ...goodModel, id: 'long-label', label: 'L'.repeat(201) },
      { ...goodModel, id: 'long-model', model: 'm'.repeat(201) },
      goodModel,
    ]);
    assert.deepEqual(models.map((m) => m.id), ['good']);
    assert.deepEqual(problems.map((p) => [p.entry, p.field]), [
      ['#1', 'id'],
      ['"long-label"', 'label'],
      ['"long-model"', 'model'],
    ]);
    for (const p of problems) assert.ok(p.message.length < 300, `short message: ${p.message.length} chars`);
    // What did load fits the sidebar's protocol.
    const state = {
      models: models.map((m) => ({ id: m.id, label: m.label, provider: m.provider, model: m.model, demo: false, selected: true, status: 'ready' })),
      problems: problems.map((p) => ({ entry: p.entry ?? p.setting, message: p.message, ...(p.field ? { field: p.field } : {}) })),
      context: null,
      estimate: null,
      recentRuns: [],
      running: false,
      trusted: true,
    };
    assert.equal(sidebarStateSchema.safeParse(state).success, true);
  });
});

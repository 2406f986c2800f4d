import assert from 'node:assert/strict';
import { readSettings } from '../../../src/core/config/settingsSchema';
import { DEFAULT_CONTEXT_CAPS } from '../../../src/core/prompts/contextAssembly';

const from = (values: Record<string, unknown>) => (key: string): unknown => values[key];

describe('readSettings', () => {
  it('returns the documented defaults when nothing is set', () => {
    const { settings, problems } = readSettings(from({}));
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.limits, { firstTokenMs: 60_000, idleMs: 30_000, totalMs: 300_000, concurrencyPerProvider: 8, concurrencyLocal: 8 });
    assert.deepEqual(settings.prices, {});
    assert.deepEqual(settings.context, { ...DEFAULT_CONTEXT_CAPS, includeWholeFile: false });
    assert.equal(settings.blindMode, false);
    assert.equal(settings.preferenceLogPath, '');
    assert.ok(settings.reasonTags.length > 0);
    assert.deepEqual(settings.models, []);
  });

  it('reads valid values', () => {
    const { settings, problems } = readSettings(
      from({
        limits: { firstTokenMs: 5_000 },
        prices: { 'my-local': { inputPerMTok: 0, outputPerMTok: 0 } },
        blindMode: true,
        reasonTags: ['correct', 'short'],
        models: [{ id: 'gpt', provider: 'openai', model: 'gpt-4.1' }],
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.limits, { firstTokenMs: 5_000, idleMs: 30_000, totalMs: 300_000, concurrencyPerProvider: 8, concurrencyLocal: 8 });
    assert.deepEqual(settings.prices['my-local'], { inputPerMTok: 0, outputPerMTok: 0 });
    assert.equal(settings.blindMode, true);
    assert.deepEqual(settings.reasonTags, ['correct', 'short']);
    assert.equal(settings.models[0]?.id, 'gpt');
  });

  it('falls back field by field: a bad limit uses its default and the good ones stay', () => {
    const { settings, problems } = readSettings(from({ limits: { firstTokenMs: 1_000, idleMs: -5 } }));
    assert.deepEqual(settings.limits, { firstTokenMs: 1_000, idleMs: 30_000, totalMs: 300_000, concurrencyPerProvider: 8, concurrencyLocal: 8 });
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.setting, 'parallax.limits');
    assert.equal(problems[0]?.field, 'idleMs');
    assert.match(problems[0].message, /^parallax\.limits, field "idleMs": must be greater than 0/);
  });

  it('drops one bad price entry and keeps the others', () => {
    const { settings, problems } = readSettings(from({ prices: { good: { inputPerMTok: 1, outputPerMTok: 2 }, bad: { inputPerMTok: 'cheap', outputPerMTok: 2 } } }));
    assert.deepEqual(Object.keys(settings.prices), ['good']);
    assert.equal(problems[0]?.field, 'bad.inputPerMTok');
    assert.match(problems[0].message, /must be a number/);
  });

  it('warns about a misspelt field inside an object setting and ignores it', () => {
    const { settings, problems } = readSettings(from({ context: { surroundingLines: 10, selectionChar: 5 } }));
    assert.equal(settings.context.surroundingLines, 10);
    assert.equal(problems[0]?.severity, 'warning');
    assert.equal(problems[0]?.field, 'selectionChar');
  });

  it('replaces a value of the wrong type by its default and says so', () => {
    const { settings, problems } = readSettings(from({ blindMode: 'yes', limits: 42, reasonTags: ['ok', ''] }));
    assert.equal(settings.blindMode, false);
    assert.equal(settings.limits.idleMs, 30_000);
    assert.deepEqual(settings.reasonTags, ['ok']);
    assert.deepEqual(problems.map((p) => p.setting), ['parallax.limits', 'parallax.blindMode', 'parallax.reasonTags']);
    assert.match(problems[1]!.message, /^parallax\.blindMode: must be true or false/);
    assert.equal(problems[2]?.field, '1');
  });

  it('reports model problems first, with the models that did load', () => {
    const { settings, problems } = readSettings(from({ models: [{ id: 'a', provider: 'openai', model: 'x' }, { id: 'b', provider: 'nope', model: 'y' }] }));
    assert.deepEqual(settings.models.map((m) => m.id), ['a']);
    assert.equal(problems[0]?.setting, 'parallax.models');
    assert.equal(problems[0]?.entry, '"b"');
  });
});

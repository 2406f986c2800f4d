import assert from 'node:assert/strict';
import { costUsd, DEFAULT_PRICES, findPrice, resolvePrice } from '../../../src/core/compare/pricing';
import { estimateTokens } from '../../../src/core/compare/tokenEstimate';
import { redactSecrets } from '../../../src/core/providers/providerErrors';

describe('pricing', () => {
  it('has a price for each well-known model', () => {
    for (const id of ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini', 'gpt-5', 'gpt-5-mini', 'claude-sonnet-4-5', 'claude-opus-4-1', 'claude-haiku-4-5', 'deepseek-chat']) {
      const price = DEFAULT_PRICES[id];
      assert.ok(price, id);
      assert.ok(price.inputPerMTok > 0 && price.outputPerMTok >= price.inputPerMTok, `${id} output costs at least input`);
    }
  });

  it('finds dated and -latest ids by their base id, but not other models sharing a prefix', () => {
    assert.deepEqual(findPrice(DEFAULT_PRICES, 'claude-sonnet-4-5-20250929'), DEFAULT_PRICES['claude-sonnet-4-5']);
    assert.deepEqual(findPrice(DEFAULT_PRICES, 'gpt-4.1-mini-2025-04-14'), DEFAULT_PRICES['gpt-4.1-mini']);
    assert.deepEqual(findPrice(DEFAULT_PRICES, 'claude-3-5-haiku-latest'), DEFAULT_PRICES['claude-3-5-haiku']);
    assert.equal(findPrice(DEFAULT_PRICES, 'o3-pro'), undefined);
    assert.equal(findPrice(DEFAULT_PRICES, 'toString'), undefined);
  });

  it('lets user prices override defaults, by entry id first', () => {
    const overrides = { 'gpt-4o': { inputPerMTok: 1, outputPerMTok: 2 }, mine: { inputPerMTok: 9, outputPerMTok: 9 } };
    assert.deepEqual(resolvePrice({ entryId: 'x', model: 'gpt-4o-2024-08-06', local: false }, overrides), { inputPerMTok: 1, outputPerMTok: 2 });
    assert.deepEqual(resolvePrice({ entryId: 'mine', model: 'gpt-4o', local: false }, overrides), { inputPerMTok: 9, outputPerMTok: 9 });
    assert.deepEqual(resolvePrice({ entryId: 'x', model: 'o3', local: false }, overrides), DEFAULT_PRICES['o3']);
    assert.deepEqual(resolvePrice({ entryId: 'x', model: 'o3', local: false }, { o3: { inputPerMTok: 0, outputPerMTok: 0 } }), { inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('gives local models no default price, but honours a user price of 0', () => {
    assert.equal(resolvePrice({ entryId: 'ollama-ds', model: 'deepseek-chat', local: true }), undefined);
    assert.deepEqual(resolvePrice({ entryId: 'ollama-ds', model: 'deepseek-chat', local: true }, { 'ollama-ds': { inputPerMTok: 0, outputPerMTok: 0 } }), { inputPerMTok: 0, outputPerMTok: 0 });
  });

  it('costs input and output (reasoning included) per million tokens', () => {
    assert.equal(costUsd({ inputPerMTok: 2, outputPerMTok: 8 }, { inputTokens: 500_000, outputTokens: 250_000 }), 3);
    assert.equal(costUsd(undefined, { inputTokens: 1, outputTokens: 1 }), undefined);
    assert.equal(costUsd({ inputPerMTok: 2, outputPerMTok: 8 }, { inputTokens: 1 }), undefined);
    assert.equal(costUsd({ inputPerMTok: 0, outputPerMTok: 0 }, { inputTokens: 10, outputTokens: 10 }), 0);
  });
});

describe('token estimate', () => {
  it('is roughly chars/4 on source code', () => {
    const code = [
      'export function paginate<T>(items: T[], page: number, size: number): T[] {',
      '  const start = (page - 1) * size;',
      '  return items.slice(start, start + size);',
      '}',
    ].join('\n');
    const estimate = estimateTokens(code);
    assert.ok(estimate >= code.length / 6 && estimate <= code.length / 2.5, `${estimate} tokens for ${code.length} chars`);
  });

  it('is 0 for empty text, grows with text, and counts non-Latin characters', () => {
    assert.equal(estimateTokens(''), 0);
    assert.ok(estimateTokens('a b c d e f') < estimateTokens('a b c d e f g h i j k l'));
    assert.ok(estimateTokens('你好世界') >= 4);
    assert.ok(estimateTokens('        \n        ') <= 1, 'indentation is nearly free');
  });
});

describe('secret redaction', () => {
  it('removes API keys, bearer tokens and key parameters, and keeps the rest', () => {
    const text = 'Bad key sk-ant-api03-AbCdEf123456 (header Authorization: Bearer abc.def.ghi) url ?key=AIzaSy123&x=1 x-api-key: zzz999';
    const out = redactSecrets(text);
    for (const secret of ['AbCdEf123456', 'abc.def.ghi', 'AIzaSy123', 'zzz999']) assert.ok(!out.includes(secret), `${secret} in ${out}`);
    assert.match(out, /^Bad key /);
    assert.match(out, /&x=1/);
    assert.equal(redactSecrets('Rate limited, retry in 20 s.'), 'Rate limited, retry in 20 s.');
  });
});

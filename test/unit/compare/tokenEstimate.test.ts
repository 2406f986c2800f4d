/** The per-delta token estimate scans character codes; it must count exactly what its regular-expression definition does. */
import assert from 'node:assert/strict';
import { estimateTokens } from '../../../src/core/compare/tokenEstimate';
import { mulberry32 } from '../../../src/core/prefs/seededRandom';

/** The definition (the estimate as it was first written): pieces by regular expression. */
// eslint-disable-next-line no-control-regex -- \x00-\x7F is the ASCII range, not a control character to match
const PIECES = /[A-Za-z0-9_]+|[^\x00-\x7F]|[^\sA-Za-z0-9_\x80-\uFFFF]+|\s+/gu;
function byRegExp(text: string): number {
  let tokens = 0;
  for (const [piece] of text.matchAll(PIECES)) {
    const first = piece.charCodeAt(0);
    if (/\s/.test(piece[0] ?? '')) tokens += piece.includes('\n') ? 1 : 0;
    else if (first > 0x7f) tokens += 1;
    else if (/[A-Za-z0-9_]/.test(piece[0] ?? '')) tokens += Math.ceil(piece.length / 4);
    else tokens += Math.ceil(piece.length / 2);
  }
  return tokens;
}

/** The project's seeded generator, so a failure names its seed. */
const random = mulberry32;

/** Characters from every class the pieces distinguish, the awkward ones included. */
const ALPHABET = ['a', 'Z', '0', '_', ' ', '\t', '\n', '\r', '\v', '\f', '=', '>', '(', ')', ';', '{', '"', '\\', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u1680', 'é', 'ß', '中', '\u0300', '😀', '𝔸', '\ud800', '\udc00', '\u007f', '\u0080', '\uffff', '\u0000'];

describe('token estimate', () => {
  it('counts what its regular-expression definition counts, on 20,000 random texts', () => {
    const next = random(20261202);
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(next() * 24);
      let text = '';
      for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '';
      assert.equal(estimateTokens(text), byRegExp(text), `text ${JSON.stringify(text)} (case ${n})`);
    }
  });

  it('counts what its definition counts on real code and prose', () => {
    const samples = [
      '',
      'function add(a, b) {\n  return a + b;\n}\n',
      '  const x = () => { return [1, 2, 3].map((n) => n * 2); };',
      'Le café coûte 3 € — 中文 text, emoji 😀😀 and => arrows =>😀.',
      '\n\n    \t\n',
      'snake_case_identifier_that_is_long camelCaseIdentifier 123456789',
    ];
    for (const text of samples) assert.equal(estimateTokens(text), byRegExp(text), JSON.stringify(text));
    assert.ok(estimateTokens(samples[1] ?? '') > 0);
  });
});

/**
 * The one secret scrubber: linear time on hostile input (ReDoS), a size cap, and the credential formats the
 * review found missing (PEM, AWS, Slack, Stripe, GitHub, GitLab, npm, Basic auth, URL passwords, custom headers).
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { MAX_SCRUB_CHARS, redactSecrets, scrubSecrets } from '../../../src/core/prefs/secretScrubber';
import { redactSecrets as providerRedact } from '../../../src/core/providers/providerErrors';

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Texts that made the old patterns backtrack, or that would make a naive pattern do so. */
const HOSTILE: Array<[string, string]> = [
  ['192 kB of keykey…', 'key'.repeat(64_000)],
  ['key-ish name followed by a long short-value run', `${'apikey'.repeat(20_000)}=${'a1'.repeat(5)}`],
  ['many separators without values', 'token= '.repeat(30_000)],
  ['many URL schemes without @', 'a.b.c.d'.repeat(30_000) + '://x'],
  ['many schemes with user:pass and no @', 'http://user:pass '.repeat(12_000)],
  ['many PEM BEGIN lines with no END', '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n'.repeat(5_000)],
  ['long Basic run', `Basic ${'A'.repeat(190_000)}`],
  ['long whitespace after a key-ish name', `password${' '.repeat(190_000)}x`],
  ['long sk- run', `sk-${'a'.repeat(190_000)}`],
  ['many Bearer words', 'Bearer '.repeat(30_000)],
];

describe('security: secret scrubber ReDoS (linear time on hostile input)', () => {
  for (const [name, text] of HOSTILE) {
    it(`ReDoS: scrubs ${name} (${Math.round(text.length / 1000)} kB) in well under a second, both modes`, () => {
      const ms = timed(() => {
        scrubSecrets(text);
        scrubSecrets(text, { aggressive: true, secrets: ['not-in-there-1234'] });
      });
      // Not a speed check (that is bench/): backtracking on this input takes minutes, linear work milliseconds,
      // so a bound this far from both cannot fail on a loaded machine and still catches a ReDoS pattern.
      assert.ok(ms < 5000, `${name} took ${ms.toFixed(0)} ms`);
    });
  }

  it('ReDoS: time grows linearly: 16× the keykey input takes far less than the 256× a quadratic scrub would', () => {
    const small = 'key'.repeat(10_000);
    const large = 'key'.repeat(160_000);
    const median = (fn: () => void): number => [timed(fn), timed(fn), timed(fn)].sort((x, y) => x - y)[1] ?? 0;
    scrubSecrets(small); // warm up
    const a = Math.max(2, median(() => scrubSecrets(small)));
    const b = median(() => scrubSecrets(large));
    assert.ok(b < a * 100, `small ${a.toFixed(1)} ms, large ${b.toFixed(1)} ms`);
  });

  it('size cap: text past MAX_SCRUB_CHARS is dropped with a marker, never kept unscrubbed', () => {
    const secretTail = 'sk-proj-ABCdef1234567890abcdef';
    const text = 'x'.repeat(MAX_SCRUB_CHARS) + secretTail;
    const out = scrubSecrets(text);
    assert.ok(!out.includes('ABCdef1234567890'), 'the tail was not kept');
    assert.match(out.slice(-120), /more characters removed: too long to check for secrets/);
    assert.ok(out.length < MAX_SCRUB_CHARS + 200);
  });

  it('size cap: a 4,000,000-character answer (the engine cap) is scrubbed whole in bounded time', () => {
    const answer = 'const apiKey = process.env.KEY; // sk-not-a-key\n'.repeat(Math.ceil(4_000_000 / 48)).slice(0, 4_000_000);
    let out = '';
    const ms = timed(() => {
      out = scrubSecrets(answer);
    });
    assert.equal(out.length, answer.length);
    assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`); // bounded, not fast: bench/ measures speed
  });
});

describe('security: secret scrubber patterns', () => {
  const cases: Array<[string, string, string]> = [
    ['PEM private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234abcd\nqwerty==\n-----END RSA PRIVATE KEY-----', 'MIIEow'],
    ['PEM (PKCS#8) private key', 'key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n-----END PRIVATE KEY-----\nrest', 'MIIEvQ'],
    ['unterminated PEM private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAA', 'b3BlbnNz'],
    ['AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'IOSFODNN7'],
    ['Slack bot token', 'SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', '123456789012-1234'],
    ['Slack user token', 'xoxp-123456789012-1234567890123-abcdef', '123456789012-1234'],
    ['Stripe live secret', 'stripe: sk_live_4eC39HqLyjWDarjtT1zdp7dc', '4eC39HqLyj'],
    ['Stripe restricted key', 'rk_live_51H8abcdEFGH1234ijkl', '51H8abcd'],
    ['GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', '11ABCDEFG'],
    ['GitHub classic token', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnop'],
    ['GitLab token', 'glpat-xxxxxxxxxxxxxxxxxxxx1234', 'xxxxxxxxxxxxxxxx'],
    ['npm token', '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnop'],
    ['Basic-auth header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpw'],
    ['URL password', 'fetch("https://alice:s3cr3t-Pa55@api.example.com/v1")', 's3cr3t'],
    ['URL password in a git remote', 'git clone https://oauth2:glp-AbC123@gitlab.example.com/x.git', 'glp-AbC123'],
  ];
  for (const [name, text, secret] of cases) {
    it(`redacts secrets: ${name}`, () => {
      for (const out of [scrubSecrets(text), redactSecrets(text)]) {
        assert.ok(!out.includes(secret), `${name}: ${out}`);
        assert.match(out, /\[redacted\]/);
      }
    });
  }

  it('URL password: keeps the scheme, user and host, removes only the password', () => {
    assert.equal(scrubSecrets('see https://alice:hunter2@example.com/x'), 'see https://alice:[redacted]@example.com/x');
    assert.equal(scrubSecrets('plain https://example.com:8443/path stays'), 'plain https://example.com:8443/path stays');
  });

  it('leaves ordinary prose and code alone', () => {
    const text = [
      'Basic Authentication is described in RFC 7617.',
      'const url = `https://${host}:${port}/v1`;',
      'interface Options { apiKey: string; token?: string }',
      'task-runner --mask sk-learn; the sketch stays',
      'AKIA is the prefix of an AWS key id.',
      'A PEM file starts with -----BEGIN CERTIFICATE-----',
    ].join('\n');
    assert.equal(scrubSecrets(text), text);
  });

  it('redacts configured custom header values passed as extra literal secrets', () => {
    const text = 'upstream said: bad header x-portkey-api-key=pk-team-77 and cf-aig-authorization was team_tok_42';
    const out = scrubSecrets(text, { secrets: ['pk-team-77', 'team_tok_42', ''] });
    assert.ok(!out.includes('pk-team-77') && !out.includes('team_tok_42'), out);
  });

  it('is the same scrubber under the provider-errors name', () => {
    assert.equal(providerRedact, redactSecrets);
  });
});

import assert from 'node:assert/strict';
import { MAX_SCRUB_CHARS, SCRUB_SLICE_CHARS, scrubStrings, scrubStringsInSlices } from '../../../src/core/prefs/secretScrubber';
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7t3y\nq1w2e3r4t5y6u7i8o9p0\n-----END RSA PRIVATE KEY-----';
const LINE = 'const value = compute(input); // ordinary code\n';
const filler = (n: number): string => LINE.repeat(Math.ceil(n / LINE.length)).slice(0, n);

describe('security: large log entries are scrubbed in slices without blocking (size cap)', () => {
  it('gives exactly the result of the whole-text scrub, with secrets on both sides of every slice boundary', async () => {
    const secrets = ['sk-proj-abcdefghijklmnop1234', 'AKIAIOSFODNN7EXAMPLE', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'https://user:hunter2@example.com/x'];
    let text = '';
    for (let i = 0; i < 12; i++) text += `${filler(SCRUB_SLICE_CHARS / 3)} ${secrets[i % secrets.length]}\n`;
    const value = { a: text, nested: [text.slice(5), { b: 'api_key = "sk-ant-abcdefgh12345678"' }], n: 3 };
    let pauses = 0;
    const sliced = await scrubStringsInSlices(value, {}, () => {
      pauses += 1;
      return Promise.resolve();
    });
    assert.deepEqual(sliced, scrubStrings(value));
    assert.ok(pauses >= 4, `the long strings were scrubbed in several slices (${pauses} pauses)`);
    for (const secret of ['abcdefghijklmnop1234', 'IOSFODNN7EXAMPLE', 'hunter2', 'abcdefgh12345678']) assert.ok(!JSON.stringify(sliced).includes(secret), `${secret} is gone`);
  });

  it('never cuts a PEM private key in two, even when it straddles a slice boundary', async () => {
    for (const offset of [-40, -10, -1, 0, 1, 20]) {
      const text = `${filler(SCRUB_SLICE_CHARS + offset)}\n${PEM}\n${filler(1_000)}`;
      const sliced = await scrubStringsInSlices(text);
      assert.equal(sliced, scrubStrings(text), `offset ${offset}`);
      assert.ok(!sliced.includes('MIIEowIBAAKCAQEA7t3y'), `offset ${offset}: the key body is gone`);
    }
  });

  it('size cap: past MAX_SCRUB_CHARS the rest is dropped with a marker, as the whole-text scrub does', async () => {
    const text = filler(MAX_SCRUB_CHARS + 1_000);
    const sliced = await scrubStringsInSlices(text);
    assert.equal(sliced.length, scrubStrings(text).length);
    assert.match(sliced, /1000 more characters removed: too long to check for secrets\]$/);
  });

  it('the preference log writes a megabyte answer scrubbed, in order with the entries around it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parallax-slices-'));
    try {
      const log = new PreferenceLog(join(dir, 'log.jsonl'));
      const big = `${filler(1_000_000)}\nOPENAI_API_KEY=sk-proj-abcdefghijklmnop1234\n`;
      const note = (id: string, text: string) => ({ schemaVersion: 2 as const, type: 'note' as const, runId: id, at: '2025-01-01T00:00:00.000Z', note: text });
      await Promise.all([log.append(note('r1', 'first')), log.append(note('r2', big)), log.append(note('r3', 'third'))]);
      await log.flush();
      const lines = (await readFile(log.filePath, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { runId: string; note: string });
      assert.deepEqual(lines.map((l) => l.runId), ['r1', 'r2', 'r3']);
      assert.ok(!lines[1]?.note.includes('abcdefghijklmnop1234'), 'the key in the big entry is scrubbed');
      assert.equal(lines[1]?.note.length, scrubStrings(big).length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

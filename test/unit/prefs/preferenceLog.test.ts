import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreferenceLog, PreferenceWriteError } from '../../../src/core/prefs/preferenceLog';
import type { LogEntry } from '../../../src/core/prefs/logEvents';
import { searchRuns } from '../../../src/core/prefs/runSearch';
import { scrubSecrets } from '../../../src/core/prefs/secretScrubber';
import { asEvents, attemptEvent, folded, noteEvent, sampleRun, voteEvent, winnerVote } from './sampleRuns';

describe('PreferenceLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-prefs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory and reads back what it wrote; a missing file is an empty log', async () => {
    const log = new PreferenceLog(join(dir, 'nested', 'deeper', 'prefs.jsonl'));
    assert.deepEqual(await log.readAll(), { runs: [], problems: [] });
    const run = sampleRun({ vote: winnerVote('a') });
    const events = asEvents(run);
    for (const e of events) await log.append(e);
    assert.deepEqual(await log.readAll(), { runs: [folded(run)], problems: [] });
    const raw = await readFile(log.filePath, 'utf8');
    assert.equal(raw, events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  });

  it('still reads a schema-1 run line, and folds it the same as the events that record the same run', async () => {
    const run = sampleRun({ id: 'old', vote: winnerVote('b'), note: 'from an older version' });
    const oldLog = new PreferenceLog(join(dir, 'old.jsonl'));
    await oldLog.append(run);
    const newLog = new PreferenceLog(join(dir, 'new.jsonl'));
    for (const e of asEvents(run)) await newLog.append(e);
    const [fromOld, fromNew] = [await oldLog.readAll(), await newLog.readAll()];
    assert.deepEqual(fromOld.problems, []);
    assert.deepEqual(fromOld.runs, [folded(run)]);
    assert.deepEqual(fromOld.runs[0]?.notes, ['from an older version']);
    assert.deepEqual(fromOld.runs[0]?.attempts.map((a) => [a.modelId, a.attempt]), [['a', 1], ['b', 1], ['c', 1]]);
    assert.deepEqual(fromNew.runs, fromOld.runs);
  });

  it('serializes 50 concurrent appends: every line parses, none interleaved', async () => {
    const log = new PreferenceLog(join(dir, 'prefs.jsonl'));
    const runs = Array.from({ length: 50 }, (_, i) =>
      sampleRun({ id: `run-${i}`, texts: { a: String(i % 10).repeat(((i * 7919) % 50) * 1000), b: 'short', c: '' } }),
    );
    const events = runs.flatMap(asEvents);
    await Promise.all(events.map((e) => log.append(e)));
    const lines = (await readFile(log.filePath, 'utf8')).split('\n');
    assert.equal(lines.pop(), '', 'file ends with a newline');
    assert.equal(lines.length, 50 * 4, 'a run-start and three attempts per run');
    const ids = lines.map((line) => {
      const e = JSON.parse(line) as { runId: string; type: string };
      return `${e.runId}/${e.type}`;
    });
    assert.deepEqual(ids, events.map((e) => `${e.runId}/${e.type}`), 'the queue keeps call order');
    const { runs: read, problems } = await log.readAll();
    assert.deepEqual(problems, []);
    assert.deepEqual(read.map((r) => r.id).sort(), runs.map((r) => r.id).sort());
  });

  it('starts a new line after a torn last line, and reports the torn line', async () => {
    const file = join(dir, 'prefs.jsonl');
    const first = sampleRun({ id: 'first' });
    await writeFile(file, `${JSON.stringify(first)}\n${JSON.stringify(sampleRun({ id: 'torn' })).slice(0, 80)}`);
    const log = new PreferenceLog(file);
    const before = await log.readAll();
    assert.deepEqual(before.runs.map((r) => r.id), ['first']);
    assert.equal(before.problems.length, 1);
    assert.equal(before.problems[0]?.line, 2);
    assert.match(before.problems[0]?.error ?? '', /incomplete last line/);

    await log.append(sampleRun({ id: 'after' }));
    const after = await log.readAll();
    assert.deepEqual(after.runs.map((r) => r.id), ['first', 'after']);
    assert.deepEqual(after.problems.map((p) => p.line), [2]);
  });

  it('skips and reports corrupt lines by line number, leaving the file unchanged', async () => {
    const file = join(dir, 'prefs.jsonl');
    const content = [
      JSON.stringify(sampleRun({ id: 'one' })),
      '{"schemaVersion":1,"type":"run", oops',
      JSON.stringify({ ...sampleRun({ id: 'bad-template' }), template: 'poem' }),
      '',
      JSON.stringify(sampleRun({ id: 'two' })),
      '',
    ].join('\n');
    await writeFile(file, content);
    const { runs, problems } = await new PreferenceLog(file).readAll();
    assert.deepEqual(runs.map((r) => r.id), ['one', 'two']);
    assert.deepEqual(problems.map((p) => p.line), [2, 3]);
    assert.match(problems[0]?.error ?? '', /not valid JSON/);
    assert.match(problems[1]?.error ?? '', /template/);
    assert.equal(await readFile(file, 'utf8'), content);
  });

  it('folds later vote and note events onto their run, and reports events that do not fit', async () => {
    const log = new PreferenceLog(join(dir, 'prefs.jsonl'));
    const at = '2025-06-02T08:00:00.000Z';
    await log.append(sampleRun({ id: 'r1' }));
    await log.append({ schemaVersion: 1, type: 'note', runId: 'r1', note: 'kept for later', at });
    await log.append({ schemaVersion: 1, type: 'vote', runId: 'r1', vote: winnerVote('c', ['c', 'a']), at });
    await log.append({ schemaVersion: 1, type: 'vote', runId: 'r1', vote: winnerVote('zz'), at });
    await log.append({ schemaVersion: 1, type: 'vote', runId: 'missing', vote: winnerVote('a'), at });
    const { runs, problems } = await log.readAll();
    assert.equal(runs.length, 1);
    assert.deepEqual(runs[0]?.notes, ['kept for later']);
    assert.deepEqual(runs[0]?.vote?.ranking, ['c', 'a']);
    assert.deepEqual(problems.map((p) => p.line), [4, 5]);
    assert.match(problems[0]?.error ?? '', /'zz' is not a model/);
    assert.match(problems[1]?.error ?? '', /unknown run 'missing'/);
  });

  it('folds schema-2 events: retries, votes, notes, reveal, apply, cancel; and reports those that do not fit', async () => {
    const log = new PreferenceLog(join(dir, 'prefs.jsonl'));
    const at = '2025-06-02T08:00:00.000Z';
    const run = sampleRun({ id: 'r1', models: ['a', 'b'] });
    for (const e of asEvents(run)) await log.append(e);
    await log.append(attemptEvent('r1', 2, { ...run.outputs[0]!, text: 'retry of a' }));
    await log.append(noteEvent('r1', 'one'));
    await log.append({ schemaVersion: 2, type: 'reveal', runId: 'r1', at });
    await log.append(voteEvent('r1', { ...winnerVote('a'), blind: true, attempts: { a: 2, b: 1 } }));
    await log.append(noteEvent('r1', 'two'));
    await log.append({ schemaVersion: 2, type: 'apply', runId: 'r1', modelId: 'a', attempt: 2, at });
    await log.append({ schemaVersion: 2, type: 'cancel', runId: 'r1', reason: 'user', modelIds: ['b'], at });
    // Lines 11-14 do not fit.
    await log.append(attemptEvent('r1', 1, { ...run.outputs[0]!, modelId: 'zz' }));
    await log.append(voteEvent('r1', winnerVote('zz')));
    await log.append(noteEvent('missing', 'orphan'));
    await log.append({ schemaVersion: 2, type: 'apply', runId: 'r1', modelId: 'zz', attempt: 1, at });
    const { runs, problems } = await log.readAll();
    assert.equal(runs.length, 1);
    const r = runs[0]!;
    assert.deepEqual(r.outputs.map((o) => o.text), ['retry of a', 'answer from b']);
    assert.deepEqual(r.attempts.map((a) => [a.modelId, a.attempt]), [['a', 1], ['b', 1], ['a', 2]]);
    assert.deepEqual(r.notes, ['one', 'two']);
    assert.equal(r.revealedAt, at);
    assert.deepEqual(r.vote?.attempts, { a: 2, b: 1 });
    assert.equal(r.vote?.blind, true);
    assert.deepEqual(r.applied, [{ modelId: 'a', attempt: 2, at }]);
    assert.equal(r.cancelled, undefined, 'one cancelled column does not cancel the run');
    assert.deepEqual(problems.map((p) => p.line), [11, 12, 13, 14]);
    assert.match(problems[0]?.error ?? '', /unknown model 'zz'/);
    assert.match(problems[1]?.error ?? '', /'zz' is not a model/);
    assert.match(problems[2]?.error ?? '', /unknown run 'missing'/);
    assert.match(problems[3]?.error ?? '', /unknown model 'zz'/);
  });

  it('reports a duplicate run-start and keeps the first', async () => {
    const log = new PreferenceLog(join(dir, 'prefs.jsonl'));
    for (const e of asEvents(sampleRun({ id: 'r1', user: 'first' }))) await log.append(e);
    await log.append(asEvents(sampleRun({ id: 'r1', user: 'second' }))[0]!);
    const { runs, problems } = await log.readAll();
    assert.deepEqual(runs.map((r) => r.prompt.user), ['first']);
    assert.deepEqual(problems.map((p) => p.line), [5]);
    assert.match(problems[0]?.error ?? '', /duplicate run id 'r1'/);
  });

  it('rejects an invalid entry with a TypeError and writes nothing', async () => {
    const log = new PreferenceLog(join(dir, 'prefs.jsonl'));
    const bad = { ...sampleRun(), vote: { kind: 'winner', tags: [], votedAt: '2025-06-01T10:05:00.000Z' } } as LogEntry;
    await assert.rejects(log.append(bad), (err: unknown) => err instanceof TypeError && /winner/.test(err.message));
    assert.deepEqual(log.pending(), []);
    await assert.rejects(stat(log.filePath), /ENOENT/);
  });

  it('keeps the record on a write failure and saves it elsewhere on retry', async () => {
    const blocker = join(dir, 'not-a-directory');
    await writeFile(blocker, 'a regular file where a directory should be');
    const log = new PreferenceLog(join(blocker, 'prefs.jsonl'));
    const run = sampleRun({ id: 'precious', vote: winnerVote('b') });

    const error = await log.append(run).then(
      () => assert.fail('append should have failed'),
      (err: unknown) => err,
    );
    assert.ok(error instanceof PreferenceWriteError);
    assert.deepEqual(error.entry, run);
    assert.ok(error.code === 'ENOTDIR' || error.code === 'EEXIST', `code ${error.code}`);
    assert.match(error.message, /not-a-directory/);
    assert.deepEqual(log.pending(), [run]);

    await assert.rejects(log.retryPending(), PreferenceWriteError);
    assert.deepEqual(log.pending(), [run], 'a failed retry keeps the record');

    const elsewhere = join(dir, 'elsewhere', 'prefs.jsonl');
    assert.equal(await log.retryPending(elsewhere), 1);
    assert.deepEqual(log.pending(), []);
    assert.deepEqual((await new PreferenceLog(elsewhere).readAll()).runs, [folded(run)]);
  });

  it('keeps working after a failed write once the path is writable again, writing the kept entries first', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, '');
    const log = new PreferenceLog(join(blocker, 'prefs.jsonl'));
    await assert.rejects(log.append(sampleRun({ id: 'lost' })), PreferenceWriteError);
    await assert.rejects(log.append(sampleRun({ id: 'lost-too' })), PreferenceWriteError);
    assert.deepEqual(log.pending().map((e) => (e.type === 'run' ? e.id : '')), ['lost', 'lost-too']);

    await rm(blocker);
    await log.append(sampleRun({ id: 'fine' }));
    assert.deepEqual(log.pending(), []);
    assert.equal(await log.retryPending(), 0);
    assert.deepEqual((await log.readAll()).runs.map((r) => r.id), ['lost', 'lost-too', 'fine']);
  });
});

describe('secret scrubbing', () => {
  const openaiKey = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
  const anthropicKey = 'sk-ant-api03-Zz9yXx8wVv7uUt6sSr5qQp4oOn3mMl2kKj1';

  it('removes key-like strings from prompt, context and outputs before writing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parallax-prefs-'));
    try {
      const run = sampleRun({
        user: `const client = new OpenAI({ apiKey: "${openaiKey}" });\ncurl -H "Authorization: Bearer abc.DEF-123_xyz"`,
        texts: { a: `Set ANTHROPIC_API_KEY=${anthropicKey} first`, b: 'api_key = "A1b2C3d4E5f6G7h8I9j0K1L2"', c: 'fine' },
      });
      run.context.filePath = `keys/${openaiKey}.env`;
      const log = new PreferenceLog(join(dir, 'prefs.jsonl'));
      await log.append(run);
      const raw = await readFile(log.filePath, 'utf8');
      for (const secret of [openaiKey, anthropicKey, 'abc.DEF-123_xyz', 'A1b2C3d4E5f6G7h8I9j0K1L2']) {
        assert.ok(!raw.includes(secret), `${secret} leaked`);
      }
      const [saved] = (await log.readAll()).runs;
      assert.match(saved?.prompt.user ?? '', /Bearer \[redacted\]/);
      assert.equal(saved?.outputs[0]?.text, 'Set ANTHROPIC_API_KEY=sk-ant-[redacted] first');
      assert.equal(saved?.outputs[1]?.text, 'api_key = "[redacted]"');
      assert.equal(saved?.context.filePath, 'keys/sk-[redacted].env');
      assert.equal(saved?.outputs[2]?.text, 'fine');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves ordinary code alone', () => {
    const code = [
      'interface Options { apiKey: string; token?: string }',
      'const tokenizer = createTokenizerFromConfiguration(options);',
      'const secretName = "DATABASE_PASSWORD_SECRET_NAME";',
      'task-runner --mask sk-learn',
      'The Bearer token goes in a header.',
    ].join('\n');
    assert.equal(scrubSecrets(code), code);
  });

  it('redacts long random values assigned to key-ish names', () => {
    assert.equal(scrubSecrets('GITHUB_TOKEN=ghx1234567890abcdefABCDEF12345'), 'GITHUB_TOKEN=[redacted]');
    assert.equal(scrubSecrets('https://x.test/v1?key=AbC123dEf456GhI789jKl0'), 'https://x.test/v1?key=[redacted]');
    assert.equal(scrubSecrets(`"x-api-key": "${anthropicKey}"`), '"x-api-key": "sk-ant-[redacted]"');
  });
});

describe('searchRuns', () => {
  const runs = [
    sampleRun({ id: 'r1', user: 'Fix the parser crash', models: ['gpt', 'claude'] }),
    sampleRun({ id: 'r2', user: 'Explain the cache', models: ['gpt', 'llama'], note: 'Llama hallucinated an API' }),
    sampleRun({ id: 'r3', user: 'Refactor the Parser', models: ['qwen'], vote: { ...winnerVote('qwen'), note: 'clean diff' } }),
  ].map(folded);

  it('matches prompt, model labels and ids, and notes, case-insensitively, in input order', () => {
    assert.deepEqual(searchRuns(runs, 'parser').map((r) => r.id), ['r1', 'r3']);
    assert.deepEqual(searchRuns(runs, 'CLAUDE').map((r) => r.id), ['r1']);
    assert.deepEqual(searchRuns(runs, 'model-llama').map((r) => r.id), ['r2']);
    assert.deepEqual(searchRuns(runs, 'hallucinated').map((r) => r.id), ['r2']);
    assert.deepEqual(searchRuns(runs, 'clean diff').map((r) => r.id), ['r3']);
  });

  it('needs every word to match; an empty query returns everything', () => {
    assert.deepEqual(searchRuns(runs, 'parser gpt').map((r) => r.id), ['r1']);
    assert.deepEqual(searchRuns(runs, 'parser llama').map((r) => r.id), []);
    assert.deepEqual(searchRuns(runs, '   ').map((r) => r.id), ['r1', 'r2', 'r3']);
  });
});

/**
 * A full disk and a damaged log file never lose a run, a vote or a note.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreferenceLog, PreferenceWriteError } from '../../../src/core/prefs/preferenceLog';
import type { LogEntry } from '../../../src/core/prefs/logEvents';
import { asEvents, noteEvent, sampleRun, voteEvent, winnerVote } from './sampleRuns';

/** Linux's always-full device: every write fails with ENOSPC, a real full disk without filling one. */
const FULL_DEVICE = '/dev/full';

describe('PreferenceLog: bad input and a full disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-badlog-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('on a full disk (ENOSPC) keeps the run, its vote and a note, in order, and saves them all elsewhere', async function () {
    if (!existsSync(FULL_DEVICE)) this.skip();
    const log = new PreferenceLog(FULL_DEVICE);
    const run = sampleRun({ id: 'run-full' });
    const vote: LogEntry = { schemaVersion: 1, type: 'vote', runId: 'run-full', vote: winnerVote('b'), at: '2025-06-01T10:06:00.000Z' };
    const note: LogEntry = { schemaVersion: 1, type: 'note', runId: 'run-full', note: 'b handled the empty list', at: '2025-06-01T10:07:00.000Z' };

    for (const entry of [run, vote, note]) {
      const error = await log.append(entry).then(
        () => assert.fail('a write to a full disk cannot succeed'),
        (err: unknown) => err,
      );
      assert.ok(error instanceof PreferenceWriteError);
      assert.equal(error.code, 'ENOSPC');
      assert.deepEqual(error.entry, entry);
    }
    assert.deepEqual(log.pending(), [run, vote, note]);

    // Retrying on the same full disk keeps everything.
    await assert.rejects(log.retryPending(), (err: unknown) => err instanceof PreferenceWriteError && err.code === 'ENOSPC');
    assert.equal(log.pending().length, 3);

    const elsewhere = join(dir, 'saved', 'prefs.jsonl');
    assert.equal(await log.retryPending(elsewhere), 3);
    assert.deepEqual(log.pending(), []);
    const { runs, problems } = await new PreferenceLog(elsewhere).readAll();
    assert.deepEqual(problems, []);
    assert.equal(runs[0]?.id, 'run-full');
    assert.equal(runs[0]?.vote?.winner, 'b');
    assert.deepEqual(runs[0]?.notes, ['b handled the empty list']);
  });

  it('on a full disk keeps every schema-2 event of a run (start, attempts, vote, notes) and saves them elsewhere', async function () {
    if (!existsSync(FULL_DEVICE)) this.skip();
    const log = new PreferenceLog(FULL_DEVICE);
    const events: LogEntry[] = [
      ...asEvents(sampleRun({ id: 'run-full', models: ['a', 'b'] })),
      voteEvent('run-full', { ...winnerVote('b'), blind: false, attempts: { a: 1, b: 1 } }),
      noteEvent('run-full', 'first note'),
      noteEvent('run-full', 'second note'),
    ];
    for (const entry of events) await assert.rejects(log.append(entry), (err: unknown) => err instanceof PreferenceWriteError && err.code === 'ENOSPC');
    assert.deepEqual(log.pending(), events);
    const elsewhere = join(dir, 'saved', 'prefs.jsonl');
    assert.equal(await log.retryPending(elsewhere), events.length);
    const { runs, problems } = await new PreferenceLog(elsewhere).readAll();
    assert.deepEqual(problems, []);
    assert.deepEqual(runs.map((r) => r.id), ['run-full']);
    assert.equal(runs[0]?.outputs.length, 2);
    assert.equal(runs[0]?.vote?.winner, 'b');
    assert.deepEqual(runs[0]?.notes, ['first note', 'second note']);
  });

  it('skips binary garbage and valid JSON of the wrong shape line by line; every good line still reads, and appends go on', async () => {
    const path = join(dir, 'prefs.jsonl');
    const log = new PreferenceLog(path);
    await log.append(sampleRun({ id: 'first' }));
    await appendFile(path, Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x0a])); // NUL, invalid UTF-8, a lone "{"
    await appendFile(path, '[1,2,3]\nnull\n42\n"text"\n{"type":"run"}\n');
    await log.append(sampleRun({ id: 'second' }));
    await log.append({ schemaVersion: 1, type: 'vote', runId: 'second', vote: winnerVote('a'), at: '2025-06-01T10:06:00.000Z' });

    const before = await readFile(path);
    const { runs, problems } = await log.readAll();
    assert.deepEqual(runs.map((r) => r.id), ['first', 'second']);
    assert.equal(runs[1]?.vote?.winner, 'a');
    assert.deepEqual(problems.map((p) => p.line), [2, 3, 4, 5, 6, 7]);
    assert.match(problems[0]!.error, /not valid JSON/);
    assert.match(problems[1]!.error, /not a valid entry/);
    assert.deepEqual(await readFile(path), before, 'reading never rewrites the file');
  });
});

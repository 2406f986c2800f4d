import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLog } from '../../../src/core/prefs/logFold';
import { mergeTeamRuns, readTeamLogs, runsForSource, teamPeople, teamProblems } from '../../../src/core/prefs/teamLogs';
import { asEvents, logText, sampleRun, winnerVote } from '../prefs/sampleRuns';

const hash = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('team board: reading a folder of logs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-team-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('team board merges files, de-duplicates by run id (my copy wins) and reports corrupt lines per file', async () => {
    const mine = join(dir, 'me.jsonl');
    const shared = sampleRun({ id: 'shared', vote: winnerVote('a') });
    writeFileSync(mine, logText(asEvents(shared)));
    const theirsCopy = { ...shared, vote: winnerVote('c') };
    writeFileSync(join(dir, 'ana.jsonl'), logText([...asEvents(sampleRun({ id: 'ana-1', vote: winnerVote('b') })), ...asEvents(theirsCopy)]));
    const bobRun = asEvents(sampleRun({ id: 'bob-1', vote: winnerVote('c') }));
    const bobStart = { ...bobRun[0], author: 'Bob Builder' };
    writeFileSync(join(dir, 'bob.jsonl'), `${logText([bobStart, ...bobRun.slice(1)])}{not json\n{"schemaVersion":2,"type":"vote"}\n`);
    writeFileSync(join(dir, 'notes.txt'), 'not a log');
    const before = ['ana.jsonl', 'bob.jsonl'].map((f) => hash(join(dir, f)));

    const team = await readTeamLogs(dir, mine);
    assert.deepEqual(team.files.map((f) => [f.file, f.person, f.runs.map((r) => r.id)]), [
      ['ana.jsonl', 'ana', ['ana-1', 'shared']],
      ['bob.jsonl', 'Bob Builder', ['bob-1']],
    ]);
    assert.deepEqual(teamProblems(team).map((p) => [p.file, p.lines]), [['bob.jsonl', 2]]);
    assert.deepEqual(teamPeople(team), ['ana', 'Bob Builder']);

    const own = parseLog(readFileSync(mine, 'utf8')).runs;
    const merged = mergeTeamRuns(own, team);
    assert.deepEqual(merged.runs.map((m) => [m.run.id, m.origin.kind]), [['shared', 'mine'], ['ana-1', 'team'], ['bob-1', 'team']]);
    assert.equal(merged.duplicates, 1);
    assert.equal(merged.runs[0]?.run.vote?.winner, 'a', 'my own copy of a shared run wins');

    assert.deepEqual(runsForSource(own, team, { kind: 'mine' }).map((r) => r.id), ['shared']);
    assert.deepEqual(runsForSource(own, team, { kind: 'team' }).map((r) => r.id), ['shared', 'ana-1', 'bob-1']);
    assert.deepEqual(runsForSource(own, team, { kind: 'person', person: 'ana' }).map((r) => r.id), ['ana-1', 'shared']);
    assert.deepEqual(runsForSource(own, team, { kind: 'person', person: 'Bob Builder' }).map((r) => r.id), ['bob-1']);

    assert.deepEqual(['ana.jsonl', 'bob.jsonl'].map((f) => hash(join(dir, f))), before, 'team files are byte-identical after reading');
  });

  it('a missing folder is an error, not a crash; an empty folder is an empty team', async () => {
    const missing = await readTeamLogs(join(dir, 'nope'));
    assert.ok(missing.error);
    assert.deepEqual(missing.files, []);
    assert.deepEqual(await readTeamLogs(dir), { folder: dir, files: [] });
    assert.deepEqual(mergeTeamRuns([], undefined), { runs: [], duplicates: 0 });
  });
});

import assert from 'node:assert/strict';
import { csvCell, dpoPairsFromRun, fenceFor, runsToCsv, runsToDpoPairs, runsToJson, runToMarkdown } from '../../../src/core/prefs/exports';
import { parseLog } from '../../../src/core/prefs/logFold';
import { searchRuns } from '../../../src/core/prefs/runSearch';
import { asEvents, attemptEvent, folded, logText, noteEvent, sampleRun, tieVote, voteEvent, winnerVote } from './sampleRuns';
import { parseCsv } from './csvReader';

describe('exports', () => {
  describe('Markdown', () => {
    it('chooses a fence longer than any backtick run inside', () => {
      assert.equal(fenceFor('plain'), '```');
      assert.equal(fenceFor('use `x` here'), '```');
      assert.equal(fenceFor('```ts\ncode\n```'), '````');
      assert.equal(fenceFor('a ````` b'), '``````');
    });

    it('renders prompt, answers, metrics, vote and note; answers with fences stay intact', () => {
      const answer = 'Here is the fix:\n```ts\nfor (let i = 0; i < n; i++) {}\n```\n';
      const run = folded(sampleRun({
        vote: { ...winnerVote('b', ['b', 'a', 'c']), tags: ['correct', 'concise'], note: 'B kept the API' },
        texts: { b: answer },
        outputs: { c: { state: 'error', text: '', error: 'rate limited', metrics: { tokensEstimated: false } } },
      }));
      run.models[0] = { ...run.models[0]!, label: 'A | pipes' };
      const md = runToMarkdown(run);
      assert.match(md, /^# Parallax run: fix \(typescript\)/);
      assert.ok(md.includes('````markdown\nHere is the fix:\n```ts\nfor (let i = 0; i < n; i++) {}\n```\n````'), md);
      assert.ok(md.includes('```\nFix the off-by-one in loop()\n```'));
      assert.match(md, /\| A \\\| pipes \| done \| 100 ms \| 1000 ms \|/);
      assert.match(md, /\| C \| error \| — \|.*\| unknown \|/);
      assert.match(md, /_State: error: rate limited_/);
      assert.match(md, /Winner: \*\*B\*\*/);
      assert.ok(md.includes('- Ranking: B > A | pipes > C\n'));
      assert.match(md, /Tags: correct, concise/);
      assert.match(md, /## Note\n\nB kept the API\n$/);
      assert.match(md, /File: `src\/loop.ts`, lines 4–10/);
    });
  });

  describe('CSV', () => {
    it('quotes per RFC 4180 and guards against formula injection', () => {
      assert.equal(csvCell('plain'), 'plain');
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('two\nlines'), '"two\nlines"');
      assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
      for (const lead of ['=', '+', '-', '@']) assert.equal(csvCell(`${lead}1+1`), `'${lead}1+1`);
      assert.equal(csvCell(3.5), '3.5');
      assert.equal(csvCell(false), 'false');
      assert.equal(csvCell(undefined), '');
    });

    it('writes a header and one row per model per run that round-trips through a CSV reader', () => {
      const runs = [
        sampleRun({ id: 'r1', vote: winnerVote('a'), texts: { a: 'line 1\nline "2", done', b: '=cmd|calc' } }),
        sampleRun({ id: 'r2', models: ['a', 'b'], note: '@mention' }),
      ].map(folded);
      const csv = runsToCsv(runs);
      assert.ok(csv.endsWith('\r\n'));
      const rows = parseCsv(csv);
      assert.equal(rows.length, 1 + 3 + 2);
      const header = rows[0] ?? [];
      const col = (name: string): number => header.indexOf(name);
      assert.ok(col('answer') >= 0 && col('isWinner') >= 0);
      assert.ok(rows.every((r) => r.length === header.length));
      const [, a1, b1] = rows;
      assert.equal(a1?.[col('runId')], 'r1');
      assert.equal(a1?.[col('answer')], 'line 1\nline "2", done');
      assert.equal(a1?.[col('isWinner')], 'true');
      assert.equal(b1?.[col('isWinner')], 'false');
      assert.equal(b1?.[col('answer')], "'=cmd|calc");
      assert.equal(rows[4]?.[col('note')], "'@mention");
      assert.equal(rows[4]?.[col('voteKind')], '');
      assert.equal(a1?.[col('ttftMs')], '100');
    });
  });

  it('JSON keeps the runs as they are', () => {
    const runs = [folded(sampleRun({ vote: winnerVote('c') }))];
    assert.deepEqual(JSON.parse(runsToJson(runs)), runs);
  });

  describe('DPO pairs', () => {
    it('pairs the winner with every other usable column', () => {
      const run = folded(sampleRun({
        models: ['a', 'b', 'c', 'd'],
        vote: winnerVote('b'),
        outputs: { d: { state: 'timed-out' } },
        texts: { c: '   ' },
      }));
      const pairs = dpoPairsFromRun(run);
      assert.deepEqual(
        pairs.map((p) => [p.chosen, p.rejected, p.meta.source]),
        [['answer from b', 'answer from a', 'winner']],
      );
      assert.equal(pairs[0]?.prompt, 'Fix the off-by-one in loop()');
      assert.equal(pairs[0]?.meta.chosenModel, 'openai:model-b:b');
      assert.equal(pairs[0]?.meta.system, 'You are a careful engineer.');
    });

    it('uses every order a ranking implies', () => {
      const run = folded(sampleRun({ models: ['a', 'b', 'c', 'd'], vote: winnerVote('c', ['c', 'a', 'b']) }));
      assert.deepEqual(
        dpoPairsFromRun(run).map((p) => [p.meta.chosenModel.slice(-1), p.meta.rejectedModel.slice(-1), p.meta.source]),
        [['c', 'a', 'ranking'], ['c', 'b', 'ranking'], ['a', 'b', 'ranking'], ['c', 'd', 'winner']],
      );
    });

    it('gives nothing for ties, all-bad or unvoted runs, and writes JSONL', () => {
      assert.deepEqual(dpoPairsFromRun(folded(sampleRun({ vote: tieVote('tie') }))), []);
      assert.deepEqual(dpoPairsFromRun(folded(sampleRun({ vote: tieVote('all-bad') }))), []);
      assert.deepEqual(dpoPairsFromRun(folded(sampleRun())), []);
      const jsonl = runsToDpoPairs([folded(sampleRun({ vote: winnerVote('a') })), folded(sampleRun({ vote: tieVote() }))]);
      const lines = jsonl.trimEnd().split('\n');
      assert.equal(lines.length, 2);
      for (const line of lines) assert.deepEqual(Object.keys(JSON.parse(line) as object), ['prompt', 'chosen', 'rejected', 'meta']);
    });
  });
  describe('read from the event log', () => {
    const base = sampleRun({ id: 'r1', models: ['a', 'b'], vote: { ...winnerVote('a'), note: 'vote note' } });

    it('keeps every standalone note through a read: history search, CSV and Markdown all see them', () => {
      const log = parseLog(logText([...asEvents(base), noteEvent('r1', 'first thought'), noteEvent('r1', 'zebra second'), noteEvent('r1', 'third, later')]));
      assert.deepEqual(log.problems, []);
      const run = log.runs[0]!;
      assert.deepEqual(run.notes, ['first thought', 'zebra second', 'third, later']);
      for (const word of ['first', 'zebra', 'third', 'vote note']) assert.equal(searchRuns(log.runs, word).length, 1, word);
      const rows = parseCsv(runsToCsv(log.runs));
      const note = rows[0]!.indexOf('note');
      assert.equal(rows[1]?.[note], 'vote note\nfirst thought\nzebra second\nthird, later');
      const md = runToMarkdown(run);
      assert.ok(md.endsWith('## Note\n\nvote note\n\nfirst thought\n\nzebra second\n\nthird, later\n'), md);
    });

    it('keeps every note of a schema-1 log too', () => {
      const at = '2025-06-01T11:00:00.000Z';
      const log = parseLog(logText([sampleRun({ id: 'r1', note: 'one' }), { schemaVersion: 1, type: 'note', runId: 'r1', note: 'two', at }, { schemaVersion: 1, type: 'note', runId: 'r1', note: 'three', at }]));
      assert.deepEqual(log.problems, []);
      assert.deepEqual(log.runs[0]?.notes, ['one', 'two', 'three']);
      assert.equal(searchRuns(log.runs, 'three').length, 1);
      assert.match(runToMarkdown(log.runs[0]), /one\n\ntwo\n\nthree\n$/);
    });

    it("a retry's attempt replaces attempt 1 in outputs, and attempts keeps both", () => {
      const retried = { ...base.outputs[1]!, text: 'better answer from b' };
      const log = parseLog(logText([...asEvents({ ...base, vote: undefined }), attemptEvent('r1', 2, retried)]));
      assert.deepEqual(log.problems, []);
      const run = log.runs[0]!;
      assert.deepEqual(run.outputs.map((o) => [o.modelId, o.text]), [['a', 'answer from a'], ['b', 'better answer from b']]);
      assert.deepEqual(run.attempts.map((a) => [a.modelId, a.attempt, a.text]), [
        ['a', 1, 'answer from a'],
        ['b', 1, 'answer from b'],
        ['b', 2, 'better answer from b'],
      ]);
    });

    it("the vote's attempts pointer picks the answer that was on screen for the DPO pair", () => {
      const events = asEvents({ ...base, vote: undefined });
      const retried = { ...base.outputs[1]!, text: 'retried answer from b' };
      // Voted while attempt 1 of b was on screen; the retry ended after the vote.
      const voted = parseLog(logText([...events, voteEvent('r1', { ...winnerVote('a'), attempts: { a: 1, b: 1 } }), attemptEvent('r1', 2, retried)])).runs[0]!;
      assert.equal(voted.outputs[1]?.text, 'retried answer from b', 'the column shows the retry');
      assert.deepEqual(dpoPairsFromRun(voted).map((p) => [p.chosen, p.rejected]), [['answer from a', 'answer from b']]);
      assert.match(runsToCsv([voted]), /answer from b/);
      assert.doesNotMatch(runsToCsv([voted]), /retried answer/);
      // Voted on the retry: the retry is the rejected answer.
      const onRetry = parseLog(logText([...events, attemptEvent('r1', 2, retried), voteEvent('r1', { ...winnerVote('a'), attempts: { a: 1, b: 2 } })])).runs[0]!;
      assert.deepEqual(dpoPairsFromRun(onRetry).map((p) => [p.chosen, p.rejected]), [['answer from a', 'retried answer from b']]);
      // A vote that does not say (schema 1) is about the latest answers.
      const unsaid = parseLog(logText([...events, attemptEvent('r1', 2, retried), voteEvent('r1', winnerVote('a'))])).runs[0]!;
      assert.deepEqual(dpoPairsFromRun(unsaid).map((p) => p.rejected), ['retried answer from b']);
    });

    it('Markdown makes a provider error inert: no image, link or HTML', () => {
      const run = folded(sampleRun({
        models: ['a', 'b'],
        outputs: { b: { state: 'error', text: '', error: '![x](https://evil/x.png) <img src=x onerror=alert(1)> [click](https://evil)' } },
      }));
      const md = runToMarkdown(run);
      const line = md.split('\n').find((l) => l.startsWith('_State: error:'));
      assert.ok(line, md);
      assert.ok(line.includes('\\!\\[x\\]\\(https://evil/x.png\\)'), line);
      assert.doesNotMatch(md, /!\[x\]\(/);
      assert.doesNotMatch(md, /(^|[^\\])<img/);
      assert.doesNotMatch(md, /(^|[^\\])\[click\]\(/);
    });
  });
});

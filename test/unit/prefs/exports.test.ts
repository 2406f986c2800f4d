import assert from 'node:assert/strict';
import { csvCell, dpoPairsFromRun, fenceFor, runsToCsv, runsToDpoPairs, runsToJson, runToMarkdown } from '../../../src/core/prefs/exports';
import { sampleRun, tieVote, winnerVote } from './sampleRuns';

/** Minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

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
      const run = sampleRun({
        vote: { ...winnerVote('b', ['b', 'a', 'c']), tags: ['correct', 'concise'], note: 'B kept the API' },
        texts: { b: answer },
        outputs: { c: { state: 'error', text: '', error: 'rate limited', metrics: { tokensEstimated: false } } },
      });
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
      ];
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
    const runs = [sampleRun({ vote: winnerVote('c') })];
    assert.deepEqual(JSON.parse(runsToJson(runs)), runs);
  });

  describe('DPO pairs', () => {
    it('pairs the winner with every other usable column', () => {
      const run = sampleRun({
        models: ['a', 'b', 'c', 'd'],
        vote: winnerVote('b'),
        outputs: { d: { state: 'timed-out' } },
        texts: { c: '   ' },
      });
      const pairs = dpoPairsFromRun(run);
      assert.deepEqual(
        pairs.map((p) => [p.chosen, p.rejected, p.meta.source]),
        [['answer from b', 'answer from a', 'winner']],
      );
      assert.equal(pairs[0]?.prompt, 'Fix the off-by-one in loop()');
      assert.equal(pairs[0]?.meta.chosenModel, 'openai:model-b:B');
      assert.equal(pairs[0]?.meta.system, 'You are a careful engineer.');
    });

    it('uses every order a ranking implies', () => {
      const run = sampleRun({ models: ['a', 'b', 'c', 'd'], vote: winnerVote('c', ['c', 'a', 'b']) });
      assert.deepEqual(
        dpoPairsFromRun(run).map((p) => [p.meta.chosenModel.slice(-1), p.meta.rejectedModel.slice(-1), p.meta.source]),
        [['C', 'A', 'ranking'], ['C', 'B', 'ranking'], ['A', 'B', 'ranking'], ['C', 'D', 'winner']],
      );
    });

    it('gives nothing for ties, all-bad or unvoted runs, and writes JSONL', () => {
      assert.deepEqual(dpoPairsFromRun(sampleRun({ vote: tieVote('tie') })), []);
      assert.deepEqual(dpoPairsFromRun(sampleRun({ vote: tieVote('all-bad') })), []);
      assert.deepEqual(dpoPairsFromRun(sampleRun()), []);
      const jsonl = runsToDpoPairs([sampleRun({ vote: winnerVote('a') }), sampleRun({ vote: tieVote() })]);
      const lines = jsonl.trimEnd().split('\n');
      assert.equal(lines.length, 2);
      for (const line of lines) assert.deepEqual(Object.keys(JSON.parse(line)), ['prompt', 'chosen', 'rejected', 'meta']);
    });
  });
});

import assert from 'node:assert/strict';
import { claudeCodeStreamParser, MAX_AGENT_EVENTS, MAX_LINE_CHARS, plainTextParser } from '../../../src/core/agents/agentEvents';
import { feed, ofType } from './streamFixtures';

describe('agent stream lines: splitting and bounds', () => {
  it('plain text: each non-empty line is a message, whatever the chunking, CRLF and ANSI colours removed', () => {
    const text = 'Applied edit to src/pagination.js\r\n\n\u001b[32mTests pass\u001b[0m\nlast line without newline';
    const expected = ['Applied edit to src/pagination.js', 'Tests pass', 'last line without newline'];
    for (const size of [1, 5, text.length]) {
      const events = feed(plainTextParser(), text, size);
      assert.deepEqual(events, expected.map((t) => ({ type: 'message', text: t })), `chunks of ${size}`);
    }
  });

  it('plain text: no result of its own (the runner decides from the exit code)', () => {
    assert.deepEqual(feed(plainTextParser(), ''), []);
  });

  it('drops a line over 1 MB as one capped malformed event and reads the next line normally', () => {
    const huge = `{"type":"assistant","message":{"id":"m","content":[{"type":"text","text":"${'y'.repeat(MAX_LINE_CHARS + 10)}"}]}}`;
    const next = '{"type":"assistant","message":{"id":"n","content":[{"type":"text","text":"after"}]}}';
    for (const size of [64 * 1024, huge.length + next.length + 2]) {
      const events = feed(claudeCodeStreamParser(), `${huge}\n${next}\n`, size);
      const bad = ofType(events, 'malformed');
      assert.equal(bad.length, 1, `chunks of ${size}`);
      assert.ok((bad[0]?.line.length ?? 0) <= 200);
      assert.match(bad[0]?.line ?? '', /dropped/);
      assert.deepEqual(ofType(events, 'message').map((m) => m.text), ['after']);
    }
  });

  it('drops an endless unterminated line without holding it in memory', () => {
    const parser = plainTextParser();
    const events = [];
    for (let i = 0; i < 5; i++) events.push(...parser.push('z'.repeat(MAX_LINE_CHARS / 2)));
    events.push(...parser.end());
    assert.equal(ofType(events, 'malformed').length, 1);
    assert.equal(ofType(events, 'message').length, 0);
  });

  it('caps the events of a run but still lets the result through', () => {
    const lines = Array.from({ length: MAX_AGENT_EVENTS + 50 }, (_, i) => `line ${i}`).join('\n');
    const events = feed(plainTextParser(), lines);
    assert.equal(ofType(events, 'message').length, MAX_AGENT_EVENTS);
    assert.equal(ofType(events, 'malformed').length, 1);
    const claude = claudeCodeStreamParser();
    const flood = Array.from({ length: MAX_AGENT_EVENTS }, (_, i) => `{"type":"assistant","message":{"id":"m${i}","content":[]}}`).join('\n');
    const all = feed(claude, `${flood}\n{"type":"result","subtype":"success","is_error":false,"result":"ok"}\n`);
    assert.deepEqual(all.at(-1), { type: 'result', ok: true, text: 'ok' });
  });
});

import assert from 'node:assert/strict';
import { claudeCodeStreamParser } from '../../../src/core/agents/agentEvents';
import { agentStream, feed, ofType } from './streamFixtures';

const FINAL = "Fixed paginate(): slice's end index is exclusive, so end is start + pageSize.";

describe('Claude Code stream-json parser', () => {
  it('reads a recorded successful run: init, turns, tool calls as people say them, the final message, usage and cost', () => {
    const events = feed(claudeCodeStreamParser(), agentStream('claude-code-success.jsonl'));
    assert.deepEqual(events[0], { type: 'init', model: 'claude-sonnet-4-5', sessionId: (events[0] as { sessionId: string }).sessionId });
    assert.match((events[0] as { sessionId: string }).sessionId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(ofType(events, 'turn').map((t) => t.index), [0, 1, 2, 3]);
    assert.deepEqual(ofType(events, 'tool').map((t) => [t.name, t.summary]), [
      ['Read', 'read src/pagination.js'],
      ['Edit', 'edited src/pagination.js'],
      ['Bash', 'ran npm test'],
    ]);
    assert.match(ofType(events, 'tool')[1]?.detail ?? '', /"new_string":" {2}const end = start \+ pageSize;"/);
    assert.deepEqual(ofType(events, 'message').map((m) => m.text), ['The end index is off by one.', FINAL]);
    const [usage] = ofType(events, 'usage');
    assert.equal(usage?.estimated, false);
    assert.ok((usage?.inputTokens ?? 0) > 1000 && (usage?.outputTokens ?? 0) > 0, JSON.stringify(usage));
    assert.ok((usage?.costUsd ?? 0) > 0, 'Claude Code reports its cost');
    const result = events.at(-1);
    assert.equal(result?.type, 'result');
    assert.ok(result?.type === 'result' && result.ok && result.text === FINAL && (result.durationMs ?? 0) > 0, JSON.stringify(result));
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const text = agentStream('claude-code-success.jsonl');
    const whole = feed(claudeCodeStreamParser(), text);
    for (const size of [1, 7, 100, 4096]) assert.deepEqual(feed(claudeCodeStreamParser(), text, size), whole, `chunks of ${size}`);
  });

  it('reads a recorded failed run as a result that is not ok, with the error text', () => {
    const events = feed(claudeCodeStreamParser(), agentStream('claude-code-error.jsonl'));
    const result = events.at(-1);
    assert.ok(result?.type === 'result' && !result.ok, JSON.stringify(result));
    assert.match(result.text ?? '', /Prompt is too long/);
    assert.equal(ofType(events, 'tool').length, 0);
  });

  it('closes a run that ends without a result line (killed, or hung and stopped) as not ok', () => {
    const lines = agentStream('claude-code-success.jsonl').split('\n').filter((l) => l !== '');
    const cut = `${lines.slice(0, 3).join('\n')}\n`;
    const events = feed(claudeCodeStreamParser(), cut);
    assert.deepEqual(events.at(-1), { type: 'result', ok: false, text: 'Claude Code ended without a result.' });
    assert.equal(ofType(events, 'result').length, 1);
  });

  it('parses a last line that has no newline at the end', () => {
    const text = agentStream('claude-code-success.jsonl').trimEnd();
    const events = feed(claudeCodeStreamParser(), text);
    assert.equal(ofType(events, 'result')[0]?.ok, true);
    assert.equal(ofType(events, 'result').length, 1);
  });

  it('reports lines that are not JSON objects as malformed, capped, and keeps going', () => {
    const long = `oops ${'x'.repeat(500)}`;
    const text = [
      'Warning: something printed to stdout',
      long,
      '[1,2]',
      '{"no":"type"}',
      '{"type":"assistant","message":{"id":"m1","content":[{"type":"text","text":"still here"}]}}',
      '{"type":"future_event","x":1}',
      '{"type":"result","subtype":"error_max_turns","is_error":true,"duration_ms":5}',
    ].join('\n');
    const events = feed(claudeCodeStreamParser(), text);
    const bad = ofType(events, 'malformed');
    assert.deepEqual(bad.map((m) => m.line.slice(0, 10)), ['Warning: s', 'oops xxxxx', '[1,2]', '{"no":"typ']);
    assert.ok(bad.every((m) => m.line.length <= 200));
    assert.deepEqual(ofType(events, 'message').map((m) => m.text), ['still here']);
    assert.deepEqual(events.at(-1), { type: 'result', ok: false, text: 'error_max_turns', durationMs: 5 });
  });

  it('counts one turn per API message even when Claude Code prints its blocks on separate lines', () => {
    const text = [
      '{"type":"assistant","message":{"id":"a","content":[{"type":"text","text":"one"}]}}',
      '{"type":"assistant","message":{"id":"a","content":[{"type":"tool_use","name":"Write","input":{"file_path":"/elsewhere/notes.md","content":"x"}}]}}',
      '{"type":"assistant","message":{"id":"b","content":[{"type":"tool_use","name":"Grep","input":{"pattern":"TODO"}}]}}',
    ].join('\n');
    const events = feed(claudeCodeStreamParser(), text);
    assert.deepEqual(ofType(events, 'turn').map((t) => t.index), [0, 1]);
    // No init line: paths stay as given.
    assert.deepEqual(ofType(events, 'tool').map((t) => t.summary), ['wrote /elsewhere/notes.md', 'searched for TODO']);
  });
});

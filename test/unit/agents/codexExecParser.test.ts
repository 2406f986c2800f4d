import assert from 'node:assert/strict';
import { codexExecParser } from '../../../src/core/agents/agentEvents';
import { unwrapShell } from '../../../src/core/agents/codexExecParser';
import { agentStream, feed, FIXTURE_CWD, ofType } from './streamFixtures';

const FINAL = "Fixed paginate(): slice's end index is exclusive, so end is start + pageSize.";

describe('Codex exec --json parser', () => {
  it('reads a recorded successful run: the thread, its turn, the patch and the test run, the final message and tokens', () => {
    const events = feed(codexExecParser({ cwd: FIXTURE_CWD, model: 'gpt-5.5' }), agentStream('codex-success.jsonl'));
    assert.equal(events[0]?.type, 'init');
    assert.ok(events[0]?.type === 'init' && events[0].model === 'gpt-5.5' && /^[0-9a-f-]{36}$/.test(events[0].sessionId ?? ''));
    assert.deepEqual(ofType(events, 'turn').map((t) => t.index), [0]);
    assert.deepEqual(ofType(events, 'tool').map((t) => [t.name, t.summary]), [
      ['apply_patch', 'edited src/pagination.js'],
      ['shell', 'ran npm test'],
    ]);
    assert.match(ofType(events, 'tool')[1]?.detail ?? '', /^exit 0\n[\s\S]*node --test/);
    assert.deepEqual(ofType(events, 'message').map((m) => m.text), ['The end index is off by one.', FINAL]);
    const [usage] = ofType(events, 'usage');
    assert.ok(usage && usage.estimated === false && (usage.inputTokens ?? 0) > 1000 && (usage.outputTokens ?? 0) > 0 && usage.costUsd === undefined);
    assert.deepEqual(events.at(-1), { type: 'result', ok: true, text: FINAL });
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const text = agentStream('codex-success.jsonl');
    const whole = feed(codexExecParser({ cwd: FIXTURE_CWD }), text);
    for (const size of [1, 13, 512]) assert.deepEqual(feed(codexExecParser({ cwd: FIXTURE_CWD }), text, size), whole, `chunks of ${size}`);
  });

  it('shows absolute paths when it is not told the checkout', () => {
    const events = feed(codexExecParser(), agentStream('codex-unknown-model.jsonl'));
    assert.deepEqual(ofType(events, 'tool').map((t) => t.summary), [`edited ${FIXTURE_CWD}/src/pagination.js`]);
    assert.equal(ofType(events, 'result')[0]?.ok, true);
    assert.equal(ofType(events, 'malformed').length, 0, 'the model-metadata warning item is not malformed');
  });

  it('reads a recorded failed turn (the API refused the key) as a result that is not ok, with the reason', () => {
    const events = feed(codexExecParser(), agentStream('codex-error.jsonl'));
    assert.equal(ofType(events, 'result').length, 1);
    const result = events.at(-1);
    assert.ok(result?.type === 'result' && !result.ok && /401 Unauthorized/.test(result.text ?? ''), JSON.stringify(result));
    assert.equal(ofType(events, 'message').length, 0, 'reconnect notices are not assistant messages');
  });

  it('closes a run that stops before its turn ends (killed or hung) as not ok, with the last error seen', () => {
    const lines = agentStream('codex-error.jsonl').split('\n').filter((l) => l !== '');
    const cut = lines.filter((l) => !l.includes('turn.failed')).join('\n');
    const events = feed(codexExecParser(), cut);
    const result = events.at(-1);
    assert.ok(result?.type === 'result' && !result.ok && /401/.test(result.text ?? ''), JSON.stringify(result));
    const bare = feed(codexExecParser(), '{"type":"thread.started","thread_id":"t"}\n{"type":"turn.started"}\n');
    assert.deepEqual(bare.at(-1), { type: 'result', ok: false, text: 'Codex ended without finishing its turn.' });
  });

  it('reports malformed lines and sums up created and deleted files, MCP calls and searches', () => {
    const text = [
      'not json at all',
      '{"type":"item.completed","item":{"type":"file_change","changes":[{"path":"/w/a.js","kind":"add"},{"path":"/w/b.js","kind":"delete"}]}}',
      '{"type":"item.completed","item":{"type":"mcp_tool_call","server":"docs","tool":"lookup"}}',
      '{"type":"item.completed","item":{"type":"web_search","query":"slice end index"}}',
      '{"type":"item.completed","item":{"type":"reasoning","text":"thinking"}}',
      '{"type":"turn.completed","usage":{"input_tokens":10,"output_tokens":2}}',
    ].join('\n');
    const events = feed(codexExecParser({ cwd: '/w' }), text);
    assert.deepEqual(ofType(events, 'malformed').map((m) => m.line), ['not json at all']);
    assert.deepEqual(ofType(events, 'tool').map((t) => t.summary), ['created a.js', 'deleted b.js', 'called docs.lookup', 'searched the web for slice end index']);
    assert.deepEqual(ofType(events, 'usage'), [{ type: 'usage', inputTokens: 10, outputTokens: 2, estimated: false }]);
    assert.deepEqual(events.at(-1), { type: 'result', ok: true });
  });

  it('shows the command the model ran, not its shell wrapper', () => {
    assert.equal(unwrapShell("/bin/bash -lc 'npm test'"), 'npm test');
    assert.equal(unwrapShell(`bash -lc 'echo '\\''hi'\\'''`), "echo 'hi'");
    assert.equal(unwrapShell('/usr/bin/zsh -c "ls -la"'), 'ls -la');
    assert.equal(unwrapShell('npm test'), 'npm test');
  });
});

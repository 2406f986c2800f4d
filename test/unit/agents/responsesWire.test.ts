import assert from 'node:assert/strict';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';

/** The SSE events of a body: [event name, parsed data]. */
function sseEvents(text: string): [string, Record<string, unknown>][] {
  return text
    .split('\n\n')
    .filter((f) => f.trim() !== '')
    .map((frame) => {
      const name = /^event: (.+)$/m.exec(frame)?.[1] ?? '';
      const data = /^data: (.+)$/m.exec(frame)?.[1] ?? 'null';
      return [name, JSON.parse(data) as Record<string, unknown>];
    });
}

describe('fake Responses API (POST /v1/responses)', () => {
  let fakes: FakeProviders;
  before(async () => {
    fakes = await startFakeProviders({
      apiKey: 'k',
      scripts: {
        plain: { text: 'hello there world', usage: { input: 7, output: 3 } },
        agent: { agentTurns: [{ shell: 'npm test' }, { text: 'all done' }] },
      },
    });
  });
  after(() => fakes.close());

  const post = (body: unknown, key = 'k'): Promise<Response> =>
    fetch(`${fakes.openaiBaseUrl}/responses`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('streams a plain answer as created, text deltas, item done and completed with usage, numbered in order', async () => {
    const events = sseEvents(await (await post({ model: 'plain', stream: true, input: 'hi' })).text());
    const names = events.map(([n]) => n);
    assert.equal(names[0], 'response.created');
    assert.equal(names.at(-1), 'response.completed');
    assert.deepEqual(events.map(([, d]) => d.sequence_number), events.map((_, i) => i));
    const text = events.filter(([n]) => n === 'response.output_text.delta').map(([, d]) => d.delta as string).join('');
    assert.equal(text, 'hello there world');
    const completed = events.at(-1)?.[1].response as { status: string; usage: { input_tokens: number; output_tokens: number }; output: { type: string }[] };
    assert.equal(completed.status, 'completed');
    assert.deepEqual([completed.usage.input_tokens, completed.usage.output_tokens], [7, 3]);
    assert.deepEqual(completed.output.map((o) => o.type), ['message']);
  });

  it('answers stream: false with the whole completed response', async () => {
    const body = (await (await post({ model: 'plain', input: 'hi' })).json()) as { object: string; output: { content: { text: string }[] }[] };
    assert.equal(body.object, 'response');
    assert.equal(body.output[0]?.content[0]?.text, 'hello there world');
  });

  it('answers an agent turn by turn: the shell call first, the final text once the conversation holds it', async () => {
    const tools = [{ type: 'function', name: 'exec_command', parameters: {} }];
    const first = sseEvents(await (await post({ model: 'agent', stream: true, tools, input: [] })).text());
    const call = (first.at(-1)?.[1].response as { output: { type: string; name: string; arguments: string; call_id: string }[] }).output[0];
    assert.equal(call?.type, 'function_call');
    assert.equal(call?.name, 'exec_command');
    assert.deepEqual(JSON.parse(call?.arguments ?? '{}'), { cmd: 'npm test' });
    const input = [{ ...call }, { type: 'function_call_output', call_id: call?.call_id, output: 'ok' }];
    const second = sseEvents(await (await post({ model: 'agent', stream: true, tools, input })).text());
    const done = second.at(-1)?.[1].response as { output: { type: string; content: { text: string }[] }[] };
    assert.deepEqual(done.output.map((o) => o.type), ['message']);
    assert.equal(done.output[0]?.content[0]?.text, 'all done');
  });

  it('refuses a wrong key with the OpenAI error body', async () => {
    const res = await post({ model: 'plain', stream: true }, 'wrong');
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
  });
});

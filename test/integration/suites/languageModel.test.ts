import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StreamEvent } from '../../../src/core/providers/provider';
import { LanguageModelProvider } from '../../../src/host/run/languageModelProvider';
import { ECHO_FAMILY, ECHO_VENDOR, echoAnswer } from '../companion/src/echoLanguageModel';

/** These tests fail, never skip, when the model they need is missing: a suite that passes without them proves nothing. */
const NO_ECHO_MODEL = 'the echo model is not registered: the proposed chatProvider API is unavailable in this VS Code';

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('vscode.lm adapter against a registered test model', () => {
  it('the companion echo model is selectable and streams its answer', async () => {
    const [model] = await vscode.lm.selectChatModels({ vendor: ECHO_VENDOR, family: ECHO_FAMILY });
    assert.ok(model, NO_ECHO_MODEL);
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('ping')], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.equal(text, echoAnswer('ping'));
  });

  it("Parallax's LanguageModelProvider streams text, reports input tokens and ends with done", async () => {
    assert.ok((await vscode.lm.selectChatModels({ vendor: ECHO_VENDOR })).length > 0, NO_ECHO_MODEL);
    const provider = new LanguageModelProvider({ vendor: ECHO_VENDOR, family: ECHO_FAMILY });
    const events = await collect(
      provider.stream({ model: 'echo', system: 'You fix bugs.', messages: [{ role: 'user', content: 'fix the off-by-one' }] }, new AbortController().signal),
    );
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    assert.equal(text, echoAnswer('fix the off-by-one'));
    assert.ok(events.filter((e) => e.type === 'text').length > 1, 'streamed in several chunks');
    const usage = events.find((e) => e.type === 'usage');
    assert.ok(usage && usage.type === 'usage' && (usage.inputTokens ?? 0) > 0, 'input tokens counted');
    assert.deepEqual(events.at(-1), { type: 'done', finishReason: 'stop' });
  });

  it('a selector that matches no model ends with a not-found error', async () => {
    const provider = new LanguageModelProvider({ vendor: 'no-such-vendor' });
    const events = await collect(provider.stream({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }, new AbortController().signal));
    const last = events.at(-1);
    assert.equal(last?.type, 'error');
    assert.equal(last?.type === 'error' ? last.kind : undefined, 'not-found');
  });
});

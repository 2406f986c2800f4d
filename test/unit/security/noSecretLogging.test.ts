/**
 * Nothing under src/ logs a key, headers or a prompt: a static check of every log call's arguments (the code in
 * them, not the wording of the message). It is tested against bad examples below, so it can really fail.
 */
import assert from 'node:assert/strict';
import { codeOnly, findCalls, sourceFiles } from './sourceScan';

/** Output channel, logger and console calls. */
const LOG_CALL = /\b(?:log|output|logger|channel|console)\s*\.\s*(?:trace|debug|info|warn|error|log|appendLine|append)/;

/**
 * What a log call must not refer to: keys and anything that holds one (headers, config objects serialised
 * whole), and what the user sends or receives (prompt parts, messages, answers).
 */
const FORBIDDEN_IN_LOG =
  /\b(?:apiKey|key|keys|secret|secrets|password|token|headers|authorization|instruction)\b|\bprompt\s*\.\s*(?:user|system)\b|\.\s*(?:messages|content|text|reasoning)\b|JSON\s*\.\s*stringify\s*\(/;

function offendingLogCalls(text: string): string[] {
  return findCalls(text, LOG_CALL)
    .filter((call) => FORBIDDEN_IN_LOG.test(codeOnly(call.args)))
    .map((call) => `line ${call.line}: ${call.callee}(${call.args.replace(/\s+/g, ' ').slice(0, 120)})`);
}

describe('security: no log call carries a key, headers or a prompt', () => {
  it('the check flags logging a key, headers, a serialised config, prompt or answer text', () => {
    const bad = [
      'log.info(`Using key ${apiKey}`);',
      "this.s.log.debug('headers', config.headers);",
      'console.log(JSON.stringify(config));',
      'this.output.trace(`prompt: ${prepared.prompt.user}`);',
      'log.warn(`answer was ${outcome.text}`);',
      'log.error(`${resolved.key} failed`);',
    ];
    for (const line of bad) assert.equal(offendingLogCalls(line).length, 1, line);
  });

  it('the check lets plain wording and harmless values through', () => {
    const fine = [
      "log.info('Saved the API key for openai (headers unchanged)');",
      'this.s.log.info(`Run ${runId}: ${event.outcome.modelId} ended ${event.outcome.state}`);',
      'log.warn(`Settings: ${problem.message}`);',
      "this.s.log.info(`request ${prepared.prompt.requestHash.slice(0, 12)}`);",
    ];
    for (const line of fine) assert.deepEqual(offendingLogCalls(line), [], line);
  });

  it('finds the log calls in src/ (so the scan is looking at real code)', () => {
    const calls = sourceFiles('src').flatMap((f) => findCalls(f.text, LOG_CALL));
    assert.ok(calls.length >= 10, `found ${calls.length} log calls`);
  });

  it('no file under src/ logs a key, headers, a serialised object, or prompt/answer text', () => {
    const offenders = sourceFiles('src').flatMap((f) => offendingLogCalls(f.text).map((o) => `${f.path} ${o}`));
    assert.deepEqual(offenders, []);
  });
});

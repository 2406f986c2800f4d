import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '../../../src/core/agents/agentEvents';
import { runAgentProcess } from '../../../src/core/agents/agentProcess';
import { isAlive } from '../../../src/core/verify/checkoutRoot';
import { eventually, FAKE_AGENT, jsonLinesParser } from './jsonLinesParser';

describe('agent process: events, exit codes, hangs, cancel and the whole tree', function () {
  if (process.platform === 'win32') return;
  let dir: string;
  const env = { PATH: process.env.PATH ?? '' };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-agent-proc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (mode: string, extra: Partial<Parameters<typeof runAgentProcess>[0]> = {}, arg?: string) => {
    const events: AgentEvent[] = [];
    const done = runAgentProcess({
      program: process.execPath,
      args: [FAKE_AGENT, mode, ...(arg ? [arg] : [])],
      cwd: dir,
      env,
      parser: jsonLinesParser(),
      onEvent: (e) => events.push(e),
      timeoutMs: 30_000,
      hangMs: 30_000,
      ...extra,
    });
    return { events, done };
  };

  it('streams the parsed events in order and reports a clean exit', async () => {
    const { events, done } = run('env');
    const result = await done;
    assert.equal(result.ended, 'exited');
    assert.equal(result.exitCode, 0);
    assert.equal(events.length, 1);
    const seen = JSON.parse((events[0] as { text: string }).text) as Record<string, string>;
    assert.deepEqual(Object.keys(seen).filter((k) => k !== 'PATH' && !k.startsWith('NODE_') && k !== 'PWD' && k !== 'SHLVL' && k !== '_'), [], 'the child got only the environment it was given');
  });

  it('a non-zero exit is reported with its code and the stderr tail', async () => {
    const { events, done } = run('fail');
    const result = await done;
    assert.equal(result.ended, 'exited');
    assert.equal(result.exitCode, 3);
    assert.match(result.stderr, /failed on purpose/);
    assert.deepEqual(events, [{ type: 'message', text: 'about to fail' }]);
  });

  it('an agent that prints nothing for the hang limit is stopped as hung', async () => {
    const { events, done } = run('hang', { hangMs: 700 });
    const result = await done;
    assert.equal(result.ended, 'hung');
    assert.equal(result.exitCode, undefined);
    assert.deepEqual(events, [{ type: 'init' }]);
  });

  it('the whole-run limit stops it as timed out', async () => {
    const result = await run('hang', { timeoutMs: 700 }).done;
    assert.equal(result.ended, 'timed-out');
  });

  it('cancel kills the agent and the grandchild it spawned (checked by pid)', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const abort = new AbortController();
    let agentPid = 0;
    const { done } = run('grandchild', { signal: abort.signal, onSpawn: (pid) => (agentPid = pid) }, pidFile);
    await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 'the grandchild to start');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(isAlive(grandchild));
    abort.abort();
    const result = await done;
    assert.equal(result.ended, 'cancelled');
    await eventually(() => !isAlive(grandchild) && !isAlive(agentPid), `agent ${agentPid} and grandchild ${grandchild} to be gone`);
  });

  it('output past the cap stops the agent (output-limit) instead of filling memory', async () => {
    const result = await run('flood', { stdoutCapChars: 50_000 }).done;
    assert.equal(result.ended, 'output-limit');
  });

  it('a program that does not exist is reported as spawn-failed', async () => {
    const result = await runAgentProcess({ program: join(dir, 'no-such-agent'), args: [], cwd: dir, env, parser: jsonLinesParser(), onEvent: () => undefined, timeoutMs: 5_000, hangMs: 5_000 });
    assert.equal(result.ended, 'spawn-failed');
    assert.match(result.error ?? '', /ENOENT/);
  });

  it('an already aborted signal never starts the program', async () => {
    const abort = new AbortController();
    abort.abort();
    const events: AgentEvent[] = [];
    const result = await run('env', { signal: abort.signal, onEvent: (e) => events.push(e) }).done;
    assert.equal(result.ended, 'cancelled');
    assert.deepEqual(events, []);
  });
});

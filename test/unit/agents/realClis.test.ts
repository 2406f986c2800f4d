/**
 * The real Claude Code and Codex CLIs (pinned devDependencies) driven by the fake servers, offline: each makes the
 * scripted edit in a temp git checkout of the sample workspace, reports the final message, and sends nothing
 * anywhere but the fakes (a trap proxy catches any other request). Set PARALLAX_RECORD_AGENT_STREAMS=1 to save the
 * stdout streams as test/fixtures/agent-streams/*.jsonl for the parser tests.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentTurn } from '../../../src/demo/agentTurns';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { gitIn } from '../verify/verifyRepoFixture';
import { AGENT_STREAMS, Cleanup, jsonLines, runClaudeCode, runCodex, sampleCheckout, startTrapProxy, type CliRun, type RunTarget, type TrapProxy } from './agentCliRuns';

const KEY = 'sk-parallax-agent-test';
const TASK = 'Fix the bug in src/pagination.js: a full page is missing its last item.';
const BUGGY = '  const end = start + pageSize - 1;';
const FIXED = '  const end = start + pageSize;';
const FINAL = "Fixed paginate(): slice's end index is exclusive, so end is start + pageSize.";
const FIX_TURNS: AgentTurn[] = [
  { edit: { path: 'src/pagination.js', oldText: BUGGY, newText: FIXED }, say: 'The end index is off by one.' },
  { shell: 'npm test' },
  { text: FINAL },
];
const RUN_MS = 150_000;

function record(name: string, run: CliRun): void {
  if (process.env.PARALLAX_RECORD_AGENT_STREAMS === '1') writeFileSync(join(AGENT_STREAMS, name), run.stdout);
}

function explain(run: CliRun): string {
  return `exit ${run.code ?? run.signal}\n--- stdout\n${run.stdout.slice(-4000)}\n--- stderr\n${run.stderr.slice(-2000)}`;
}

describe('real agent CLIs against the fake servers (offline)', function () {
  this.timeout(RUN_MS * 2);
  let fakes: FakeProviders;
  let trap: TrapProxy;
  const dirs = new Cleanup();

  before(async () => {
    trap = await startTrapProxy();
    fakes = await startFakeProviders({
      apiKey: KEY,
      scripts: {
        'claude-sonnet-4-5': { agentTurns: FIX_TURNS },
        'claude-broken': { fault: { type: 'status', status: 400, message: 'prompt is too long: 250000 tokens > 200000 maximum' } },
        'gpt-5.5': { agentTurns: FIX_TURNS },
        'parallax-unknown-codex-model': { agentTurns: [FIX_TURNS[0] as AgentTurn, { text: FINAL }] },
        'gpt-5.4': { fault: { type: 'status', status: 401 } },
      },
    });
  });
  after(async () => {
    await fakes.close();
    await trap.close();
    dirs.removeAll();
  });
  afterEach(() => {
    assert.deepEqual(trap.attempts, [], 'no request may leave for anywhere but the fake servers');
  });

  const target = (cwd: string, model: string): RunTarget => ({ cwd, model, task: TASK, apiKey: KEY, proxyUrl: trap.url, timeoutMs: RUN_MS });
  const requestsSince = (n: number): typeof fakes.requests => fakes.requests.slice(n);

  it('Claude Code reads, edits the file as scripted, is refused the shell, and reports the final message', async () => {
    const cwd = sampleCheckout(dirs);
    const before = fakes.requests.length;
    const run = await runClaudeCode(dirs, fakes.url, target(cwd, 'claude-sonnet-4-5'));
    record('claude-code-success.jsonl', run);
    assert.equal(run.code, 0, explain(run));

    const source = readFileSync(join(cwd, 'src/pagination.js'), 'utf8');
    assert.ok(source.includes(FIXED) && !source.includes(BUGGY), source);
    assert.deepEqual(gitIn(cwd, 'status', '--porcelain').trimEnd().split('\n'), [' M src/pagination.js']);

    const events = jsonLines(run.stdout);
    assert.equal(events[0]?.type, 'system');
    assert.equal(events[0]?.subtype, 'init');
    const toolUses = events.flatMap((e) =>
      e.type === 'assistant' ? ((e.message as { content: { type: string; name?: string }[] }).content ?? []).filter((c) => c.type === 'tool_use') : [],
    );
    assert.deepEqual(toolUses.map((t) => t.name), ['Read', 'Edit', 'Bash']);
    const result = events.at(-1);
    assert.equal(result?.type, 'result');
    assert.equal(result?.subtype, 'success');
    assert.equal(result?.is_error, false);
    assert.equal(result?.result, FINAL);
    assert.deepEqual(
      (result?.permission_denials as { tool_name: string }[]).map((d) => d.tool_name),
      ['Bash'],
      'the shell is not on the allow-list, so it is refused',
    );

    const requests = requestsSince(before);
    assert.equal(requests.length, 4, 'read, edit, shell, final: one request per turn');
    for (const r of requests) {
      assert.equal(`${r.method} ${r.path}`, 'POST /v1/messages');
      assert.equal(r.headers['x-api-key'], KEY);
    }
  });

  it('Claude Code exits non-zero with an error result when the API rejects the request', async () => {
    const cwd = sampleCheckout(dirs);
    const run = await runClaudeCode(dirs, fakes.url, target(cwd, 'claude-broken'));
    record('claude-code-error.jsonl', run);
    assert.notEqual(run.code, 0, explain(run));
    const result = jsonLines(run.stdout).at(-1);
    assert.equal(result?.type, 'result', explain(run));
    assert.equal(result?.is_error, true);
    assert.equal(gitIn(cwd, 'status', '--porcelain'), '', 'nothing was edited');
  });

  it('Codex applies the scripted patch with its apply_patch tool, runs the tests in its sandbox, and reports the final message', async () => {
    const cwd = sampleCheckout(dirs);
    const before = fakes.requests.length;
    const run = await runCodex(dirs, fakes.openaiBaseUrl, target(cwd, 'gpt-5.5'));
    record('codex-success.jsonl', run);
    assert.equal(run.code, 0, explain(run));

    const source = readFileSync(join(cwd, 'src/pagination.js'), 'utf8');
    assert.ok(source.includes(FIXED) && !source.includes(BUGGY), source);
    assert.deepEqual(gitIn(cwd, 'status', '--porcelain').trimEnd().split('\n'), [' M src/pagination.js']);

    const events = jsonLines(run.stdout);
    const completed = events.filter((e) => e.type === 'item.completed').map((e) => e.item as Record<string, unknown>);
    assert.deepEqual(completed.map((i) => i.type), ['agent_message', 'file_change', 'command_execution', 'agent_message']);
    assert.deepEqual((completed[1]?.changes as { path: string; kind: string }[]).map((c) => [c.path, c.kind]), [[join(cwd, 'src/pagination.js'), 'update']]);
    assert.match(String(completed[2]?.command), /npm test/);
    assert.equal(completed[2]?.exit_code, 0, 'the fixed sample passes its tests');
    assert.equal(completed[3]?.text, FINAL);
    assert.equal(events.at(-1)?.type, 'turn.completed');

    const requests = requestsSince(before);
    assert.equal(requests.length, 3, 'patch, shell, final: one request per turn');
    for (const r of requests) {
      assert.equal(`${r.method} ${r.path}`, 'POST /v1/responses');
      assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    }
    const firstTools = (requests[0]?.body as { tools: { type: string; name?: string }[] }).tools;
    assert.ok(firstTools.some((t) => t.type === 'custom' && t.name === 'apply_patch'), 'a model Codex knows is offered the apply_patch tool');
  });

  it('Codex with a model it has no metadata for edits through apply_patch given to its shell', async () => {
    const cwd = sampleCheckout(dirs);
    const run = await runCodex(dirs, fakes.openaiBaseUrl, target(cwd, 'parallax-unknown-codex-model'));
    record('codex-unknown-model.jsonl', run);
    assert.equal(run.code, 0, explain(run));
    assert.ok(readFileSync(join(cwd, 'src/pagination.js'), 'utf8').includes(FIXED));
    const items = jsonLines(run.stdout).filter((e) => e.type === 'item.completed').map((e) => (e.item as { type: string }).type);
    assert.ok(items.includes('file_change') || items.includes('command_execution'), items.join(', '));
    assert.equal(items.at(-1), 'agent_message');
  });

  it('Codex exits non-zero with a failed turn when the API refuses its key', async () => {
    const cwd = sampleCheckout(dirs);
    const run = await runCodex(dirs, fakes.openaiBaseUrl, target(cwd, 'gpt-5.4'));
    record('codex-error.jsonl', run);
    assert.notEqual(run.code, 0, explain(run));
    const types = jsonLines(run.stdout).map((e) => e.type);
    assert.ok(types.includes('turn.failed'), types.join(', '));
    assert.equal(gitIn(cwd, 'status', '--porcelain'), '', 'nothing was edited');
  });
});

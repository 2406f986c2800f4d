/**
 * The agent provider with the real Claude Code and Codex binaries (pinned devDependencies) against the agentwire
 * fake servers, offline: Parallax's own argv, permission flags and minimal environment make each CLI fix the bug in
 * its checkout, and the column ends with that diff as a patch set; the user's repository is unchanged and nothing
 * leaves the machine (a trap proxy). Skipped when the binaries are not installed.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgentProvider, type AgentProviderOptions } from '../../../src/core/agents/agentProvider';
import { parseFileEdits, pathsOf } from '../../../src/core/edits/patchSetParse';
import type { StreamEvent } from '../../../src/core/providers/provider';
import { plainTextParser } from '../../../src/core/agents/agentEvents';
import { claudeCodeOfflineEnv, codexOfflineEnv } from '../../../src/demo/agentCliSetup';
import type { AgentTurn } from '../../../src/demo/agentTurns';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { BUGGY_FILE, gitIn, makeVerifyRepo, repoFingerprint } from '../verify/verifyRepoFixture';
import { CLAUDE_BIN, CODEX_BIN, Cleanup, startTrapProxy, type TrapProxy } from './agentCliRuns';

const KEY = 'sk-parallax-agent-provider-test';
const BUGGY = '  const end = start + pageSize - 1;';
const FIXED = '  const end = start + pageSize;';
const TURNS: AgentTurn[] = [
  { edit: { path: 'src/pagination.js', oldText: BUGGY, newText: FIXED }, say: 'The end index is off by one.' },
  { text: 'Fixed: slice excludes its end.' },
];
const REQUEST = { model: 'x', system: 'You are an expert software engineer.', messages: [{ role: 'user' as const, content: 'Task: fix the bug in src/pagination.js' }] };

describe('agent provider with the real Claude Code and Codex CLIs (offline, fake servers)', function () {
  if (!existsSync(CLAUDE_BIN) || !existsSync(CODEX_BIN)) return;
  this.timeout(300_000);
  let fakes: FakeProviders;
  let trap: TrapProxy;
  const dirs = new Cleanup();

  before(async () => {
    trap = await startTrapProxy();
    fakes = await startFakeProviders({ apiKey: KEY, scripts: { 'claude-sonnet-4-5': { agentTurns: TURNS }, 'gpt-5.5': { agentTurns: TURNS } } });
  });
  after(async () => {
    await fakes.close();
    await trap.close();
    dirs.removeAll();
  });

  const runIn = async (repo: string, o: Partial<AgentProviderOptions> & Pick<AgentProviderOptions, 'profile' | 'name' | 'program' | 'userEnv'>): Promise<StreamEvent[]> => {
    const events: StreamEvent[] = [];
    const provider = new AgentProvider({ folder: repo, checkoutRoot: join(dirs.temp('parallax-agent-root-'), 'c'), parser: plainTextParser, timeoutMs: 240_000, hangMs: 120_000, ...o });
    for await (const e of provider.stream(REQUEST, new AbortController().signal)) events.push(e);
    return events;
  };
  const check = (repo: string, before: ReturnType<typeof repoFingerprint>, events: StreamEvent[]): void => {
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    assert.deepEqual(events.at(-1), { type: 'done', finishReason: 'agent-finished' }, text.slice(-3000));
    assert.deepEqual([...new Set(parseFileEdits(text).edits.flatMap(pathsOf))], [BUGGY_FILE], text.slice(-3000));
    assert.match(text, /\+ {2}const end = start \+ pageSize;/);
    assert.deepEqual(repoFingerprint(repo), before);
    assert.match(readFileSync(join(repo, BUGGY_FILE), 'utf8'), /pageSize - 1/);
    assert.equal(gitIn(repo, 'worktree', 'list').trim().split('\n').length, 1);
    assert.deepEqual(trap.attempts, [], 'nothing but the fakes is reached');
  };

  it('Claude Code fixes the bug in its checkout and the column ends with the diff', async () => {
    const repo = makeVerifyRepo(join(dirs.temp('parallax-agent-repo-'), 'repo'));
    const before = repoFingerprint(repo);
    const userEnv = claudeCodeOfflineEnv({ baseUrl: fakes.url, apiKey: 'not-passed', home: dirs.temp('parallax-claude-home-'), proxyUrl: trap.url });
    delete userEnv.ANTHROPIC_API_KEY;
    const events = await runIn(repo, { profile: 'claude-code', name: 'Claude Code', program: CLAUDE_BIN, model: 'claude-sonnet-4-5', baseUrl: fakes.url, key: { variable: 'ANTHROPIC_API_KEY', value: KEY }, userEnv });
    check(repo, before, events);
  });

  it('Codex fixes the bug in its workspace-write sandbox and the column ends with the diff', async () => {
    const repo = makeVerifyRepo(join(dirs.temp('parallax-agent-repo-'), 'repo'));
    const before = repoFingerprint(repo);
    const userEnv = codexOfflineEnv({ openaiBaseUrl: fakes.openaiBaseUrl, apiKey: 'not-passed', codexHome: dirs.codexHome(), model: 'gpt-5.5', proxyUrl: trap.url });
    const events = await runIn(repo, { profile: 'codex', name: 'Codex', program: CODEX_BIN, model: 'gpt-5.5', baseUrl: fakes.openaiBaseUrl, key: { variable: 'OPENAI_API_KEY', value: KEY }, userEnv });
    check(repo, before, events);
  });
});

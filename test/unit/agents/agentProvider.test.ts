import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentProvider, type AgentProviderOptions } from '../../../src/core/agents/agentProvider';
import type { AgentTranscript } from '../../../src/core/agents/agentTranscript';
import { parseFileEdits, pathsOf } from '../../../src/core/edits/patchSetParse';
import { patchSetForAnswer } from '../../../src/core/edits/patchSetResolve';
import type { StreamEvent } from '../../../src/core/providers/provider';
import { BUGGY_FILE, gitIn, makeVerifyRepo, repoFingerprint } from '../verify/verifyRepoFixture';
import { FAKE_AGENT, jsonLinesParser } from './jsonLinesParser';

const REQUEST = { model: 'fake', system: 'You are an expert software engineer.', messages: [{ role: 'user' as const, content: 'Task: fix the bug in src/pagination.js' }] };

async function collect(provider: AgentProvider, signal = new AbortController().signal): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of provider.stream(REQUEST, signal)) events.push(e);
  return events;
}

const textOf = (events: StreamEvent[]): string => events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');

describe('agent provider: an agent CLI as a contestant, in its own checkout', function () {
  if (process.platform === 'win32') return;
  let tmp: string;
  let repo: string;
  let transcripts: AgentTranscript[];
  const options = (mode: string, extra: Partial<AgentProviderOptions> = {}): AgentProviderOptions => ({
    profile: 'command',
    name: 'Fake Agent',
    program: process.execPath,
    commandArgs: [FAKE_AGENT, mode, '{taskFile}'],
    folder: repo,
    checkoutRoot: join(tmp, 'checkouts'),
    userEnv: { PATH: process.env.PATH ?? '', HOME: tmp, OPENAI_API_KEY: 'sk-other-provider' },
    parser: jsonLinesParser,
    timeoutMs: 60_000,
    hangMs: 30_000,
    onTranscript: (t) => transcripts.push(t),
    ...extra,
  });
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'parallax-agent-provider-'));
    repo = makeVerifyRepo(join(tmp, 'repo'));
    transcripts = [];
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('streams the steps, ends with the checkout diff as a patch set, and leaves the user’s tree as it was', async () => {
    const before = repoFingerprint(repo);
    const sent: number[] = [];
    const events: StreamEvent[] = [];
    for await (const e of new AgentProvider(options('fix')).stream(REQUEST, new AbortController().signal, () => sent.push(1))) events.push(e);
    assert.equal(sent.length, 1, 'onSent marks the start of the agent process');
    assert.deepEqual(events.at(-1), { type: 'done', finishReason: 'agent-finished' });
    assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', inputTokens: 1200, outputTokens: 80 });
    const text = textOf(events);
    assert.match(text, /\*Fake Agent started · model fake-agent-1\*/);
    assert.match(text, /\*\*Turn 1\*\*/);
    assert.doesNotMatch(text, /\*\*Turn 0\*\*/, 'turns are numbered from 1');
    assert.match(text, /\*1 turn · 2 tool calls/);
    assert.match(text, /- `Edit` edited src\/pagination\.js\n- `Write` wrote NOTES\.md\n/);
    assert.match(text, /Fixed the off-by-one\./);
    assert.match(text, /cost \$0\.0123 \(reported by Fake Agent\)/);
    assert.match(text, /1 unreadable output line/);
    // The task reached the agent through {taskFile}: the same system prompt and message the models get.
    assert.match(text, /Read a task of \d+ characters/);

    const parsed = parseFileEdits(text);
    assert.deepEqual([...new Set(parsed.edits.flatMap(pathsOf))].sort(), ['NOTES.md', BUGGY_FILE].sort());
    const set = patchSetForAnswer(text, { read: (p) => { try { return readFileSync(join(repo, p), 'utf8'); } catch { return undefined; } } });
    assert.ok(set);
    assert.deepEqual(set.problems, []);
    const fixed = set.files.find((f) => f.relPath === BUGGY_FILE);
    assert.equal(fixed?.kind, 'modify');
    assert.match(fixed?.proposed ?? '', /const end = start \+ pageSize;/);
    assert.equal(set.files.find((f) => f.relPath === 'NOTES.md')?.kind, 'create');
    assert.ok(!text.includes('node_modules'), 'the linked dependency folder is not part of the diff');

    assert.deepEqual(repoFingerprint(repo), before, 'the user’s status, index, refs and worktrees are unchanged');
    assert.match(readFileSync(join(repo, BUGGY_FILE), 'utf8'), /pageSize - 1/, 'the user’s file still has the bug');
    assert.equal(gitIn(repo, 'worktree', 'list').trim().split('\n').length, 1, 'the checkout was removed');

    assert.equal(transcripts.length, 1);
    const [t] = transcripts;
    assert.ok(t);
    assert.ok(t.events.some((e) => e.event.type === 'malformed' && e.event.line === 'this is not json'));
    assert.equal(t.run?.exitCode, 0);
    assert.deepEqual(t.args.slice(0, 2), [FAKE_AGENT, 'fix'], 'the argv is kept');
    assert.match(t.args[2] ?? '', /task\.md$/, '{taskFile} became the task file');
    assert.match(t.diff ?? '', /\+\+\+ b\/NOTES\.md/);
  });

  it('a folder that is not a git repository gets a copy and the same diff', async () => {
    const plain = join(tmp, 'plain');
    gitIn(tmp, 'clone', '-q', repo, plain);
    rmSync(join(plain, '.git'), { recursive: true, force: true });
    const text = textOf(await collect(new AgentProvider(options('fix', { folder: plain }))));
    assert.deepEqual([...new Set(parseFileEdits(text).edits.flatMap(pathsOf))].sort(), ['NOTES.md', BUGGY_FILE].sort());
    assert.match(readFileSync(join(plain, BUGGY_FILE), 'utf8'), /pageSize - 1/);
  });

  it('the agent gets a minimal environment: no other provider’s key, only its own key variable', async () => {
    const text = textOf(await collect(new AgentProvider(options('env', { key: { variable: 'MY_AGENT_KEY', value: 'sk-agent' } }))));
    const env = JSON.parse((/\{"PATH".*\}/.exec(text) ?? ['{}'])[0].replace(/\\([\\`*_[\]<>#|~])/g, '$1')) as Record<string, string>;
    assert.equal(env.MY_AGENT_KEY, 'sk-agent');
    assert.equal(env.OPENAI_API_KEY, undefined, 'another provider’s key is never passed');
    assert.equal(env.HOME, tmp);
  });

  it('a non-zero exit ends the column with an error naming the code and stderr, after the diff', async () => {
    const events = await collect(new AgentProvider(options('fail')));
    const last = events.at(-1);
    assert.equal(last?.type, 'error');
    assert.match(last?.type === 'error' ? last.message : '', /exited with code 3 \(fatal: the fake agent failed on purpose\)/);
    assert.match(textOf(events), /The agent changed no files/);
    assert.equal(transcripts[0]?.run?.exitCode, 3);
  });

  it('a hung agent is stopped and reported as a timeout', async () => {
    const events = await collect(new AgentProvider(options('hang', { hangMs: 800 })));
    const last = events.at(-1);
    assert.deepEqual(last?.type === 'error' ? [last.kind, /printed nothing for 1 s/.test(last.message)] : [], ['timeout', true]);
  });

  it('cancel ends the stream as cancelled and removes the checkout', async () => {
    const abort = new AbortController();
    const provider = new AgentProvider(options('hang', { onSpawn: () => setTimeout(() => abort.abort(), 200) }));
    const events = await collect(provider, abort.signal);
    assert.equal(events.at(-1)?.type === 'error' && (events.at(-1) as { kind: string }).kind, 'cancelled');
    assert.equal(gitIn(repo, 'worktree', 'list').trim().split('\n').length, 1);
  });

  it('a program that cannot start is an error event, never a throw', async () => {
    const events = await collect(new AgentProvider(options('fix', { program: join(tmp, 'missing-agent') })));
    const last = events.at(-1);
    assert.equal(last?.type === 'error' && last.kind, 'not-found');
  });
});

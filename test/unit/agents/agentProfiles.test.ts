import assert from 'node:assert/strict';
import { agentEnvironment } from '../../../src/core/agents/agentEnvironment';
import { AGENT_PROFILE_IDS, agentLaunch, CLAUDE_ALLOWED_TOOLS, FORBIDDEN_FLAGS, substituteTemplate } from '../../../src/core/agents/agentProfiles';
import { agentTaskText } from '../../../src/core/agents/agentTask';

const base = { program: '/opt/bin/agent', task: 'fix the bug', taskFile: '/tmp/t/task.md' };

describe('agent profiles: argv and environment of each CLI', () => {
  it('claude-code: print mode, stream-json, acceptEdits with an allow-list, the task after --', () => {
    const { program, args, env } = agentLaunch({ ...base, profile: 'claude-code', model: 'claude-sonnet-4-5', baseUrl: 'http://127.0.0.1:9/' });
    assert.equal(program, '/opt/bin/agent');
    assert.deepEqual(args.slice(0, 6), ['-p', '--output-format', 'stream-json', '--verbose', '--permission-mode', 'acceptEdits']);
    assert.equal(args[args.indexOf('--allowedTools') + 1], CLAUDE_ALLOWED_TOOLS.join(','));
    assert.ok(!CLAUDE_ALLOWED_TOOLS.includes('Bash'), 'no unrestricted shell');
    assert.equal(args[args.indexOf('--disallowedTools') + 1], 'WebFetch,WebSearch');
    assert.deepEqual(args.slice(-4), ['--model', 'claude-sonnet-4-5', '--', 'fix the bug']);
    assert.equal(env.ANTHROPIC_BASE_URL, 'http://127.0.0.1:9/');
    assert.equal(env.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC, '1');
  });

  it('codex: exec --json in the workspace-write sandbox; a base URL becomes a custom Responses provider', () => {
    const { args } = agentLaunch({ ...base, profile: 'codex', baseUrl: 'http://127.0.0.1:9/v1' });
    assert.deepEqual(args.slice(0, 5), ['exec', '--json', '--sandbox', 'workspace-write', '--skip-git-repo-check']);
    assert.ok(args.includes('model_providers.parallax.base_url="http://127.0.0.1:9/v1"'));
    assert.ok(args.includes('model_providers.parallax.wire_api="responses"'));
    assert.deepEqual(args.slice(-2), ['--', 'fix the bug']);
    assert.ok(!agentLaunch({ ...base, profile: 'codex' }).args.includes('-c'), 'no override without a base URL');
  });

  it('aider: the task file, yes-always, no commits, no shell commands', () => {
    const { args } = agentLaunch({ ...base, profile: 'aider' });
    assert.deepEqual(args.slice(0, 2), ['--message-file', '/tmp/t/task.md']);
    for (const flag of ['--yes-always', '--no-auto-commits', '--no-suggest-shell-commands']) assert.ok(args.includes(flag), flag);
  });

  it('no profile ever passes a skip-all-permissions flag', () => {
    for (const profile of AGENT_PROFILE_IDS) {
      const { args } = agentLaunch({ ...base, profile, commandArgs: ['{task}'] });
      for (const flag of FORBIDDEN_FLAGS) assert.ok(!args.includes(flag), `${profile} passes ${flag}`);
    }
    assert.throws(() => agentLaunch({ ...base, profile: 'command', commandArgs: ['--dangerously-skip-permissions', '{task}'] }), /never runs/);
  });

  it('command: {task} and {taskFile} are substituted inside arguments, each stays one argument', () => {
    assert.deepEqual(substituteTemplate(['run', '--file={taskFile}', '{task}', 'x{task}y'], 'a b; rm -rf /', '/t.md'), ['run', '--file=/t.md', 'a b; rm -rf /', 'xa b; rm -rf /y']);
    const { program, args } = agentLaunch({ ...base, profile: 'command', commandArgs: ['--in', '{taskFile}'] });
    assert.deepEqual([program, args], ['/opt/bin/agent', ['--in', '/tmp/t/task.md']]);
  });

  it('environment: only allow-listed variables, the profile’s own config dir, and the key under its variable', () => {
    const user = { PATH: '/bin', HOME: '/home/u', LANG: 'C.UTF-8', HTTPS_PROXY: 'http://proxy:3128', OPENAI_API_KEY: 'sk-openai', ANTHROPIC_API_KEY: 'sk-ant-user', AWS_SECRET_ACCESS_KEY: 'aws', CODEX_HOME: '/c', CLAUDE_CONFIG_DIR: '/cc' };
    const claude = agentEnvironment({ profile: 'claude-code', extra: { DISABLE_TELEMETRY: '1' }, key: { variable: 'ANTHROPIC_API_KEY', value: 'sk-ant-stored' } }, user);
    assert.deepEqual(claude, { PATH: '/bin', HOME: '/home/u', LANG: 'C.UTF-8', HTTPS_PROXY: 'http://proxy:3128', CLAUDE_CONFIG_DIR: '/cc', DISABLE_TELEMETRY: '1', ANTHROPIC_API_KEY: 'sk-ant-stored' });
    const codex = agentEnvironment({ profile: 'codex', extra: {} }, user);
    assert.deepEqual(Object.keys(codex).sort(), ['CODEX_HOME', 'HOME', 'HTTPS_PROXY', 'LANG', 'PATH']);
  });

  it('the task is the models’ system prompt and messages, with the agent preface', () => {
    const text = agentTaskText({ system: 'SYSTEM PROMPT', messages: [{ role: 'user', content: 'File: src/a.js\nTask: fix it' }] });
    assert.match(text, /^You are one of several coding assistants/);
    assert.match(text, /Instructions:\nSYSTEM PROMPT\n\nFile: src\/a\.js\nTask: fix it\n$/);
    const followUp = agentTaskText({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }, { role: 'user', content: 'more' }] });
    assert.match(followUp, /User:\nq\n\nAssistant \(earlier answer\):\na\n\nUser:\nmore/);
  });
});

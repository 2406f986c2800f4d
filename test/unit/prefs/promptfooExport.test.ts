import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import type { RunModel, RunRecord } from '../../../src/core/prefs/preferenceRecord';
import { fenceTagsFor, nunjucksLiteral, parsesAssertion } from '../../../src/core/prefs/promptfooAssertions';
import { type ExportEndpoint, PROMPTFOO_PROMPT, promptfooExport, type PromptfooExportOptions } from '../../../src/core/prefs/promptfooExport';
import { promptfooProvider } from '../../../src/core/prefs/promptfooProviders';
import { DEFAULT_MAX_TOKENS, THINKING_BUDGET } from '../../../src/core/providers/anthropicConversion';
import { ANSWERS } from './promptfooExportSupport';
import * as yamlLibrary from 'yaml';

const gpt: RunModel = { id: 'gpt', label: 'GPT', provider: 'openai', model: 'gpt-4.1', params: { temperature: 0.3, maxTokens: 500 } };
const claude: RunModel = { id: 'claude', label: 'Claude', provider: 'anthropic', model: 'claude-sonnet-4-5', params: { reasoning: 'low' } };
const local: RunModel = { id: 'qwen', label: 'Qwen', provider: 'openai-compatible', model: 'qwen2.5-coder', params: {} };
const copilot: RunModel = { id: 'copilot', label: 'Copilot', provider: 'vscode-lm', model: 'gpt-4o', params: {} };

function run(id: string, models: RunModel[], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    createdAt: '2026-11-30T10:00:00.000Z',
    template: 'fix',
    languageId: 'javascript',
    requestHash: 'b'.repeat(64),
    prompt: { system: 'You are careful.', user: `Fix {{ this }} in run ${id}` },
    context: { filePath: 'src/a.js', selection: { startLine: 4, startCharacter: 0, endLine: 6, endCharacter: 1 }, truncated: {} },
    models,
    outputs: [],
    attempts: [],
    notes: [],
    blind: false,
    shownOrder: models.map((m) => m.id),
    applied: [],
    ...extra,
  };
}

const endpoints: Record<string, ExportEndpoint> = {
  gpt: {},
  claude: { apiKeyEnv: 'MY_CLAUDE_KEY' },
  qwen: { preset: 'ollama' },
};

function exportOf(runs: RunRecord[], extra: Partial<PromptfooExportOptions> = {}): ReturnType<typeof promptfooExport> {
  return promptfooExport({ runs, endpointOf: (m) => endpoints[m.id], exportedAt: new Date('2026-12-01T08:00:00.000Z'), yaml: yamlLibrary, ...extra });
}

/** Runs a `javascript` assertion body the way promptfoo 0.115 does: `new Function('output', 'context', body)`. */
function runAssertion(body: string, output: string): { pass: boolean; reason: string } {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- exactly what promptfoo does with the value
  const fn = new Function('output', 'context', body) as (output: string, context: unknown) => { pass: boolean; reason: string };
  return fn(output, {});
}

const fence = (lang: string, code: string): string => `Here:\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`;

describe('promptfoo export: the config', () => {
  it('writes YAML that reads back as the config: one chat prompt, the exact logged prompt in vars, no keys', () => {
    const runs = [run('r1', [gpt, claude], { vote: { kind: 'tie', tags: [], note: 'Both keep {{ the }} API', votedAt: '2026-11-30T10:01:00.000Z' } })];
    const out = exportOf(runs, { grader: { model: gpt, endpoint: {} } });
    const read = parse(out.yaml) as unknown;
    assert.deepEqual(read, JSON.parse(JSON.stringify(out.config)));
    assert.equal(out.config.prompts[0]?.raw, PROMPTFOO_PROMPT);
    assert.deepEqual(out.config.tests[0]?.vars, { system: 'You are careful.', user: 'Fix {{ this }} in run r1' });
    assert.match(out.yaml, /^# promptfoo config exported by Parallax/);
    assert.match(out.yaml, /No API keys are in this file/);
    assert.doesNotMatch(out.yaml, /apiKey:/);
    assert.equal(out.config.defaultTest?.options.provider.id, 'openai:chat:gpt-4.1');
    const rubric = out.config.tests[0]?.assert.find((a) => a.type === 'llm-rubric');
    assert.equal(rubric?.value, '{% raw %}Both keep {{ the }} API{% endraw %}');
  });

  it('maps providers to endpoints and key variable names, leaving out what promptfoo cannot call', () => {
    const out = exportOf([run('r1', [gpt, claude, local, copilot]), run('r2', [gpt, { ...local, id: 'gone' }])]);
    assert.deepEqual(out.config.providers, [
      {
        id: 'openai:chat:gpt-4.1',
        label: 'GPT',
        config: { apiBaseUrl: 'https://api.openai.com/v1', temperature: 0.3, max_tokens: 500, max_completion_tokens: 500 },
      },
      // Parallax's thinking budget on top of its default answer tokens, as it sent them; no temperature to the official API.
      {
        id: 'anthropic:messages:claude-sonnet-4-5',
        label: 'Claude',
        config: { max_tokens: THINKING_BUDGET.low + DEFAULT_MAX_TOKENS, thinking: { type: 'enabled', budget_tokens: THINKING_BUDGET.low } },
      },
      { id: 'openai:chat:qwen2.5-coder', label: 'Qwen', config: { apiBaseUrl: 'http://localhost:11434/v1', apiKeyRequired: false } },
    ]);
    assert.deepEqual(out.skipped, [
      'run r1: Copilot: promptfoo has no VS Code Language Model provider',
      'run r2: Qwen: not in parallax.models any more, so its endpoint is unknown',
    ]);
    assert.match(out.yaml, /# Claude: promptfoo reads the key from ANTHROPIC_API_KEY \(Parallax used MY_CLAUDE_KEY\)\n\s+- id: anthropic:messages/);
    assert.equal(out.config.tests.length, 2);
  });

  it("names a hosted preset's key variable and keeps labels unique", () => {
    const mapped = promptfooProvider({ ...local, id: 'ds', label: 'DS', model: 'deepseek-chat' }, { preset: 'deepseek' });
    assert.deepEqual(mapped.ok && mapped.provider.config, { apiBaseUrl: 'https://api.deepseek.com', apiKeyEnvar: 'DEEPSEEK_API_KEY' });
    const anthropicProxy = promptfooProvider({ ...claude, params: { temperature: 0.5 } }, { baseUrl: 'http://127.0.0.1:9000' });
    assert.deepEqual(anthropicProxy.ok && anthropicProxy.provider.config, { apiBaseUrl: 'http://127.0.0.1:9000', max_tokens: 4096, temperature: 0.5 });
    const twoGpts = exportOf([run('r1', [gpt]), run('r2', [{ ...gpt, params: {} }])]);
    assert.deepEqual(twoGpts.config.providers.map((p) => p.label), ['GPT', 'GPT (2)']);
  });

  it("adds the run's check as an assertion only where it can be repeated, and says why not elsewhere", () => {
    const verification = { modelId: 'gpt', attempt: 1, at: '2026-11-30T10:00:30.000Z', state: 'passed' as const, durationMs: 5, failing: [], broke: [], baselineFailed: false };
    const fixRun = run('fix', [gpt], { verifications: [{ ...verification, command: 'npm test' }, { ...verification, command: 'npm test' }, { ...verification, command: 'make', state: 'cancelled' }] });
    const explainRun = run('why', [gpt], { template: 'explain', verifications: [{ ...verification, command: 'npm test' }] });
    const out = exportOf([fixRun, explainRun]);
    const [fix, why] = out.config.tests;
    assert.deepEqual(fix?.assert.map((a) => a.metric), ['code-parses', 'verification']);
    assert.match(fix?.assert[1]?.value ?? '', /const command = "npm test", relative = "src\/a\.js"/);
    assert.deepEqual(why?.assert, []);
    assert.deepEqual(out.skipped, ['run why: its check (npm test) needs a selection edit of a file to be repeated']);
    assert.equal(fix?.description, 'fix: src/a.js, lines 5-7 (Parallax run fix, 2026-11-30T10:00:00.000Z)');
  });

  it("notes the default grader when notes are graded and no model was chosen", () => {
    const noted = run('n', [gpt], { notes: ['Short and right'] });
    const out = exportOf([noted]);
    assert.equal(out.config.defaultTest, undefined);
    assert.match(out.yaml, /llm-rubric checks use promptfoo's default grader/);
    assert.doesNotMatch(exportOf([run('plain', [gpt])]).yaml, /default grader/);
  });

  it('refuses runs whose models promptfoo cannot call', () => {
    assert.throws(() => exportOf([run('lm', [copilot])]), /none of the chosen runs has a model promptfoo can call/);
  });
});

describe('promptfoo export: the code-parses assertion (run as promptfoo runs it)', () => {
  it('JavaScript: node --check accepts scripts and ES modules and refuses broken code', () => {
    const body = parsesAssertion('javascript');
    assert.deepEqual(runAssertion(body, ANSWERS.correct).pass, true);
    assert.match(runAssertion(body, fence('js', 'export const x = 1;')).reason, /ES module/);
    const broken = runAssertion(body, ANSWERS.broken);
    assert.equal(broken.pass, false);
    assert.match(broken.reason, /does not parse as JavaScript: SyntaxError/);
    assert.deepEqual(runAssertion(body, 'No code here.'), { pass: false, score: 0, reason: 'the answer has no fenced code block' });
  });

  it('takes the block tagged with the run language over longer other blocks', () => {
    const answer = `${fence('bash', 'echo "this is a long shell block that is not the answer ((("')}${fence('js', 'const ok = 1;')}`;
    assert.equal(runAssertion(parsesAssertion('javascript'), answer).pass, true);
    assert.deepEqual(fenceTagsFor('typescript'), ['typescript', 'ts', 'mts', 'cts']);
  });

  it('JSON: JSON.parse', () => {
    assert.equal(runAssertion(parsesAssertion('json'), fence('json', '{"a": [1, 2]}')).pass, true);
    assert.match(runAssertion(parsesAssertion('json'), fence('json', '{"a": [1, 2}')).reason, /not valid JSON/);
  });

  it('other languages: brackets balance outside strings and comments', () => {
    const body = parsesAssertion('typescript');
    const ok = runAssertion(body, fence('ts', 'const s: string = "}"; // ) stray\n/* { */ function f(a: number[]) { return a[0]; }'));
    assert.deepEqual(ok, { pass: true, score: 1, reason: 'brackets balance outside strings and comments (a bracket check, not a full parse)' });
    assert.match(runAssertion(body, fence('ts', 'function f() { return [1, 2; }')).reason, /unbalanced }/);
    assert.match(runAssertion(body, fence('ts', 'const s = "open;')).reason, /a string \("\) is not closed/);
  });

  it('Python: ast.parse when python3 is there (else the bracket check, saying so)', function () {
    const body = parsesAssertion('python');
    const hasPython = spawnSync('python3', ['--version']).status === 0;
    const good = runAssertion(body, fence('python', 'def f(x):\n    return {"a": x}  # }'));
    const bad = runAssertion(body, fence('python', 'def f(x)\n    return x'));
    if (hasPython) {
      assert.deepEqual([good.pass, bad.pass], [true, false]);
      assert.match(bad.reason, /does not parse as Python/);
    } else {
      assert.match(good.reason, /python3 not found/);
    }
  });

  it('nunjucksLiteral keeps text without tags as it is and wraps text with tags', () => {
    assert.equal(nunjucksLiteral('plain { text }'), 'plain { text }');
    assert.equal(nunjucksLiteral('a {{ b }}'), '{% raw %}a {{ b }}{% endraw %}');
    assert.equal(nunjucksLiteral('x {% endraw %} y'), '{% raw %}x {% endraw %}{{ "{%" }}{% raw %} endraw %} y{% endraw %}');
  });
});

/**
 * The promptfoo export run by the REAL promptfoo CLI (0.115.0, installed once by scripts/lib/promptfooTool.mjs)
 * against the fake OpenAI-compatible and Anthropic servers: it passes when the answers meet the assertions and fails
 * when the code does not parse or the check fails. Nothing leaves the machine: the grader is a fake model too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunModel, RunRecord } from '../../../src/core/prefs/preferenceRecord';
import { type ExportEndpoint, promptfooExport } from '../../../src/core/prefs/promptfooExport';
import { type FakeProviders, startFakeProviders } from '../../../src/demo/fakeProviders';
import { ANSWERS, ensurePromptfooCli, CHECK_COMMAND, GRADER_PASS, outcomesByMetric, reasonMatching, runPromptfoo, SUM_SELECTION, writeSumProject } from './promptfooExportSupport';
import * as yamlLibrary from 'yaml';

const KEY = 'pf-test-secret-key-7f3a';
const KEY_ENV = 'PARALLAX_PF_TEST_KEY';

/** Text a Nunjucks renderer would change, and a path that promptfoo would take for a file name. */
const SYSTEM = 'You are a careful engineer. Answer with one ```javascript block.';
const USER = 'Fix sum() in src/sum.js:\n{{ items }} {% if x %}y{% endif %} {# not a comment #} {% endraw %} 100% done\n```javascript\nfunction sum(a, b) {\n  return a - b;\n}\n```';

/** The user's note, with template syntax that must reach the grader as written. */
const NOTE = 'Keeps the name {{ sum }} and only fixes the operator {% raw %}.';

const models: RunModel[] = [
  { id: 'fake-gpt', label: 'Fake GPT', provider: 'openai-compatible', model: 'pf-gpt', params: { temperature: 0.2, maxTokens: 800 } },
  { id: 'fake-claude', label: 'Fake Claude', provider: 'anthropic', model: 'pf-claude', params: {} },
];
const grader: RunModel = { id: 'fake-grader', label: 'Fake Grader', provider: 'openai-compatible', model: 'pf-grader', params: {} };

function runRecord(id: string, note: string): RunRecord {
  const done = (modelId: string): RunRecord['outputs'][number] => ({ modelId, state: 'done', text: ANSWERS.correct, metrics: { tokensEstimated: false }, extractedCode: 'x' });
  return {
    id,
    createdAt: '2026-11-30T10:00:00.000Z',
    template: 'fix',
    languageId: 'javascript',
    requestHash: 'a'.repeat(64),
    prompt: { system: SYSTEM, user: USER },
    context: { filePath: 'src/sum.js', selection: SUM_SELECTION, truncated: {} },
    models,
    outputs: models.map((m) => done(m.id)),
    attempts: [],
    vote: { kind: 'winner', winner: 'fake-gpt', tags: ['correct'], note, votedAt: '2026-11-30T10:01:00.000Z' },
    notes: [],
    blind: false,
    shownOrder: models.map((m) => m.id),
    applied: [],
    verifications: [
      {
        modelId: 'fake-gpt', attempt: 1, at: '2026-11-30T10:00:30.000Z', command: CHECK_COMMAND, state: 'passed', exitCode: 0,
        durationMs: 120, failing: [], broke: [], baselineFailed: true,
      },
    ],
  };
}

describe('promptfoo export: the real promptfoo CLI runs it against the fakes', function () {
  // promptfoo starts slowly on a loaded 2-core machine (and installs once, when setup has not run).
  this.timeout(300_000);
  let fakes: FakeProviders;
  let dir: string;

  before(async () => {
    await ensurePromptfooCli();
    fakes = await startFakeProviders({ apiKey: KEY, scripts: { 'pf-grader': { text: GRADER_PASS } } });
    dir = mkdtempSync(join(tmpdir(), 'parallax-promptfoo-'));
    writeSumProject(dir);
  });
  after(async () => {
    await fakes.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function exportTo(file: string): string {
    const endpoints: Record<string, ExportEndpoint> = {
      'fake-gpt': { baseUrl: fakes.openaiBaseUrl, apiKeyEnv: KEY_ENV },
      'fake-claude': { baseUrl: fakes.anthropicBaseUrl, apiKeyEnv: KEY_ENV },
      'fake-grader': { baseUrl: fakes.openaiBaseUrl, apiKeyEnv: KEY_ENV },
    };
    const { yaml } = promptfooExport({
      runs: [runRecord('run-pf', NOTE)],
      endpointOf: (m) => endpoints[m.id],
      grader: { model: grader, endpoint: endpoints['fake-grader'] },
      exportedAt: new Date('2026-12-01T08:00:00.000Z'), yaml: yamlLibrary,
    });
    assert.ok(!yaml.includes(KEY), 'the exported file holds no key');
    const path = join(dir, file);
    writeFileSync(path, yaml);
    return path;
  }

  const env = { [KEY_ENV]: KEY, ANTHROPIC_API_KEY: KEY };

  it('passes (promptfoo exits 0) when every answer parses, passes the check and meets the note; the exact prompt is sent', async () => {
    fakes.setScript('pf-gpt', { text: ANSWERS.correct });
    fakes.setScript('pf-claude', { text: ANSWERS.correct });
    const before = fakes.requests.length;
    const outcome = await runPromptfoo(exportTo('pass.yaml'), { cwd: dir, env });
    assert.equal(outcome.code, 0, outcome.stderr.slice(-2000));
    assert.deepEqual({ successes: outcome.stats.successes, failures: outcome.stats.failures }, { successes: 2, failures: 0 });
    assert.deepEqual(outcome.rows.map((r) => r.provider.label).sort(), ['Fake Claude', 'Fake GPT']);
    for (const row of outcome.rows) {
      assert.deepEqual(outcomesByMetric(row), { 'code-parses': true, verification: true, 'user-note': true }, row.provider.label);
    }
    const chats = fakes.requests.slice(before).filter((r) => (r.body as { model?: string }).model !== 'pf-grader');
    const openai = chats.find((r) => r.path === '/v1/chat/completions')?.body as { messages: { role: string; content: string }[]; temperature?: number };
    assert.deepEqual(openai.messages, [{ role: 'system', content: SYSTEM }, { role: 'user', content: USER }]);
    assert.equal(openai.temperature, 0.2);
    const anthropic = chats.find((r) => r.path === '/v1/messages')?.body as { system: unknown; messages: { role: string; content: unknown }[] };
    assert.equal(JSON.stringify(anthropic.system).includes(JSON.stringify(SYSTEM).slice(1, -1)), true, JSON.stringify(anthropic.system));
    assert.equal(JSON.stringify(anthropic.messages).includes(JSON.stringify(USER).slice(1, -1)), true, JSON.stringify(anthropic.messages));
    // The grader is the fake model chosen at export (nothing went to promptfoo's default grader).
    const graded = fakes.requests.slice(before).filter((r) => (r.body as { model?: string }).model === 'pf-grader');
    assert.equal(graded.length, 2, 'the chosen grader graded the note once per answer');
    assert.ok(JSON.stringify(graded[0]?.body).includes(JSON.stringify(NOTE).slice(1, -1)), 'the grader got the note as written');
  });

  it('fails (promptfoo reports failures) when one answer does not parse and the other fails the check', async () => {
    fakes.setScript('pf-gpt', { text: ANSWERS.broken });
    fakes.setScript('pf-claude', { text: ANSWERS.wrong });
    const outcome = await runPromptfoo(exportTo('fail.yaml'), { cwd: dir, env });
    assert.notEqual(outcome.code, 0, 'promptfoo exits non-zero on failed assertions');
    assert.deepEqual({ successes: outcome.stats.successes, failures: outcome.stats.failures }, { successes: 0, failures: 2 });
    const byLabel = new Map(outcome.rows.map((r) => [r.provider.label, r]));
    const gpt = byLabel.get('Fake GPT');
    const claude = byLabel.get('Fake Claude');
    assert.ok(gpt && claude, 'a row per model');
    assert.equal(outcomesByMetric(gpt)['code-parses'], false);
    assert.equal(outcomesByMetric(claude)['code-parses'], true);
    assert.equal(outcomesByMetric(claude).verification, false);
    assert.match(reasonMatching(claude, /node check\.js/) ?? '', /`node check\.js` failed \(exit 1\) with the answer in src\/sum\.js: .*sum\(2, 3\) is 6, not 5/);
    assert.match(reasonMatching(gpt, /JavaScript/) ?? '', /does not parse as JavaScript: SyntaxError/);
  });
});

/**
 * Logged runs as a promptfoo 0.115 config (`promptfooconfig.yaml`), so a comparison can be kept as a regression test
 * (issue 12, part 3). Pure: the host picks the runs, reads the endpoints from the user's settings and writes the file.
 *
 * Shape: one chat prompt (`system` + `user` from each test's vars, the exact text the run sent), one provider per
 * distinct model of the chosen runs (promptfooProviders.ts: endpoints and key variable NAMES, never keys), and one test
 * per run whose assertions are the run's own evidence (promptfooAssertions.ts): its code block parses, its check
 * command passes with the answer applied, and each of the user's notes as an `llm-rubric`. promptfoo runs every
 * provider on every test, so two runs exported together are each answered by all their models.
 *
 * The `llm-rubric` grader is `defaultTest.options.provider`: the model the user chose when exporting, or, when none
 * was chosen, promptfoo's default grader (an OpenAI model, which needs `OPENAI_API_KEY`).
 *
 * promptfoo renders assertion values as Nunjucks templates, so a note or a command holding `{{`, `{%` or `{#` is kept
 * literal with {@link nunjucksLiteral}; the vars' values are inserted as they are (the CLI test proves both). The YAML is written by the `yaml` library, never by hand.
 */
import type * as YamlModule from 'yaml';
import { type RunModel, type RunRecord, runNotes } from './preferenceRecord';
import { nunjucksLiteral, parsesAssertion, verificationAssertion } from './promptfooAssertions';
import { type ExportEndpoint, type PromptfooProvider, promptfooProvider } from './promptfooProviders';

export type { ExportEndpoint } from './promptfooProviders';

/** The one prompt: a chat array promptfoo fills from each test's vars (each string is rendered with the vars). */
export const PROMPTFOO_PROMPT = [
  '[',
  '  { "role": "system", "content": "{{ system }}" },',
  '  { "role": "user", "content": "{{ user }}" }',
  ']',
].join('\n');

export const PROMPTFOO_FILE_NAME = 'promptfooconfig.yaml';

/** How long the check command may run in one assertion, unless the caller says (parallax.verify.timeoutSeconds). */
const DEFAULT_VERIFY_TIMEOUT_MS = 300_000;

export interface PromptfooGrader {
  model: RunModel;
  endpoint: ExportEndpoint | undefined;
}

export interface PromptfooExportOptions {
  runs: readonly RunRecord[];
  /** Where a logged model's requests go now (the user's `parallax.models`), or undefined when it is not configured. */
  endpointOf: (model: RunModel) => ExportEndpoint | undefined;
  /** The model that grades the notes' `llm-rubric`s; undefined leaves promptfoo's default grader. */
  grader?: PromptfooGrader | undefined;
  verifyTimeoutMs?: number | undefined;
  exportedAt: Date;
  /** The `yaml` library, passed in: the host loads it (dist/yaml.js) only when a user exports. */
  yaml: YamlLibrary;
}

/** What the export uses of the `yaml` library. */
export type YamlLibrary = Pick<typeof YamlModule, 'Document' | 'isMap' | 'isSeq'>;

export type PromptfooAssertion =
  | { type: 'javascript'; value: string; metric: string }
  | { type: 'llm-rubric'; value: string; metric: string };

export interface PromptfooTest {
  description: string;
  vars: { system: string; user: string };
  assert: PromptfooAssertion[];
  metadata: { parallaxRunId: string; template: string; createdAt: string };
}

export interface PromptfooConfig {
  description: string;
  prompts: { label: string; raw: string }[];
  providers: PromptfooProvider[];
  defaultTest?: { options: { provider: PromptfooProvider } };
  tests: PromptfooTest[];
}

export interface PromptfooExport {
  yaml: string;
  config: PromptfooConfig;
  /** What was left out and why ("Copilot: promptfoo has no VS Code Language Model provider"). */
  skipped: string[];
}

/** Metric names, so promptfoo's report groups the assertions by what they check. */
export const PROMPTFOO_METRICS = { parses: 'code-parses', verification: 'verification', note: 'user-note' } as const;

function selectionText(run: RunRecord): string {
  const s = run.context.selection;
  if (!s) return '';
  return s.startLine === s.endLine ? `, line ${s.startLine + 1}` : `, lines ${s.startLine + 1}-${s.endLine + 1}`;
}

function describeRun(run: RunRecord): string {
  const where = run.context.filePath ?? run.languageId;
  return `${run.template}: ${where}${selectionText(run)} (Parallax run ${run.id}, ${run.createdAt})`;
}

/** Distinct check commands the run's candidates were verified with (cancelled checks say nothing). */
function verificationCommands(run: RunRecord): string[] {
  const commands = (run.verifications ?? []).filter((v) => v.state !== 'cancelled' && v.command.trim() !== '').map((v) => v.command);
  return [...new Set(commands)];
}

function testFor(run: RunRecord, timeoutMs: number, skipped: string[]): PromptfooTest {
  const assert: PromptfooAssertion[] = [];
  const codeTemplate = run.template === 'fix' || run.template === 'refactor' || run.template === 'tests';
  if (codeTemplate || run.outputs.some((o) => o.extractedCode !== undefined)) {
    assert.push({ type: 'javascript', value: nunjucksLiteral(parsesAssertion(run.languageId)), metric: PROMPTFOO_METRICS.parses });
  }
  const commands = verificationCommands(run);
  const { filePath, selection } = run.context;
  if (commands.length > 0) {
    if ((run.template === 'fix' || run.template === 'refactor') && filePath !== undefined && selection !== undefined) {
      for (const command of commands) {
        const body = verificationAssertion({ command, filePath, selection, languageId: run.languageId, timeoutMs });
        assert.push({ type: 'javascript', value: nunjucksLiteral(body), metric: PROMPTFOO_METRICS.verification });
      }
    } else {
      skipped.push(`run ${run.id}: its check (${commands.join(', ')}) needs a selection edit of a file to be repeated`);
    }
  }
  for (const note of runNotes(run)) assert.push({ type: 'llm-rubric', value: nunjucksLiteral(note), metric: PROMPTFOO_METRICS.note });
  return {
    description: describeRun(run),
    // promptfoo renders the prompt's strings with the vars, not the vars' values: these go out exactly as logged.
    vars: { system: run.prompt.system, user: run.prompt.user },
    assert,
    metadata: { parallaxRunId: run.id, template: run.template, createdAt: run.createdAt },
  };
}

interface CollectedProviders {
  providers: PromptfooProvider[];
  comments: Map<number, string>;
}

/** One provider per distinct model (same id, endpoint and parameters); labels made unique. */
function collectProviders(options: PromptfooExportOptions, skipped: string[]): CollectedProviders {
  const providers: PromptfooProvider[] = [];
  const comments = new Map<number, string>();
  const seen = new Set<string>();
  for (const run of options.runs) {
    for (const model of run.models) {
      const mapped = promptfooProvider(model, options.endpointOf(model));
      if (!mapped.ok) {
        const why = `run ${run.id}: ${mapped.why}`;
        if (!skipped.includes(why)) skipped.push(why);
        continue;
      }
      const key = JSON.stringify([mapped.provider.id, mapped.provider.config]);
      if (seen.has(key)) continue;
      seen.add(key);
      let label = mapped.provider.label;
      for (let n = 2; providers.some((p) => p.label === label); n++) label = `${mapped.provider.label} (${n})`;
      if (mapped.comment) comments.set(providers.length, mapped.comment);
      providers.push({ ...mapped.provider, label });
    }
  }
  return { providers, comments };
}

const HEADER = [
  ' promptfoo config exported by Parallax: each test is a logged comparison, kept as a regression test.',
  ' Run it from the project folder (the check commands run in a copy of it):',
  '   npx promptfoo@0.115 eval -c promptfooconfig.yaml --no-cache',
  ' No API keys are in this file: set the variables named by apiKeyEnvar (OpenAI and compatible)',
  ' or ANTHROPIC_API_KEY (Anthropic) first.',
].join('\n');

/** Builds the config and its YAML. Throws when no run has a model promptfoo can call. */
export function promptfooExport(options: PromptfooExportOptions): PromptfooExport {
  const skipped: string[] = [];
  const { providers, comments } = collectProviders(options, skipped);
  if (providers.length === 0) throw new Error(`none of the chosen runs has a model promptfoo can call (${skipped.join('; ')})`);
  const timeoutMs = options.verifyTimeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const tests = options.runs.map((run) => testFor(run, timeoutMs, skipped));
  const hasRubric = tests.some((t) => t.assert.some((a) => a.type === 'llm-rubric'));
  let grader: PromptfooProvider | undefined;
  if (hasRubric && options.grader) {
    const mapped = promptfooProvider(options.grader.model, options.grader.endpoint);
    if (mapped.ok) grader = mapped.provider;
    else skipped.push(`grader ${mapped.why}; promptfoo's default grader is used`);
  }
  const config: PromptfooConfig = {
    description: `Parallax: ${tests.length === 1 ? '1 comparison' : `${tests.length} comparisons`} exported ${options.exportedAt.toISOString()}`,
    prompts: [{ label: 'parallax-prompt', raw: PROMPTFOO_PROMPT }],
    providers,
    ...(grader ? { defaultTest: { options: { provider: grader } } } : {}),
    tests,
  };
  return { yaml: toYaml(options.yaml, config, comments, hasRubric && !grader), config, skipped };
}

function toYaml({ Document, isMap, isSeq }: YamlLibrary, config: PromptfooConfig, providerComments: Map<number, string>, defaultGrader: boolean): string {
  const doc = new Document(config);
  doc.commentBefore = HEADER;
  const providers = doc.get('providers', true);
  if (isSeq(providers)) {
    for (const [index, comment] of providerComments) {
      const node = providers.items[index];
      if (isMap(node)) node.commentBefore = comment;
    }
  }
  if (defaultGrader) {
    const tests = doc.get('tests', true);
    if (isSeq(tests)) {
      tests.commentBefore =
        " The notes' llm-rubric checks use promptfoo's default grader (OpenAI: set OPENAI_API_KEY),\n or set defaultTest.options.provider to the model that should grade.";
    }
  }
  return doc.toString({ lineWidth: 0 });
}

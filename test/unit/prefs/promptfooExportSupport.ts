/**
 * What the promptfoo export tests share: a tiny JavaScript project whose check passes only for a correct `sum`, the
 * answers the fakes give, and the real promptfoo CLI run on an exported file (async: the fakes answer in this process).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** scripts/lib/promptfooTool.mjs (an ES module, so loaded with import()). */
interface PromptfooTool {
  ensurePromptfoo(log?: (message: string) => void): string;
  promptfooEnv(configDir: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
}
export async function promptfooTool(): Promise<PromptfooTool> {
  const tool: PromptfooTool = await import('../../../scripts/lib/promptfooTool.mjs');
  return tool;
}

/** Installs the pinned promptfoo when setup has not (idempotent); returns its CLI entry point. */
export async function ensurePromptfooCli(): Promise<string> {
  return (await promptfooTool()).ensurePromptfoo(() => undefined);
}

/** `src/sum.js`: lines 1–3 (0-based 0–2) are the selection a run asked to fix. */
export const SUM_SOURCE = ['function sum(a, b) {', '  return a - b;', '}', '', 'module.exports = { sum };', ''].join('\n');
export const SUM_SELECTION = { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 1 };
export const CHECK_COMMAND = 'node check.js';

/** Writes the project into `dir`: `src/sum.js` (with the bug) and `check.js` (exits 1 unless sum is right). */
export function writeSumProject(dir: string): void {
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'src', 'sum.js'), SUM_SOURCE);
  writeFileSync(
    join(dir, 'check.js'),
    "const { sum } = require('./src/sum.js');\nif (sum(2, 3) !== 5) { console.error('sum(2, 3) is ' + sum(2, 3) + ', not 5'); process.exit(1); }\nconsole.log('ok');\n",
  );
}

const fenced = (code: string): string => `The subtraction should be an addition.\n\n\`\`\`javascript\n${code}\n\`\`\`\n`;
export const ANSWERS = {
  correct: fenced('function sum(a, b) {\n  return a + b;\n}'),
  /** Parses, but the check fails. */
  wrong: fenced('function sum(a, b) {\n  return a * b;\n}'),
  /** Does not parse (the closing brace is missing). */
  broken: fenced('function sum(a, b) {\n  return a + b;'),
};

/** What an llm-rubric grader answers (promptfoo parses the grader's JSON). */
export const GRADER_PASS = JSON.stringify({ reason: 'The answer keeps the name sum.', pass: true, score: 1 });

export interface PromptfooRow {
  success: boolean;
  namedScores?: Record<string, number>;
  provider: { id: string; label?: string };
  response?: { output?: unknown };
  gradingResult?: { pass: boolean; componentResults?: { pass: boolean; reason: string; assertion?: { type: string; metric?: string } }[] };
}

export interface PromptfooOutcome {
  code: number | null;
  stderr: string;
  rows: PromptfooRow[];
  stats: { successes: number; failures: number; errors?: number };
}

export interface PromptfooRunOptions {
  /** Where promptfoo runs (the project folder: the check commands run in a copy of it). */
  cwd: string;
  /** Where its results file and its own config folder go (default: `cwd`). */
  outDir?: string;
  env: Record<string, string>;
  /** `-j`: 1 makes the order of requests fixed (each answer, then its grading). */
  concurrency?: number;
}

/** `promptfoo eval -c <config> --no-cache -o <out>.json`; resolves with the exit code and the JSON results. */
export async function runPromptfoo(configPath: string, opts: PromptfooRunOptions): Promise<PromptfooOutcome> {
  const tool = await promptfooTool();
  const entry = tool.ensurePromptfoo(() => undefined);
  const outDir = opts.outDir ?? opts.cwd;
  const outFile = join(outDir, `promptfoo-out-${Date.now()}.json`);
  const args = [entry, 'eval', '-c', configPath, '--no-cache', '--no-table', '--no-progress-bar', '-o', outFile];
  if (opts.concurrency !== undefined) args.push('-j', String(opts.concurrency));
  const child = spawn(process.execPath, args, { cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: tool.promptfooEnv(join(outDir, '.promptfoo'), opts.env) });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  let out: { results?: { results?: PromptfooRow[]; stats?: PromptfooOutcome['stats'] } };
  try {
    out = JSON.parse(readFileSync(outFile, 'utf8')) as typeof out;
  } catch {
    throw new Error(`promptfoo wrote no results (exit ${code}): ${log.slice(-2000)}`);
  }
  return { code, stderr: log, rows: out.results?.results ?? [], stats: out.results?.stats ?? { successes: 0, failures: 0 } };
}

/** One row's assertion outcomes by metric from promptfoo's own `namedScores`, e.g. { 'code-parses': true, verification: false }. */
export function outcomesByMetric(row: PromptfooRow): Record<string, boolean> {
  return Object.fromEntries(Object.entries(row.namedScores ?? {}).map(([metric, score]) => [metric, score > 0]));
}

/** The reason promptfoo recorded for the assertion whose reason matches `pattern`. */
export function reasonMatching(row: PromptfooRow, pattern: RegExp): string | undefined {
  return row.gradingResult?.componentResults?.map((c) => c.reason).find((r) => pattern.test(r));
}

/**
 * The assertions of a promptfoo export (issue 12, part 3), as promptfoo 0.115 runs them.
 *
 * promptfoo 0.115 has no assertion type that runs a shell command, so both code checks are `javascript` assertions:
 * a multi-line value is a function body, run by promptfoo as `new Function('output', 'context', body)` and returning
 * `{ pass, score, reason }`. `require` is not in scope there, so Node's modules come from `process.getBuiltinModule`
 * (Node ≥ 20.16). Every assertion value is also rendered by Nunjucks before it runs: {@link nunjucksLiteral} keeps
 * text that looks like a template as it is.
 *
 * - Code parses: the answer's code block (the longest one tagged with the run's language, else the longest untagged,
 *   else the longest) must parse. JavaScript: `node --check` as a script, then as an ES module. JSON: `JSON.parse`.
 *   Python: `python3` `ast.parse` (when `python3` is missing it falls back to the bracket check and says so).
 *   Other languages (TypeScript included: promptfoo ships no TypeScript compiler and Node 20 strips no types): brackets
 *   ( [ { must balance outside strings and comments. That is a weaker check, and the reason says which one ran.
 * - Verification: the run's check command, in a temporary copy of the project (the folder promptfoo runs in, or
 *   `PARALLAX_PROJECT_ROOT`; `.git` left out, `node_modules` linked) with the recorded selection of the recorded file
 *   replaced by the answer's code, as Parallax verified it. It passes when the command exits 0. Variables whose names
 *   look like secrets (`*_API_KEY`, `*_TOKEN`, `*SECRET*`, `*PASSWORD*`) are not passed to it.
 * - The user's notes become `llm-rubric` assertions (see promptfooExport.ts).
 */

/** Text that renders to itself through Nunjucks: wrapped in `{% raw %}` only when it holds a tag opener. */
export function nunjucksLiteral(text: string): string {
  if (!/\{[{%#]/.test(text)) return text;
  // `{% endraw %}` inside the text would end the raw block early: emit its `{%` as an expression instead.
  const body = text.replace(/\{%(-?\s*endraw)/g, '{% endraw %}{{ "{%" }}{% raw %}$1');
  return `{% raw %}${body}{% endraw %}`;
}

/** Fence tags that mean the run's language (more than the language id itself for the common ones). */
const TAGS: Readonly<Record<string, readonly string[]>> = {
  javascript: ['js', 'javascript', 'mjs', 'cjs', 'node'],
  javascriptreact: ['jsx', 'javascriptreact'],
  typescript: ['ts', 'typescript', 'mts', 'cts'],
  typescriptreact: ['tsx', 'typescriptreact'],
  python: ['py', 'python', 'python3'],
  json: ['json'],
  jsonc: ['jsonc', 'json'],
  shellscript: ['sh', 'bash', 'shell', 'zsh'],
  csharp: ['cs', 'csharp'],
  cpp: ['cpp', 'c++', 'cc', 'cxx'],
  go: ['go', 'golang'],
  rust: ['rs', 'rust'],
  ruby: ['rb', 'ruby'],
};

export function fenceTagsFor(languageId: string): string[] {
  const id = languageId.toLowerCase();
  return [...new Set([id, ...(TAGS[id] ?? [])])];
}

/** How a language's code is checked. */
export type ParseCheck = 'node' | 'json' | 'python' | 'brackets';

export function parseCheckFor(languageId: string): ParseCheck {
  const id = languageId.toLowerCase();
  if (id === 'javascript') return 'node';
  if (id === 'json') return 'json';
  if (id === 'python') return 'python';
  return 'brackets';
}

/** Comment syntax for the bracket check: `#` languages, or C-like `//` and `/* *\/`. */
function hashComments(languageId: string): boolean {
  return ['python', 'shellscript', 'ruby', 'yaml', 'toml', 'perl', 'r', 'powershell', 'makefile', 'dockerfile', 'elixir'].includes(
    languageId.toLowerCase(),
  );
}

/** JS source (statements) that defines `candidate`: the answer's chosen code block, or undefined. */
function candidateSource(languageId: string): string {
  return `const tags = ${JSON.stringify(fenceTagsFor(languageId))};
const blocks = [];
const fence = /^[ \\t]*(\`{3,}|~{3,})[ \\t]*([^\\s\`]*)[^\\n]*\\n([\\s\\S]*?)^[ \\t]*\\1[ \\t]*$/gm;
for (let m = fence.exec(String(output)); m !== null; m = fence.exec(String(output))) blocks.push({ lang: m[2].toLowerCase(), code: m[3] });
const tagged = blocks.filter((b) => tags.includes(b.lang));
const untagged = blocks.filter((b) => b.lang === '');
const pool = tagged.length > 0 ? tagged : untagged.length > 0 ? untagged : blocks;
const candidate = pool.length === 0 ? undefined : pool.reduce((a, b) => (b.code.length > a.code.length ? b : a)).code;
const load = (name) => (typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule(name) : process.mainModule.require(name));
const result = (pass, reason) => ({ pass, score: pass ? 1 : 0, reason });`;
}

function bracketSource(hash: boolean): string {
  return `const brackets = (code) => {
  const open = '([{', close = ')]}', stack = [];
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (${hash ? "c === '#'" : "c === '/' && code[i + 1] === '/'"}) { while (i < code.length && code[i] !== '\\n') i++; continue; }
    if (${hash ? 'false' : "c === '/' && code[i + 1] === '*'"}) { const end = code.indexOf('*/', i + 2); if (end < 0) return 'a comment is not closed'; i = end + 1; continue; }
    if (c === '"' || c === "'" || c === '\`') {
      let j = i + 1;
      while (j < code.length && code[j] !== c) { if (code[j] === '\\\\') j++; j++; }
      if (j >= code.length) return 'a string (' + c + ') is not closed';
      i = j; continue;
    }
    if (open.includes(c)) stack.push(c);
    else if (close.includes(c)) { const want = open[close.indexOf(c)]; if (stack.pop() !== want) return 'unbalanced ' + c; }
  }
  return stack.length === 0 ? undefined : 'unclosed ' + stack[stack.length - 1];
};`;
}

function checkSource(check: ParseCheck): string {
  switch (check) {
    case 'json':
      return `try { JSON.parse(candidate); return result(true, 'the code block is valid JSON'); } catch (err) { return result(false, 'the code block is not valid JSON: ' + err.message); }`;
    case 'node':
      return `const fs = load('node:fs'), os = load('node:os'), path = load('node:path'), cp = load('node:child_process');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-parse-'));
try {
  const errors = [];
  for (const ext of ['.cjs', '.mjs']) {
    const file = path.join(dir, 'candidate' + ext);
    fs.writeFileSync(file, candidate);
    const res = cp.spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    if (res.status === 0) return result(true, 'node --check accepts the code block (' + (ext === '.cjs' ? 'script' : 'ES module') + ')');
    errors.push(String(res.stderr).split('\\n').find((l) => /Error/.test(l)) || 'exit ' + res.status);
  }
  return result(false, 'the code block does not parse as JavaScript: ' + errors[errors.length - 1]);
} finally { fs.rmSync(dir, { recursive: true, force: true }); }`;
    case 'python':
      return `const res = load('node:child_process').spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: candidate, encoding: 'utf8' });
if (!res.error) return res.status === 0 ? result(true, 'python3 ast.parse accepts the code block') : result(false, 'the code block does not parse as Python: ' + String(res.stderr).trim().split('\\n').pop());
const problem = brackets(candidate);
return result(problem === undefined, 'python3 not found, so only brackets were checked: ' + (problem ?? 'balanced'));`;
    case 'brackets':
      return `const problem = brackets(candidate);
return result(problem === undefined, problem === undefined ? 'brackets balance outside strings and comments (a bracket check, not a full parse)' : 'the code block does not parse: ' + problem);`;
  }
}

/** The body of the `javascript` assertion "the answer's code parses". */
export function parsesAssertion(languageId: string): string {
  const check = parseCheckFor(languageId);
  return [
    candidateSource(languageId),
    check === 'python' || check === 'brackets' ? bracketSource(hashComments(languageId)) : '',
    `if (candidate === undefined) return result(false, 'the answer has no fenced code block');`,
    checkSource(check),
  ]
    .filter((s) => s !== '')
    .join('\n');
}

export interface VerificationTarget {
  command: string;
  /** Workspace-relative path of the file, '/'-separated. */
  filePath: string;
  /** 0-based, as VS Code positions. */
  selection: { startLine: number; startCharacter: number; endLine: number; endCharacter: number };
  languageId: string;
  timeoutMs: number;
}

/** The body of the `javascript` assertion "the run's check passes with the answer applied". */
export function verificationAssertion(target: VerificationTarget): string {
  const { command, filePath, selection, timeoutMs } = target;
  return `${candidateSource(target.languageId)}
if (candidate === undefined) return result(false, 'the answer has no fenced code block to verify');
const fs = load('node:fs'), os = load('node:os'), path = load('node:path'), cp = load('node:child_process');
const command = ${JSON.stringify(command)}, relative = ${JSON.stringify(filePath)}, sel = ${JSON.stringify(selection)};
const root = process.env.PARALLAX_PROJECT_ROOT || process.cwd();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-verify-'));
try {
  fs.cpSync(root, dir, { recursive: true, filter: (src) => { const top = path.relative(root, src).split(path.sep)[0]; return top !== '.git' && top !== 'node_modules'; } });
  if (fs.existsSync(path.join(root, 'node_modules'))) fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  const file = path.join(dir, ...relative.split('/'));
  if (!fs.existsSync(file)) return result(false, relative + ' is not in ' + root + ' (run promptfoo from the project folder, or set PARALLAX_PROJECT_ROOT)');
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\\n');
  const at = (line, ch) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + ch;
  const start = at(sel.startLine, sel.startCharacter), end = at(sel.endLine, sel.endCharacter);
  const code = !text.slice(start, end).endsWith('\\n') && candidate.endsWith('\\n') ? candidate.slice(0, -1) : candidate;
  fs.writeFileSync(file, text.slice(0, start) + code + text.slice(end));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/(_API_KEY|_TOKEN|SECRET|PASSWORD)/i.test(k)));
  const res = cp.spawnSync(command, { cwd: dir, shell: true, encoding: 'utf8', timeout: ${timeoutMs}, env: { ...env, CI: '1', NO_COLOR: '1' } });
  if (res.status === 0) return result(true, '\`' + command + '\` passed with the answer in ' + relative);
  const tail = (String(res.stdout) + String(res.stderr)).trim().split('\\n').slice(-5).join(' | ');
  return result(false, '\`' + command + '\` failed (' + (res.error ? res.error.message : 'exit ' + (res.status ?? res.signal)) + ') with the answer in ' + relative + ': ' + tail);
} finally { fs.rmSync(dir, { recursive: true, force: true }); }`;
}

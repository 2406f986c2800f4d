/**
 * Finding the failing tests' names in a check's output, for the runners whose output names them: TAP (node:test
 * when piped), node:test's spec reporter, mocha, jest, vitest, pytest, cargo and go. And counting type-checker and
 * linter errors (tsc, eslint). Each parser is a small pure function; `failingTestNames` runs them all.
 */

/** At most this many names are kept per verification. */
export const MAX_NAMES = 50;

type NameParser = (lines: readonly string[]) => string[];

/** TAP: `not ok 3 - name # comment`; node:test nests subtests by indentation, which names them just the same. */
export const tapFailures: NameParser = (lines) =>
  lines.flatMap((line) => {
    const m = /^\s*not ok \d+(?: -)? (.+?)(?:\s+#\s*(?:SKIP|TODO).*)?$/i.exec(line);
    if (!m?.[1] || /#\s*(SKIP|TODO)/i.test(line)) return [];
    return [m[1].replace(/\s+#.*$/, '').trim()];
  });

/** node:test spec reporter, jest and vitest: `✖ name (1.2ms)`, `✕ name (3 ms)`, `× name 12ms`. */
export const crossMarkFailures: NameParser = (lines) =>
  lines.flatMap((line) => {
    const m = /^\s*[✖✕×] (.+?)(?:\s+\(?\d+(?:\.\d+)?\s?m?s\)?)?$/.exec(line);
    if (!m?.[1] || /^failing tests:?$/i.test(m[1])) return [];
    return [m[1].trim()];
  });

/** mocha's spec reporter lists a failure inline as `  1) name`. */
export const mochaFailures: NameParser = (lines) => {
  if (!lines.some((l) => /^\s+\d+ failing\b/.test(l))) return [];
  const names: string[] = [];
  for (const line of lines) {
    if (/^\s+\d+ failing\b/.test(line)) break; // the details below repeat the names with their suites
    const m = /^\s+\d+\) (.+)$/.exec(line);
    if (m?.[1]) names.push(m[1].trim());
  }
  return names;
};

/** pytest's short summary: `FAILED tests/test_x.py::test_name - AssertionError`. */
export const pytestFailures: NameParser = (lines) =>
  lines.flatMap((line) => {
    const m = /^(?:FAILED|ERROR) (\S+?)(?: - .*)?$/.exec(line);
    return m?.[1] ? [m[1]] : [];
  });

/** cargo test: `test module::name ... FAILED`. */
export const cargoFailures: NameParser = (lines) =>
  lines.flatMap((line) => {
    const m = /^test (\S+) \.\.\. FAILED$/.exec(line.trim());
    return m?.[1] ? [m[1]] : [];
  });

/** go test: `--- FAIL: TestName (0.00s)`, subtests indented. */
export const goFailures: NameParser = (lines) =>
  lines.flatMap((line) => {
    const m = /^\s*--- FAIL: (\S+)/.exec(line);
    return m?.[1] ? [m[1]] : [];
  });

const PARSERS: readonly NameParser[] = [tapFailures, crossMarkFailures, mochaFailures, pytestFailures, cargoFailures, goFailures];

/** Every failing test the output names, de-duplicated, in order, capped at MAX_NAMES. */
export function failingTestNames(output: string): string[] {
  const lines = stripAnsi(output).split(/\r?\n/);
  const names = new Set<string>();
  for (const parse of PARSERS) for (const name of parse(lines)) if (!isFileEntry(name)) names.add(name);
  return [...names].slice(0, MAX_NAMES);
}

/** node:test (running files) and TAP producers report a failing file as a test named by its path. */
function isFileEntry(name: string): boolean {
  return /^(?:\/|[A-Za-z]:\\)\S+\.[cm]?[jt]sx?$/.test(name);
}

/** Errors a type checker or linter reports: tsc's `error TS2322:`, eslint's `✖ 3 problems (2 errors, 1 warning)`. */
export function errorCount(output: string): number | undefined {
  const text = stripAnsi(output);
  const tsc = text.match(/\berror TS\d+:/g);
  if (tsc) return tsc.length;
  const found = /Found (\d+) errors?\b/.exec(text);
  if (found?.[1]) return Number(found[1]);
  const eslint = /\u2716 \d+ problems? \((\d+) errors?/.exec(text);
  if (eslint?.[1]) return Number(eslint[1]);
  return undefined;
}

/** Counts of passed and failed tests when the runner prints a summary (TAP/node:test, mocha, jest, pytest, cargo). */
export function testCounts(output: string): { passed?: number; failed?: number } {
  const text = stripAnsi(output);
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    return m?.[1] === undefined ? undefined : Number(m[1]);
  };
  const passed = num(/^# pass (\d+)/m) ?? num(/^ℹ pass (\d+)/m) ?? num(/^\s+(\d+) passing\b/m) ?? num(/Tests:.*?(\d+) passed/) ?? num(/(\d+) passed/);
  const failed = num(/^# fail (\d+)/m) ?? num(/^ℹ fail (\d+)/m) ?? num(/^\s+(\d+) failing\b/m) ?? num(/Tests:.*?(\d+) failed/) ?? num(/(\d+) failed/);
  return { ...(passed === undefined ? {} : { passed }), ...(failed === undefined ? {} : { failed }) };
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

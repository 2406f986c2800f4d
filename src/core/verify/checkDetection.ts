/**
 * Which check verifies a candidate: the user's `parallax.verify.command`, or one detected from the workspace's
 * files, with the reason it was chosen (shown to the user before anything runs).
 */

export type CheckKind = 'tests' | 'errors';

export interface CheckCommand {
  /** The exact command line, run by the shell in the checkout's root. */
  command: string;
  /** Why this command (shown beside it). */
  reason: string;
  /** 'tests': pass/fail with test names; 'errors': a type checker or linter, compared by error count. */
  kind: CheckKind;
  /** From the setting (the workspace may have set it) rather than detected. */
  configured: boolean;
}

/** Reads the workspace root: whether a file exists, and a small file's text. */
export interface WorkspaceProbe {
  exists(relPath: string): boolean;
  read(relPath: string): string | undefined;
}

/** npm's placeholder test script, which always fails. */
const NPM_PLACEHOLDER = /no test specified/;

export function detectCheck(configured: string, probe: WorkspaceProbe): CheckCommand | undefined {
  const command = configured.trim();
  if (command !== '') return { command, reason: 'set in parallax.verify.command', kind: looksLikeErrorCheck(command) ? 'errors' : 'tests', configured: true };
  const testScript = packageTestScript(probe.read('package.json'));
  if (testScript !== undefined) {
    const runner = probe.exists('pnpm-lock.yaml') ? 'pnpm' : probe.exists('yarn.lock') ? 'yarn' : 'npm';
    const why = runner === 'npm' ? '' : ` (${runner === 'pnpm' ? 'pnpm-lock.yaml' : 'yarn.lock'} found)`;
    return { command: `${runner} test`, reason: `package.json has a "test" script${why}`, kind: 'tests', configured: false };
  }
  if (probe.exists('pytest.ini') || probe.exists('conftest.py') || /\[tool\.pytest/.test(probe.read('pyproject.toml') ?? '') || /\[tool:pytest\]/.test(probe.read('setup.cfg') ?? '')) {
    return { command: 'pytest', reason: 'a pytest configuration was found', kind: 'tests', configured: false };
  }
  if (probe.exists('Cargo.toml')) return { command: 'cargo test', reason: 'Cargo.toml found', kind: 'tests', configured: false };
  if (probe.exists('go.mod')) return { command: 'go test ./...', reason: 'go.mod found', kind: 'tests', configured: false };
  if (probe.exists('tsconfig.json')) return { command: 'npx --no-install tsc --noEmit', reason: 'tsconfig.json found and no test script', kind: 'errors', configured: false };
  return undefined;
}

function packageTestScript(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const pkg = JSON.parse(text) as { scripts?: Record<string, unknown> };
    const script = pkg.scripts?.test;
    return typeof script === 'string' && script.trim() !== '' && !NPM_PLACEHOLDER.test(script) ? script : undefined;
  } catch {
    return undefined;
  }
}

/** A type checker or linter: its result is an error count, not test names. */
function looksLikeErrorCheck(command: string): boolean {
  return /\b(tsc|eslint|mypy|pyright|ruff|clippy|golangci-lint)\b/.test(command) && !/\btest\b/.test(command);
}

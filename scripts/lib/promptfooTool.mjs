// The real promptfoo CLI for the tests of the promptfoo export (never a dependency of the extension: it is huge).
// Installs promptfoo@PROMPTFOO_VERSION once into <parallax cache>/promptfoo-<version> (outside the repository, like
// code-server) with `npm install --prefix`, and tells where its CLI is. Idempotent: a re-run only checks the installed
// version. Used by `npm test`'s setup phase and by the tests themselves. Only node built-ins here.
// promptfoo 0.115.x is the newest line whose engines accept Node 20. Its optional playwright dependency would download
// a browser (unreachable here): PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 skips that; better-sqlite3 may build from source.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vscodeEnv from './vscodeEnv.cjs';

export const PROMPTFOO_VERSION = '0.115.0';

/** The folder promptfoo is installed into. */
export function promptfooDir() {
  return join(vscodeEnv.parallaxCacheDir(), `promptfoo-${PROMPTFOO_VERSION}`);
}

/** The CLI entry point (run it with `node`). */
export function promptfooEntry() {
  return join(promptfooDir(), 'node_modules', 'promptfoo', 'dist', 'src', 'main.js');
}

/** The environment every promptfoo run gets: no telemetry, no update check, no sharing, config kept in `configDir`. */
export function promptfooEnv(configDir, extra = {}) {
  return {
    ...process.env,
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_DISABLE_REMOTE_GENERATION: '1',
    PROMPTFOO_CONFIG_DIR: configDir,
    ...extra,
  };
}

function installedVersion() {
  try {
    return JSON.parse(readFileSync(join(promptfooDir(), 'node_modules', 'promptfoo', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Installs the pinned promptfoo when it is missing; returns the CLI entry point. Throws with npm's error lines when the
 * install fails.
 */
export function ensurePromptfoo(log = (m) => console.log(`[setup] ${m}`)) {
  if (installedVersion() === PROMPTFOO_VERSION && existsSync(promptfooEntry())) {
    log(`promptfoo ${PROMPTFOO_VERSION} present in ${promptfooDir()}`);
    return promptfooEntry();
  }
  const dir = promptfooDir();
  mkdirSync(dir, { recursive: true });
  log(`installing promptfoo ${PROMPTFOO_VERSION} into ${dir} (once, a few minutes)`);
  const res = spawnSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `promptfoo@${PROMPTFOO_VERSION}`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...promptfooEnv(join(dir, 'config')),
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        PUPPETEER_SKIP_DOWNLOAD: '1',
        npm_config_yes: 'true',
      },
    },
  );
  if (res.error) throw new Error(`npm could not start: ${res.error.message}`);
  if (res.status !== 0 || installedVersion() !== PROMPTFOO_VERSION) {
    const lines = `${res.stderr ?? ''}`.split('\n').filter((l) => /err/i.test(l)).slice(0, 5).join('\n');
    throw new Error(`npm install promptfoo@${PROMPTFOO_VERSION} failed (${res.status ?? res.signal}):\n${lines}`);
  }
  log(`promptfoo ${PROMPTFOO_VERSION} installed`);
  return promptfooEntry();
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    console.log(ensurePromptfoo());
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

#!/usr/bin/env node
// Installs what the real-VS-Code tests and `npm start` need, outside the repo and cached:
// Debian packages (native build deps of code-server, ripgrep, Chromium), a seeded @vscode/ripgrep download cache,
// and code-server into ~/.cache/parallax/code-server-<version>. A re-run only checks and takes seconds.
// Writes <cache>/vscode-env.json ({ codeServerEntry, chromiumPath, codeServerVersion }) for the harness to read.
// Only node built-ins here: it runs before `npm ci` on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vscodeEnv from './lib/vscodeEnv.cjs';

const { parallaxCacheDir, vscodeEnvFile } = vscodeEnv;
export { parallaxCacheDir, vscodeEnvFile };

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_BINARY_VERSION = 'v13.0.0-10';
const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'ripgrep', 'chromium'];
const CHROMIUM_PATH = '/usr/bin/chromium';

class SetupError extends Error {}

function log(message) {
  console.log(`[setup] ${message}`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.error) throw new SetupError(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new SetupError(`\`${cmd} ${args.join(' ')}\` exited with ${res.status ?? res.signal}`);
}

function isInstalled(pkg) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return res.status === 0 && res.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !isInstalled(p));
  if (missing.length === 0) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(`missing Debian packages (${missing.join(' ')}); run as root or: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  const still = missing.filter((p) => !isInstalled(p));
  if (still.length > 0) throw new SetupError(`apt-get did not install: ${still.join(', ')}`);
}

/** @vscode/ripgrep's postinstall downloads rg from GitHub, unreachable here; it looks in this cache first. */
function seedRipgrepCache() {
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!target) throw new SetupError(`no ripgrep cache seed for architecture ${process.arch}`);
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const archive = join(dir, `ripgrep-${RIPGREP_BINARY_VERSION}-${target}.tar.gz`);
  if (existsSync(archive)) {
    log(`ripgrep cache seeded: ${archive}`);
    return;
  }
  log(`seeding ripgrep cache from /usr/bin/rg: ${archive}`);
  const src = `${dir}.src`;
  mkdirSync(dir, { recursive: true });
  mkdirSync(src, { recursive: true });
  copyFileSync('/usr/bin/rg', join(src, 'rg'));
  run('tar', ['czf', archive, '-C', src, 'rg']);
}

function ensureCodeServer() {
  const prefix = join(parallaxCacheDir(), `code-server-${CODE_SERVER_VERSION}`);
  const marker = join(prefix, '.parallax-installed');
  const entry = join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (existsSync(marker) && existsSync(entry)) {
    log(`code-server ${CODE_SERVER_VERSION} cached: ${prefix}`);
    return entry;
  }
  log(`installing code-server ${CODE_SERVER_VERSION} into ${prefix} (about 2 minutes, once)`);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  // Its postinstall runs `npx node-gyp` (needs npm_config_yes with no terminal) and refuses root without --unsafe-perm.
  run('npm', ['install', '--prefix', prefix, `code-server@${CODE_SERVER_VERSION}`, '--unsafe-perm', '--no-audit', '--no-fund'], {
    env: { ...process.env, npm_config_yes: 'true' },
  });
  if (!existsSync(entry)) throw new SetupError(`code-server installed but ${entry} is missing`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return entry;
}

function ensureChromium() {
  if (!existsSync(CHROMIUM_PATH)) throw new SetupError(`Chromium not found at ${CHROMIUM_PATH} (Debian package "chromium")`);
  log(`Chromium: ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}

/** Runs every step; returns the paths the harness needs. Throws with a clear message on failure. */
export function setupVscode() {
  if (process.platform !== 'linux') throw new SetupError(`this setup supports Debian/Ubuntu Linux only (found ${process.platform})`);
  ensureAptPackages();
  seedRipgrepCache();
  const codeServerEntry = ensureCodeServer();
  const chromiumPath = ensureChromium();
  const env = { codeServerVersion: CODE_SERVER_VERSION, codeServerEntry, chromiumPath };
  mkdirSync(parallaxCacheDir(), { recursive: true });
  writeFileSync(vscodeEnvFile(), `${JSON.stringify(env, null, 2)}\n`);
  return env;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const env = setupVscode();
    log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(env)}`);
  } catch (err) {
    console.error(`[setup] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

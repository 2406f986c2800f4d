// The first step of `npm test` and `npm start` on a fresh clone: install the npm dependencies when node_modules is
// missing or older than package-lock.json, and make sure esbuild's native binary works (as .ci/run does). Only node
// built-ins here: it runs before anything from node_modules can be loaded.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why node_modules does not match package-lock.json, or undefined when it does. npm ci writes the installed tree to
 * node_modules/.package-lock.json; a package the lock names at another version (or not at all, unless optional: the
 * platform binaries of other systems are never installed) means the install is stale.
 */
export function staleReason(root) {
  const lock = readJson(join(root, 'package-lock.json'));
  if (!lock?.packages) return 'package-lock.json is missing or unreadable';
  const installed = readJson(join(root, 'node_modules', '.package-lock.json'));
  if (!installed?.packages) return 'node_modules is missing';
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (path === '' || meta.link) continue;
    const have = installed.packages[path];
    if (!have) {
      if (meta.optional || meta.devOptional) continue;
      return `${path} is not installed`;
    }
    if (have.version !== meta.version) return `${path} is ${have.version}, package-lock.json wants ${meta.version}`;
  }
  return undefined;
}

function run(tag, cmd, args, root, env = process.env) {
  console.log(`[${tag}] ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.error) throw new Error(`${cmd} could not start: ${res.error.message}`);
  if (res.status !== 0) throw new Error(`\`${cmd} ${args.join(' ')}\` exited with ${res.status ?? res.signal}`);
}

function esbuildWorks(root) {
  const res = spawnSync(process.execPath, ['-e', "require('esbuild').transformSync('let a = 1')"], { cwd: root, stdio: 'ignore' });
  return res.status === 0;
}

/** Installs the dependencies if needed and checks esbuild; throws with a clear message when that fails. */
export function ensureDependencies(root, tag) {
  const reason = staleReason(root);
  if (reason !== undefined) {
    console.log(`[${tag}] installing npm dependencies (${reason})`);
    // npx steps inside installs must not wait for a "y" when no terminal is attached.
    run(tag, 'npm', ['ci', '--no-audit', '--no-fund'], root, { ...process.env, npm_config_yes: 'true' });
    const still = staleReason(root);
    if (still !== undefined) throw new Error(`npm ci finished but node_modules is still stale: ${still}`);
  }
  // npm 11 may skip install scripts it has not been told to allow, and esbuild's binary comes from one.
  if (!esbuildWorks(root)) {
    console.log(`[${tag}] esbuild binary not usable; running npm rebuild esbuild`);
    run(tag, 'npm', ['rebuild', 'esbuild'], root);
    if (!esbuildWorks(root)) throw new Error('esbuild is still not usable after npm rebuild esbuild');
  }
}

#!/usr/bin/env node
// `npm start`: a working Parallax in a real VS Code (code-server) from a fresh clone. Installs what is missing
// (Debian packages, code-server, npm deps: all cached), builds and packages the extension, then hands over to
// scripts/demo/runDemo.ts, which serves the sample workspace on 127.0.0.1 (port from PORT, else a free one).
// Ctrl+C stops everything. Only node built-ins here: it runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/bootstrap.mjs';
import { setupVscode } from './setup-vscode.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function step(cmd, args, env = process.env) {
  console.log(`[start] ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) {
    console.error(`[start] FAILED: ${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
    process.exit(1);
  }
}

try {
  setupVscode();
  ensureDependencies(root, 'start');
} catch (err) {
  console.error(`[start] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
step('npm', ['run', 'package']);

const demo = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'demo', 'runDemo.ts')], { cwd: root, stdio: 'inherit' });
// Ctrl+C reaches both processes (same terminal group); a SIGTERM sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => demo.kill(signal));
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

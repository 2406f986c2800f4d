/** Where scripts/setup-vscode.mjs put code-server and Chromium (it writes <cache>/vscode-env.json last). */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface VscodeEnv {
  codeServerVersion: string;
  /** code-server's `out/node/entry.js`, run with this Node. */
  codeServerEntry: string;
  chromiumPath: string;
}

/** Same rule as `parallaxCacheDir()` in scripts/setup-vscode.mjs. */
export function parallaxCacheDir(): string {
  return process.env.PARALLAX_CACHE_DIR ?? join(homedir(), '.cache', 'parallax');
}

export function readVscodeEnv(): VscodeEnv {
  const file = join(parallaxCacheDir(), 'vscode-env.json');
  if (!existsSync(file)) throw new Error(`${file} not found: run \`node scripts/setup-vscode.mjs\` first`);
  return JSON.parse(readFileSync(file, 'utf8')) as VscodeEnv;
}

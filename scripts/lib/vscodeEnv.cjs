// Where scripts/setup-vscode.mjs puts code-server and Chromium: the one definition of the cache folder and of
// vscode-env.json, read by setup (.mjs), `npm start` and the e2e harness (TypeScript, typed by vscodeEnv.d.cts).
// CommonJS with node built-ins only, so both module systems load it before `npm ci`.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join } = require('node:path');

function parallaxCacheDir() {
  return process.env.PARALLAX_CACHE_DIR ?? join(homedir(), '.cache', 'parallax');
}

/** The file setup writes last. */
function vscodeEnvFile() {
  return join(parallaxCacheDir(), 'vscode-env.json');
}

/** Reads what setup wrote; throws a message that says to run setup when it is missing. */
function readVscodeEnv() {
  const file = vscodeEnvFile();
  if (!existsSync(file)) throw new Error(`${file} not found: run \`node scripts/setup-vscode.mjs\` first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

module.exports = { parallaxCacheDir, vscodeEnvFile, readVscodeEnv };

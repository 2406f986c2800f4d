#!/usr/bin/env node
// `npm test`: setup (cached), unit tests, then the e2e suite in a real VS Code (code-server + Chromium), which also
// runs the integration suite inside the extension host. Ends with one line "N passed, N failed[, N skipped]" and
// exits non-zero on any failure. PARALLAX_SKIP_E2E=1 runs the unit tests only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupVscode } from './setup-vscode.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mochaBin = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const reporter = join(root, 'scripts', 'mocha-stats-reporter.cjs');
const statsDir = mkdtempSync(join(tmpdir(), 'parallax-test-stats-'));
const totals = { passed: 0, failed: 0, skipped: 0 };

function heading(text) {
  console.log(`\n=== ${text} ===`);
}

/** Runs one mocha layer; a layer that crashes before reporting counts as one failure. */
function runMochaLayer(name, extraArgs) {
  heading(name);
  const statsFile = join(statsDir, `${name}.json`);
  const res = spawnSync(process.execPath, [mochaBin, ...extraArgs, '--reporter', reporter, '--reporter-option', `statsFile=${statsFile}`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (!existsSync(statsFile)) {
    console.error(`[test] ${name}: mocha ended (${res.status ?? res.signal}) without a result`);
    totals.failed += 1;
    return;
  }
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  totals.passed += stats.passed;
  totals.failed += stats.failed;
  totals.skipped += stats.skipped;
  if (res.status !== 0 && stats.failed === 0) totals.failed += 1; // e.g. a crash in a root hook after the last test
}

const started = Date.now();
let vscodeReady = false;
if (process.env.PARALLAX_SKIP_E2E !== '1') {
  heading('setup');
  try {
    setupVscode();
    vscodeReady = true;
  } catch (err) {
    console.error(`[test] setup failed: ${err instanceof Error ? err.message : String(err)}`);
    totals.failed += 1;
  }
}

heading('typecheck');
const tsc = spawnSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '--noEmit', '-p', '.'], { cwd: root, stdio: 'inherit' });
if (tsc.status === 0) console.log('[test] typecheck clean');
else totals.failed += 1;

runMochaLayer('unit', []);
// Failure screenshots describe the latest run only.
const resultsDir = join(root, 'test-results');
if (existsSync(resultsDir)) for (const f of readdirSync(resultsDir)) if (f.startsWith('FAILED-')) rmSync(join(resultsDir, f));
if (vscodeReady) runMochaLayer('e2e', ['--config', '.mocharc.e2e.json']);
rmSync(statsDir, { recursive: true, force: true });

console.log(`\n[test] finished in ${Math.round((Date.now() - started) / 1000)} s; screenshots in test-results/`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);

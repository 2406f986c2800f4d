#!/usr/bin/env node
// `npm test`: npm dependencies (installed when missing or stale, so a fresh clone can run this first), setup (cached,
// the pinned promptfoo CLI included), typecheck, lint, unit tests, then the e2e suite in a real VS Code (code-server +
// Chromium), which also runs the integration suite inside the extension host. Ends with one line "N passed, N failed[, N skipped]" and exits
// non-zero on any failure. PARALLAX_SKIP_E2E=1 skips the VS Code setup and the e2e suite.
// Nothing is resolved from node_modules before ensureDependencies() has run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/bootstrap.mjs';
import { setupVscode } from './setup-vscode.mjs';
import { ensurePromptfoo } from './lib/promptfooTool.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
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
  const res = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), ...extraArgs, '--reporter', reporter, '--reporter-option', `statsFile=${statsFile}`], {
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
heading('dependencies');
try {
  ensureDependencies(root, 'test');
  console.log('[test] npm dependencies match package-lock.json');
} catch (err) {
  // Nothing else can run without them.
  console.error(`[test] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

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

// The real promptfoo CLI for the promptfoo export tests (unit and e2e), pinned and cached outside the repository.
heading('setup: promptfoo');
try {
  ensurePromptfoo();
} catch (err) {
  console.error(`[test] promptfoo setup failed: ${err instanceof Error ? err.message : String(err)}`);
  totals.failed += 1;
}

heading('typecheck');
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', '.'], { cwd: root, stdio: 'inherit' });
if (tsc.status === 0) console.log('[test] typecheck clean');
else totals.failed += 1;

// `npm run lint` fails on any warning (--max-warnings=0); a missing lint script is a failure too.
heading('lint');
const lintScript = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts?.lint;
if (lintScript === undefined) {
  console.error('[test] lint: package.json has no "lint" script');
  totals.failed += 1;
} else {
  const lint = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: root, stdio: 'inherit' });
  if (lint.status === 0) console.log('[test] lint clean');
  else {
    console.error(`[test] lint failed (${lint.status ?? lint.signal})`);
    totals.failed += 1;
  }
}

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

/**
 * One real-VS-Code session for the whole e2e suite: builds and packages Parallax, starts the fake providers,
 * starts code-server with fresh dirs, installs the .vsix and the companion test extension, and opens the sample
 * workspace in Chromium. teardown() undoes every step that happened, also after a failed start.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startFakeProviders, type FakeProviders } from '../../../src/demo/fakeProviders';
import { buildCompanion, companionFolderName, companionId } from '../../integration/companion/buildCompanion';
import { installExtension, startCodeServer, type CodeServerDirs, type RunningCodeServer } from '../../../scripts/lib/codeServer';
import { E2E_FAKE_KEY, E2E_FAKE_KEY_ENV, FAKE_PRICES, e2eFakeScripts, e2eModels } from './e2eModels';
import { readVscodeEnv } from '../../../scripts/lib/vscodeEnv.cjs';
import { SCREENSHOT_DIR, Workbench } from './workbench';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const VSIX_PATH = join(REPO_ROOT, 'dist', 'parallax.vsix');
const SAMPLE_WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'sample-workspace');

/** Chromium flags that work in this sandbox (see shared VSCODE-E2E.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2eSession {
  workbench: Workbench;
  fakes: FakeProviders;
  server: RunningCodeServer;
  /** The per-run copy of test/fixtures/sample-workspace. */
  workspaceDir: string;
  /** Where the companion writes state.json, runs/<runId>.json and the integration report. */
  outDir: string;
  integrationReportPath: string;
  /** `<user-data-dir>/User/settings.json`. */
  userSettingsPath: string;
  teardown(): Promise<void>;
}

let packaged: Promise<void> | undefined;

/** Packages once per process: a second session (Restricted Mode) reuses the .vsix of the first. */
function packageOnce(): Promise<void> {
  packaged ??= packageExtension();
  return packaged;
}

/** Runs `npm run package` (esbuild --production + vsce) unless PARALLAX_E2E_SKIP_BUILD=1 and a .vsix exists. */
export async function packageExtension(): Promise<void> {
  if (process.env.PARALLAX_E2E_SKIP_BUILD === '1' && existsSync(VSIX_PATH)) return;
  const child = spawn('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0 || !existsSync(VSIX_PATH)) throw new Error(`npm run package failed (exit ${code}):\n${output}`);
}

export interface E2eSessionOptions {
  /**
   * Workspace Trust on and the workspace untrusted (Restricted Mode), with no trust prompt. Default: trust is
   * disabled, as most tests need.
   */
  restrictedMode?: boolean;
}

/** User settings for a test run: no welcome page, no trust prompt, models pointing at the fakes. */
function userSettings(fakes: FakeProviders, opts: E2eSessionOptions): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': opts.restrictedMode === true,
    ...(opts.restrictedMode ? { 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'always' } : {}),
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'typescript.disableAutomaticTypeAcquisition': true, // no network here
    // code-server saves edits after a delay by default; tests decide when a file is written.
    'files.autoSave': 'off',
    'parallax.models': e2eModels(fakes),
    'parallax.limits': { firstTokenMs: 20_000, idleMs: 20_000, totalMs: 60_000 },
    'parallax.prices': FAKE_PRICES,
  };
}

/** The environment of code-server and so of the extension host: no real keys, the fake key, the output paths. */
function serverEnvironment(outDir: string, reportPath: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.OPENAI_API_KEY;
  delete env.ANTHROPIC_API_KEY;
  return { ...env, [E2E_FAKE_KEY_ENV]: E2E_FAKE_KEY, PARALLAX_TEST_OUT: outDir, PARALLAX_INTEGRATION_REPORT: reportPath };
}

export async function startE2eSession(opts: E2eSessionOptions = {}): Promise<E2eSession> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const teardown = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse().splice(0)) {
      try {
        await cleanup();
      } catch (err) {
        console.error(`[e2e] teardown step failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  try {
    const env = readVscodeEnv();
    await packageOnce();

    const root = mkdtempSync(join(tmpdir(), 'parallax-e2e-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const workspaceDir = join(root, 'workspace');
    cpSync(SAMPLE_WORKSPACE, workspaceDir, { recursive: true });
    const outDir = join(root, 'out');
    mkdirSync(outDir, { recursive: true });
    const integrationReportPath = join(outDir, 'integration-report.json');
    const dirs: CodeServerDirs = {
      entry: env.codeServerEntry,
      extensionsDir: join(root, 'extensions'),
      userDataDir: join(root, 'user-data'),
      xdgConfigDir: join(root, 'xdg'),
    };

    const fakes = await startFakeProviders({ scripts: e2eFakeScripts(), apiKey: E2E_FAKE_KEY });
    cleanups.push(() => fakes.close());

    // The companion goes in first: installing the .vsix then lists it in extensions.json (an unpacked folder added
    // after that would be marked removed).
    await buildCompanion(join(dirs.extensionsDir, companionFolderName()));
    await installExtension(dirs, VSIX_PATH);
    const userSettingsPath = join(dirs.userDataDir, 'User', 'settings.json');
    mkdirSync(join(dirs.userDataDir, 'User'), { recursive: true });
    writeFileSync(userSettingsPath, JSON.stringify(userSettings(fakes, opts), null, 2));

    const serverLog = join(root, 'code-server.log');
    // Keep the server log for a post-mortem: copied into test-results before the temp dir goes.
    cleanups.push(() => {
      if (!existsSync(serverLog)) return;
      mkdirSync(SCREENSHOT_DIR, { recursive: true }); // test-results/ is not in git: a fresh clone has none yet
      copyFileSync(serverLog, join(SCREENSHOT_DIR, 'code-server.log'));
    });
    const server = await startCodeServer({
      ...dirs,
      workspaceDir,
      env: serverEnvironment(outDir, integrationReportPath),
      enableProposedApi: [companionId()],
      disableWorkspaceTrust: opts.restrictedMode !== true,
      logFile: serverLog,
    });
    cleanups.push(() => server.stop());

    const browser: Browser = await chromium.launch({ executablePath: env.chromiumPath, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const workbench = await Workbench.open(browser, server.url, workspaceDir);

    return { workbench, fakes, server, workspaceDir, outDir, integrationReportPath, userSettingsPath, teardown };
  } catch (err) {
    await teardown();
    throw err;
  }
}

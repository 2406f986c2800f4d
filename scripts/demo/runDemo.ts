/**
 * The second half of `npm start` (scripts/start.mjs runs setup, npm ci and packaging first): installs the packaged
 * extension into a persistent demo profile, configures models (real ones when available, else the offline demo
 * endpoints), starts code-server on 127.0.0.1 with a fresh copy of the sample workspace, prints the URL and stops
 * everything it started on Ctrl+C / SIGTERM.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeProviders, type FakeProviders } from '../../src/demo/fakeProviders';
import { scriptsFileSchema } from '../../src/demo/fakeScriptSchema';
import { installExtension, startCodeServer, type CodeServerDirs } from '../lib/codeServer';
import { parallaxCacheDir, readVscodeEnv } from '../lib/vscodeEnv.cjs';
import { DEMO_KEY, DEMO_KEY_ENV, demoModels, realModels, type ModelEntry } from './demoModels';

const ROOT = join(__dirname, '..', '..');
const VSIX = join(ROOT, 'dist', 'parallax.vsix');
const SAMPLE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'sample-workspace');
const DEMO_SCRIPTS = join(ROOT, 'test', 'fixtures', 'demo-scripts.json');

function log(message: string): void {
  console.log(`[start] ${message}`);
}

/** Merges our keys into the demo profile's settings.json, keeping whatever else the user changed there. */
function writeSettings(userDataDir: string, models: ModelEntry[]): void {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      log(`${file} is not plain JSON (comments?); rewriting it`);
    }
  }
  const settings = {
    ...current,
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'parallax.models': models,
  };
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}

async function main(): Promise<void> {
  const env = readVscodeEnv();
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\``);
  const demoDir = join(parallaxCacheDir(), 'demo');
  const dirs: CodeServerDirs = {
    entry: env.codeServerEntry,
    extensionsDir: join(demoDir, 'extensions'),
    userDataDir: join(demoDir, 'user-data'),
    xdgConfigDir: join(demoDir, 'xdg'),
  };
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse().splice(0)) await stop().catch((err: unknown) => log(`stop failed: ${String(err)}`));
  };
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    let models = await realModels(process.env);
    let fakes: FakeProviders | undefined;
    if (models.length > 0) {
      log(`using real models: ${models.map((m) => m.label).join(', ')}`);
    } else {
      const file = scriptsFileSchema.parse(JSON.parse(readFileSync(DEMO_SCRIPTS, 'utf8')));
      const started = await startFakeProviders({ ...file, apiKey: DEMO_KEY });
      fakes = started;
      stops.push(() => started.close());
      models = demoModels(started);
      log(`no API keys or Ollama found: offline demo models at ${started.url} (${models.map((m) => m.label).join(', ')})`);
    }

    log(`installing ${VSIX} into ${dirs.extensionsDir}`);
    await installExtension(dirs, VSIX, { force: true });
    writeSettings(dirs.userDataDir, models);
    const workspaceDir = join(demoDir, 'workspace');
    rmSync(workspaceDir, { recursive: true, force: true });
    cpSync(SAMPLE_WORKSPACE, workspaceDir, { recursive: true });
    log(`sample workspace (a fresh copy each start): ${workspaceDir}`);

    const server = await startCodeServer({
      ...dirs,
      workspaceDir,
      port: process.env.PORT ? Number(process.env.PORT) : undefined,
      env: fakes ? { ...process.env, [DEMO_KEY_ENV]: DEMO_KEY } : process.env,
      logFile: join(demoDir, 'code-server.log'),
    });
    stops.push(() => server.stop());
    console.log(`\n  Parallax is running: ${server.url}/?folder=${encodeURIComponent(workspaceDir)}\n`);
    console.log('  Open src/pagination.js, select the body of paginate() and run "Parallax: Compare Fixes for Selection".');
    console.log(`  Server log: ${join(demoDir, 'code-server.log')}. Press Ctrl+C to stop.\n`);
  } catch (err) {
    await stopAll();
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(`[start] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

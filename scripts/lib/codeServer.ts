/**
 * Starts and stops code-server (a real VS Code server + web workbench) for the e2e suite and `npm start`.
 * The server runs in its own process group so stop() also ends the extension host and its children.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { once } from 'node:events';
import { waitFor } from './waitFor';

export interface CodeServerDirs {
  /** code-server's entry.js (see vscodeEnv.ts). */
  entry: string;
  extensionsDir: string;
  userDataDir: string;
  /** XDG_CONFIG_HOME, so code-server's own config.yaml lands here and not in ~/.config. */
  xdgConfigDir: string;
}

export interface CodeServerOptions extends CodeServerDirs {
  workspaceDir: string;
  /** 0 or undefined picks a free loopback port. */
  port?: number | undefined;
  /** The server's environment, inherited by the extension host (default: this process's). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Extension ids allowed to use proposed API. */
  enableProposedApi?: string[] | undefined;
  disableWorkspaceTrust?: boolean | undefined;
  /** Server stdout+stderr go here. */
  logFile: string;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not read a free port');
  return address.port;
}

function serverEnv(dirs: CodeServerDirs, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, XDG_CONFIG_HOME: dirs.xdgConfigDir };
}

/** Installs a .vsix into the extensions dir, offline; `force` reinstalls over the same version. */
export async function installExtension(dirs: CodeServerDirs, vsixPath: string, opts: { force?: boolean } = {}): Promise<void> {
  mkdirSync(dirs.extensionsDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      dirs.entry,
      '--extensions-dir', dirs.extensionsDir,
      '--user-data-dir', dirs.userDataDir,
      '--install-extension', vsixPath,
      ...(opts.force ? ['--force'] : []),
    ],
    { env: serverEnv(dirs), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`installing ${vsixPath} failed (exit ${code}):\n${output}`);
}

async function answersRedirect(url: string): Promise<boolean> {
  const res = await fetch(url, { redirect: 'manual' });
  return res.status === 302 || res.status === 200;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export async function startCodeServer(opts: CodeServerOptions): Promise<RunningCodeServer> {
  const port = opts.port || (await freeLoopbackPort());
  const args = [
    opts.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--extensions-dir', opts.extensionsDir,
    '--user-data-dir', opts.userDataDir,
    ...(opts.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    ...(opts.enableProposedApi ?? []).flatMap((id) => ['--enable-proposed-api', id]),
    opts.workspaceDir,
  ];
  mkdirSync(join(opts.logFile, '..'), { recursive: true });
  const log = createWriteStream(opts.logFile);
  const child = spawn(process.execPath, args, { env: serverEnv(opts, opts.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  const exit = once(child, 'exit').then(() => {
    exited = true;
  });
  const stop = async (): Promise<void> => {
    if (exited) return;
    killGroup(child, 'SIGTERM');
    const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exit;
    clearTimeout(forced);
    killGroup(child, 'SIGKILL'); // children that outlived the server
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    const exitedEarly = exit.then(() => {
      throw new Error(`code-server exited before it answered; see ${opts.logFile}`);
    });
    await Promise.race([waitFor(() => answersRedirect(url), { what: `code-server at ${url}`, timeoutMs: 60_000, intervalMs: 200 }), exitedEarly]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port, pid: child.pid ?? -1, stop };
}

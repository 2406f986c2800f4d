/**
 * Runs the real Claude Code and Codex binaries (devDependencies) against the fake servers, offline, in a temp
 * git checkout of the sample workspace. A trap proxy records anything that tries to leave the machine.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeCodeArgs, claudeCodeOfflineEnv, codexArgs, codexOfflineEnv } from '../../../src/demo/agentCliSetup';
import { gitIn } from '../verify/verifyRepoFixture';

const ROOT = join(__dirname, '..', '..', '..');
export const CLAUDE_BIN = join(ROOT, 'node_modules', '.bin', 'claude');
export const CODEX_BIN = join(ROOT, 'node_modules', '.bin', 'codex');
export const SAMPLE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'sample-workspace');
export const AGENT_STREAMS = join(ROOT, 'test', 'fixtures', 'agent-streams');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A committed git checkout of the sample workspace in a temp dir. */
export function sampleCheckout(dirs: Cleanup): string {
  const dir = join(dirs.temp('parallax-agent-'), 'checkout');
  cpSync(SAMPLE_WORKSPACE, dir, { recursive: true });
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'sample');
  return dir;
}

/** Directories made by a test, removed after it. */
export class Cleanup {
  private readonly dirs: string[] = [];

  temp(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** Codex refuses helper binaries under a temp dir, so its home lives under ~/.cache/parallax-test. */
  codexHome(): string {
    const base = join(homedir(), '.cache', 'parallax-test');
    mkdirSync(base, { recursive: true });
    const dir = mkdtempSync(join(base, 'codex-home-'));
    this.dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `bin args` in `cwd` with exactly `env` and no stdin; kills it after `timeoutMs`. */
export function runCli(bin: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface RunTarget {
  cwd: string;
  model: string;
  task: string;
  apiKey: string;
  proxyUrl: string;
  timeoutMs: number;
}

export function runClaudeCode(dirs: Cleanup, fakesUrl: string, t: RunTarget, allowedTools?: string[]): Promise<CliRun> {
  const env = claudeCodeOfflineEnv({ baseUrl: fakesUrl, apiKey: t.apiKey, home: dirs.temp('parallax-claude-home-'), proxyUrl: t.proxyUrl });
  return runCli(CLAUDE_BIN, claudeCodeArgs(t.task, t.model, allowedTools), t.cwd, env, t.timeoutMs);
}

export function runCodex(dirs: Cleanup, openaiBaseUrl: string, t: RunTarget): Promise<CliRun> {
  const env = codexOfflineEnv({ openaiBaseUrl, apiKey: t.apiKey, codexHome: dirs.codexHome(), model: t.model, proxyUrl: t.proxyUrl });
  return runCli(CODEX_BIN, codexArgs(t.task), t.cwd, env, t.timeoutMs);
}

/** An HTTP proxy that refuses and records every request and CONNECT tunnel it is asked for. */
export interface TrapProxy {
  url: string;
  attempts: string[];
  close(): Promise<void>;
}

export async function startTrapProxy(): Promise<TrapProxy> {
  const attempts: string[] = [];
  const server: Server = createServer((req, res) => {
    attempts.push(`${req.method ?? '?'} ${req.url ?? ''}`);
    res.writeHead(403).end();
  });
  server.on('connect', (req: { url?: string }, socket: { end(data: string): void }) => {
    attempts.push(`CONNECT ${req.url ?? ''}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JSON objects of a JSON-lines stream (lines that are not JSON are left out). */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text.split('\n').flatMap((line) => {
    try {
      const v = JSON.parse(line) as Record<string, unknown> | null;
      return typeof v === 'object' && v !== null ? [v] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Runs one agent CLI: argv (no shell), in its own process group so cancel, timeout and the hang watchdog end the
 * whole tree (grandchildren included), its stdout read through the profile's stream parser, stderr kept bounded.
 * Resolves once the process has exited and every event was delivered; never rejects.
 */
import { spawn } from 'node:child_process';
import type { AgentEvent, AgentStreamParser } from './agentEvents';

/** Between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2_000;
/** The tail of stderr that is kept. */
export const STDERR_CAP_CHARS = 64 * 1024;
/** Most stdout characters read; past it the agent is stopped (`output-limit`). */
export const STDOUT_CAP_CHARS = 20 * 1024 * 1024;

export type AgentEnd = 'exited' | 'cancelled' | 'timed-out' | 'hung' | 'output-limit' | 'spawn-failed';

export interface AgentRun {
  ended: AgentEnd;
  exitCode?: number;
  signal?: string;
  /** The tail of stderr. */
  stderr: string;
  /** The spawn error, for `spawn-failed`. */
  error?: string;
  durationMs: number;
}

export interface AgentProcessOptions {
  program: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  parser: AgentStreamParser;
  onEvent: (event: AgentEvent) => void;
  /** Called with the child's pid once it runs (its process group id too). */
  onSpawn?: (pid: number) => void;
  signal?: AbortSignal;
  /** Whole-run limit. */
  timeoutMs: number;
  /** Stopped as hung when no output arrives for this long. */
  hangMs: number;
  stdoutCapChars?: number;
}

export function runAgentProcess(opts: AgentProcessOptions): Promise<AgentRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    if (opts.signal?.aborted) {
      resolve({ ended: 'cancelled', stderr: '', durationMs: 0 });
      return;
    }
    const stderr = new TailText(STDERR_CAP_CHARS);
    const cap = opts.stdoutCapChars ?? STDOUT_CAP_CHARS;
    let read = 0;
    let ended: AgentEnd = 'exited';
    let settled = false;
    let hangTimer: ReturnType<typeof setTimeout> | undefined;
    const emit = (events: AgentEvent[]): void => {
      for (const event of events) opts.onEvent(event);
    };
    const child = spawn(opts.program, [...opts.args], {
      cwd: opts.cwd,
      env: opts.env,
      shell: false,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stop = (why: Exclude<AgentEnd, 'exited' | 'spawn-failed'>): void => {
      if (ended !== 'exited') return;
      ended = why;
      if (child.pid !== undefined) killProcessTree(child.pid);
    };
    const armHang = (): void => {
      clearTimeout(hangTimer);
      hangTimer = setTimeout(() => stop('hung'), opts.hangMs);
    };
    const totalTimer = setTimeout(() => stop('timed-out'), opts.timeoutMs);
    const onAbort = (): void => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort);
    armHang();
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (ended !== 'exited') return;
      armHang();
      read += chunk.length;
      if (read > cap) {
        stop('output-limit');
        return;
      }
      emit(opts.parser.push(chunk));
    });
    child.stderr.on('data', (chunk: string) => {
      armHang();
      stderr.append(chunk);
    });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    const finish = (run: Omit<AgentRun, 'durationMs' | 'stderr'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(hangTimer);
      clearTimeout(totalTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (run.ended === 'exited') emit(opts.parser.end());
      // A grandchild may outlive its parent holding no pipe: end the group whatever the reason.
      if (child.pid !== undefined && process.platform !== 'win32') signalGroup(child.pid, 'SIGKILL');
      resolve({ ...run, stderr: stderr.text(), durationMs: performance.now() - started });
    };
    // When the agent exits, whatever it left running in its group (a grandchild holding the pipes) is ended too.
    child.on('exit', () => {
      if (child.pid !== undefined && process.platform !== 'win32') signalGroup(child.pid, 'SIGKILL');
    });
    child.on('error', (err) => finish({ ended: 'spawn-failed', error: err.message }));
    child.on('close', (code, signal) => finish({ ended, ...(code !== null ? { exitCode: code } : {}), ...(signal ? { signal } : {}) }));
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Ends the process group led by `pid`: SIGTERM, then SIGKILL after a grace (Windows: taskkill /T /F). */
export function killProcessTree(pid: number): void {
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on('error', () => undefined);
    return;
  }
  signalGroup(pid, 'SIGTERM');
  setTimeout(() => signalGroup(pid, 'SIGKILL'), KILL_GRACE_MS).unref();
}

/** Keeps the last `cap` characters appended. */
class TailText {
  private value = '';
  private dropped = false;

  constructor(private readonly cap: number) {}

  append(text: string): void {
    this.value += text;
    if (this.value.length > this.cap) {
      this.value = this.value.slice(this.value.length - this.cap);
      this.dropped = true;
    }
  }

  text(): string {
    return (this.dropped ? '[… earlier output dropped …]\n' : '') + this.value;
  }
}

/**
 * Runs one check command in a checkout: in its own process group (so cancel and timeout end the whole tree, not
 * only the shell), with its output captured up to a bound (the tail is kept), and a timeout.
 */
import { spawn } from 'node:child_process';
import type { CheckRun } from './verificationOutcome';

/** The tail of the output that is kept. */
export const OUTPUT_CAP_BYTES = 1024 * 1024;
/** Between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2_000;

export interface CheckProcessOptions {
  command: string;
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Called with each chunk of output as it arrives (for a live view). */
  onOutput?: (chunk: string) => void;
  /** Called with the child's pid once it runs (tests check its tree is gone). */
  onSpawn?: (pid: number) => void;
}

export function runCheckProcess(opts: CheckProcessOptions): Promise<CheckRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const output = new BoundedText(OUTPUT_CAP_BYTES);
    let ended: CheckRun['ended'] = 'exited';
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (run: Omit<CheckRun, 'durationMs' | 'output'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve({ ...run, durationMs: performance.now() - started, output: output.text() });
    };
    if (opts.signal?.aborted) {
      resolve({ exitCode: undefined, ended: 'cancelled', durationMs: 0, output: '' });
      return;
    }
    const child = spawn(opts.command, {
      cwd: opts.cwd,
      shell: true,
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...opts.env, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    const onData = (data: Buffer): void => {
      const text = data.toString('utf8');
      output.append(text);
      opts.onOutput?.(text);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const stop = (why: 'timed-out' | 'cancelled'): void => {
      if (ended !== 'exited') return;
      ended = why;
      if (child.pid !== undefined) killTree(child.pid);
    };
    const onAbort = (): void => stop('cancelled');
    opts.signal?.addEventListener('abort', onAbort);
    timer = setTimeout(() => stop('timed-out'), opts.timeoutMs);
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);
    child.on('error', (err) => finish({ exitCode: undefined, ended: 'spawn-failed', error: err.message }));
    child.on('close', (code) => finish({ exitCode: ended === 'exited' ? (code ?? undefined) : undefined, ended }));
  });
}

/** Ends the process group led by `pid`: SIGTERM, then SIGKILL after a grace (Windows: taskkill /T /F). */
export function killTree(pid: number): void {
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' }).on('error', () => undefined);
    return;
  }
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  signalGroup('SIGTERM');
  setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS).unref();
}

/** Keeps the last `cap` bytes of what is appended (roughly: counted in UTF-16 units). */
class BoundedText {
  private chunks: string[] = [];
  private length = 0;
  private dropped = false;

  constructor(private readonly cap: number) {}

  append(text: string): void {
    this.chunks.push(text);
    this.length += text.length;
    while (this.length > this.cap && this.chunks.length > 1) {
      this.length -= this.chunks.shift()?.length ?? 0;
      this.dropped = true;
    }
    if (this.length > this.cap) {
      const only = this.chunks[0] ?? '';
      this.chunks = [only.slice(only.length - this.cap)];
      this.length = this.cap;
      this.dropped = true;
    }
  }

  text(): string {
    return (this.dropped ? '[… earlier output dropped …]\n' : '') + this.chunks.join('');
  }
}

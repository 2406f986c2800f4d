import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheckProcess } from '../../../src/core/verify/checkProcess';
import { isAlive } from '../../../src/core/verify/checkoutRoot';

/** Polls `condition` every 50 ms until it holds or `timeoutMs` passes. */
async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A check whose shell starts a grandchild that hangs, writing its pid to `pidFile` first. */
function hangingCheck(pidFile: string): string {
  return `node -e "require('fs').writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)" ${JSON.stringify(pidFile)}; echo never`;
}

describe('check process: timeout, cancel and the whole process tree', function () {
  if (process.platform === 'win32') return;
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parallax-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exit code, output of both streams and duration', async () => {
    const run = await runCheckProcess({ command: 'echo out; echo err 1>&2; exit 3', cwd: dir, timeoutMs: 10_000 });
    assert.equal(run.ended, 'exited');
    assert.equal(run.exitCode, 3);
    assert.match(run.output, /out/);
    assert.match(run.output, /err/);
    assert.ok(run.durationMs >= 0);
  });

  it('a hanging check times out and leaves no process behind (the grandchild is gone by pid)', async () => {
    const pidFile = join(dir, 'pid');
    const run = await runCheckProcess({ command: hangingCheck(pidFile), cwd: dir, timeoutMs: 1_500 });
    assert.equal(run.ended, 'timed-out');
    assert.equal(run.exitCode, undefined);
    assert.ok(existsSync(pidFile), 'the grandchild started');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(grandchild > 0);
    await eventually(() => !isAlive(grandchild), `grandchild ${grandchild} to be gone`);
    assert.doesNotMatch(run.output, /never/);
  });

  it('cancelling stops the tree at once, also a child that ignores SIGTERM (SIGKILL after the grace)', async () => {
    const pidFile = join(dir, 'pid');
    const abort = new AbortController();
    let shellPid = 0;
    const stubborn = `node -e "process.on('SIGTERM', () => {}); require('fs').writeFileSync(process.argv[1], String(process.pid)); setInterval(() => {}, 1000)" ${JSON.stringify(pidFile)}`;
    const running = runCheckProcess({ command: stubborn, cwd: dir, timeoutMs: 60_000, signal: abort.signal, onSpawn: (pid) => (shellPid = pid) });
    await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 'the child to start');
    const child = Number(readFileSync(pidFile, 'utf8'));
    abort.abort();
    const run = await running;
    assert.equal(run.ended, 'cancelled');
    await eventually(() => !isAlive(child) && !isAlive(shellPid), `child ${child} and shell ${shellPid} to be gone`);
  });

  it('keeps only the tail of a huge output', async () => {
    const run = await runCheckProcess({ command: `node -e "for (let i = 0; i < 30; i++) process.stdout.write('x'.repeat(100000) + '\\n'); console.log('THE END')"`, cwd: dir, timeoutMs: 20_000 });
    assert.equal(run.exitCode, 0);
    assert.ok(run.output.length <= 1024 * 1024 + 100, `bounded: ${run.output.length}`);
    assert.match(run.output, /THE END/);
    assert.match(run.output, /earlier output dropped/);
  });

  it('an aborted signal never starts the check', async () => {
    const abort = new AbortController();
    abort.abort();
    const run = await runCheckProcess({ command: `touch ${JSON.stringify(join(dir, 'ran'))}`, cwd: dir, timeoutMs: 5_000, signal: abort.signal });
    assert.equal(run.ended, 'cancelled');
    assert.equal(existsSync(join(dir, 'ran')), false);
  });
});

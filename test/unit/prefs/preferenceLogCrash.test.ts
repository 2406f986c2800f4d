import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreferenceLog } from '../../../src/core/prefs/preferenceLog';
import { sampleRun } from './sampleRuns';

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

describe('PreferenceLog durability', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parallax-crash-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a writer killed with SIGKILL mid-append leaves every earlier record readable', async () => {
    const file = join(dir, 'prefs.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'appendLoop.ts'), file], {
      cwd: process.cwd(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let running = true;
    void exited.then(() => (running = false));

    // Poll the file size (a condition, not a fixed sleep) until the writer has written ~20 records (~1 MB each).
    const threshold = 20 * 1024 * 1024;
    const deadline = Date.now() + 45_000;
    while ((await fileSize(file)) < threshold) {
      assert.ok(running, `the writer exited early: ${stderr}`);
      assert.ok(Date.now() < deadline, 'the writer did not grow the file in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const log = new PreferenceLog(file);
    const { runs, problems } = await log.readAll();
    assert.ok(runs.length >= 19, `only ${runs.length} records survived`);
    assert.deepEqual(runs.map((r) => r.id), runs.map((_, i) => `run-${i}`), 'records are in order, none lost or merged');
    assert.ok(problems.length <= 1, JSON.stringify(problems));
    if (problems[0]) assert.equal(problems[0].line, runs.length + 1, 'only the last line may be torn');

    await log.append(sampleRun({ id: 'after-crash' }));
    const after = await log.readAll();
    assert.deepEqual(after.runs.map((r) => r.id), [...runs.map((r) => r.id), 'after-crash']);
    assert.deepEqual(after.problems, problems);
  });
});

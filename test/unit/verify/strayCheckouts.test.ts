import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSessionDir, sweepStray } from '../../../src/core/verify/checkoutRoot';
import { gitIn, makeVerifyRepo, repoFingerprint } from './verifyRepoFixture';

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Starts a Node process that makes a checkout set with one worktree, prints its folder, then hangs. */
async function ownerThatMakesACheckout(repo: string, root: string): Promise<{ pid: number; checkout: string; kill: () => void }> {
  const script = `
    const { CheckoutSet } = require(${JSON.stringify(join(REPO_ROOT, 'src/core/verify/checkoutSet.ts'))});
    CheckoutSet.create({ folder: process.argv[1], root: process.argv[2] })
      .then((set) => set.add('c0', []))
      .then((c) => { console.log('CHECKOUT ' + c.cwd); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, repo, root], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  while (!/CHECKOUT (.+)\n/.test(out)) {
    const [chunk] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => [undefined])])) as [unknown];
    if (chunk === undefined && !/CHECKOUT/.test(out)) throw new Error(`the owner exited early: ${out}`);
  }
  const checkout = /CHECKOUT (.+)\n/.exec(out)?.[1] ?? '';
  return { pid: child.pid ?? 0, checkout, kill: () => child.kill('SIGKILL') };
}

describe('stray checkouts after a killed owner', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-stray-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('kill -9 of the owner leaves a worktree; the next sweep removes it and prunes git’s entry; a live owner’s stays', async function () {
    this.timeout(60_000);
    const repo = makeVerifyRepo();
    const before = repoFingerprint(repo);
    const owner = await ownerThatMakesACheckout(repo, root);
    assert.ok(existsSync(owner.checkout));
    assert.match(gitIn(repo, 'worktree', 'list'), new RegExp(owner.checkout.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const mine = await createSessionDir(root, undefined); // owned by this (live) process

    const exited = new Promise<void>((resolve) => {
      const poll = (): void => {
        try {
          process.kill(owner.pid, 0);
          setTimeout(poll, 50);
        } catch {
          resolve();
        }
      };
      poll();
    });
    owner.kill();
    await exited;
    const removed = await sweepStray(root);
    assert.equal(removed.length, 1, `one stray session removed: ${removed.join(', ')}`);
    assert.equal(existsSync(owner.checkout), false, 'the stray checkout is gone');
    assert.ok(existsSync(mine), 'a session of a live owner is kept');
    assert.deepEqual(readdirSync(root), [mine.split('/').pop()]);
    assert.deepEqual(repoFingerprint(repo), before, 'git no longer lists the worktree; nothing else changed');
  });
});

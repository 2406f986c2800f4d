import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckoutSet } from '../../../src/core/verify/checkoutSet';
import { CopyTooLargeError } from '../../../src/core/verify/folderCopy';
import { BUGGY_FILE, FIXED_LINES, gitIn, makeVerifyRepo, repoFingerprint, withLines } from './verifyRepoFixture';

describe('verification checkouts', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'parallax-checkouts-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('captures uncommitted and untracked changes in a git worktree and leaves status, stash, branches and index byte-identical', async () => {
    const repo = makeVerifyRepo();
    gitIn(repo, 'stash', 'push', '-q', '-m', 'an older stash', '--', 'package.json'); // a stash that must survive
    writeFileSync(join(repo, 'package.json'), readFileSync(join(repo, 'package.json'), 'utf8').replace('"1.0.0"', '"1.0.2"'));
    writeFileSync(join(repo, 'notes.txt'), 'untracked\n');
    gitIn(repo, 'add', 'notes.txt'); // staged, so the index differs from HEAD
    writeFileSync(join(repo, 'scratch.txt'), 'untracked, not staged\n');
    const before = repoFingerprint(repo);
    assert.match(before.status, /scratch\.txt/);
    assert.match(before.stash, /an older stash/);

    const set = await CheckoutSet.create({ folder: repo, root });
    assert.equal(set.isGit, true);
    const checkout = await set.add('c0', [{ relPath: BUGGY_FILE, content: withLines(repo, FIXED_LINES) }]);
    assert.equal(readFileSync(join(checkout.cwd, 'scratch.txt'), 'utf8'), 'untracked, not staged\n', 'untracked file reached the checkout');
    assert.equal(readFileSync(join(checkout.cwd, 'notes.txt'), 'utf8'), 'untracked\n', 'staged file reached the checkout');
    assert.match(readFileSync(join(checkout.cwd, 'package.json'), 'utf8'), /"1\.0\.2"/, 'the uncommitted change reached the checkout');
    assert.match(readFileSync(join(checkout.cwd, 'README.md'), 'utf8'), /fixture for Parallax/);
    assert.equal(readFileSync(join(checkout.cwd, BUGGY_FILE), 'utf8'), withLines(repo, FIXED_LINES), 'the candidate was written');
    assert.equal(readFileSync(join(repo, BUGGY_FILE), 'utf8'), withLines(repo, '  const start = (current - 1) * pageSize;\n  const end = start + pageSize - 1;'), 'the user file is unchanged');
    assert.ok(lstatSync(join(checkout.cwd, 'node_modules')).isSymbolicLink(), 'node_modules is linked, not copied');
    assert.ok(existsSync(join(checkout.cwd, 'node_modules', 'tiny-pad', 'index.js')));
    const during = repoFingerprint(repo);
    assert.deepEqual({ ...during, worktrees: '' }, { ...before, worktrees: '' }, 'status, stash, refs and index unchanged while checkouts exist');

    await set.dispose();
    assert.deepEqual(repoFingerprint(repo), before, 'everything is byte-identical afterwards, worktree list included');
    assert.equal(existsSync(checkout.cwd), false, 'the checkout is gone');
  });

  it('a workspace folder inside a repository runs in the same place of the checkout', async () => {
    const outer = makeVerifyRepo();
    const set = await CheckoutSet.create({ folder: join(outer, 'src'), root });
    const checkout = await set.add('c0', []);
    assert.ok(checkout.cwd.endsWith(`${join('c0', 'src')}`), checkout.cwd);
    assert.ok(existsSync(join(checkout.cwd, 'pagination.js')));
    await set.dispose();
  });

  it('without git: a copy without excluded folders, dependencies linked; refused past the size cap', async () => {
    const folder = join(root, 'plain');
    await mkdir(join(folder, 'node_modules', 'dep'), { recursive: true });
    await mkdir(join(folder, 'dist'), { recursive: true });
    writeFileSync(join(folder, 'a.js'), 'a');
    writeFileSync(join(folder, 'dist', 'big.js'), 'x'.repeat(10_000));
    writeFileSync(join(folder, 'node_modules', 'dep', 'index.js'), 'dep');
    const checkouts = join(root, 'checkouts');
    const set = await CheckoutSet.create({ folder, root: checkouts });
    assert.equal(set.isGit, false);
    const checkout = await set.add('c1', [{ relPath: 'b/new.js', content: 'new' }]);
    assert.equal(readFileSync(join(checkout.cwd, 'a.js'), 'utf8'), 'a');
    assert.equal(readFileSync(join(checkout.cwd, 'b', 'new.js'), 'utf8'), 'new');
    assert.equal(existsSync(join(checkout.cwd, 'dist')), false, 'build output is not copied');
    assert.ok(lstatSync(join(checkout.cwd, 'node_modules')).isSymbolicLink());
    await assert.rejects(set.add('c2', [{ relPath: '../escape.js', content: '' }]), /climbs out/);
    // A symlinked folder that leads outside the checkout is refused too.
    const outside = join(root, 'outside');
    await mkdir(outside, { recursive: true });
    symlinkSync(outside, join(folder, 'linked'));
    await assert.rejects(set.add('c4', [{ relPath: 'linked/escape.js', content: 'x' }]), /through a symlink/);
    assert.equal(existsSync(join(outside, 'escape.js')), false, 'nothing was written outside');
    await set.dispose();

    const small = await CheckoutSet.create({ folder, root: checkouts, copyCapBytes: 0 });
    await assert.rejects(small.add('c3', []), (err: unknown) => err instanceof CopyTooLargeError && /too large to copy/.test(err.message));
    await small.dispose();
  });
});

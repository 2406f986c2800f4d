/**
 * Where checkouts live: one Parallax-owned temp root, one folder per verification session with an `owner.json`
 * marker naming the owning process. A session whose owner is dead (a crash, `kill -9`) is stray: `sweepStray`
 * removes its git worktrees (and prunes their entries) and its folder.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { git } from './gitSnapshot';

export const OWNER_FILE = 'owner.json';
/** A session folder without a marker (its owner died while creating it) is stray after this long. */
const UNMARKED_GRACE_MS = 10 * 60_000;

export interface OwnerMarker {
  pid: number;
  createdAt: string;
  /** The repository whose worktrees the session adds, when it is one. */
  repoRoot?: string;
}

/** Per OS user, so two users of one machine never share (or sweep) each other's checkouts. */
export function defaultCheckoutRoot(): string {
  return join(tmpdir(), `parallax-verify-${process.getuid?.() ?? 'user'}`);
}

/** Creates a session folder owned by this process. */
export async function createSessionDir(root: string, repoRoot: string | undefined): Promise<string> {
  const dir = join(root, `s-${randomUUID().slice(0, 8)}`);
  await mkdir(dir, { recursive: true });
  const marker: OwnerMarker = { pid: process.pid, createdAt: new Date().toISOString(), ...(repoRoot ? { repoRoot } : {}) };
  await writeFile(join(dir, OWNER_FILE), JSON.stringify(marker));
  return dir;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readMarker(dir: string): OwnerMarker | undefined {
  try {
    const json = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Partial<OwnerMarker>;
    return typeof json.pid === 'number' ? { pid: json.pid, createdAt: String(json.createdAt ?? ''), ...(typeof json.repoRoot === 'string' ? { repoRoot: json.repoRoot } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/** Removes every session folder under `root` whose owner is dead; returns the folders removed. */
export async function sweepStray(root: string, now = Date.now()): Promise<string[]> {
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    if (!statSync(dir).isDirectory()) continue;
    const marker = readMarker(dir);
    if (marker ? isAlive(marker.pid) : now - statSync(dir).mtimeMs < UNMARKED_GRACE_MS) continue;
    await removeSessionDir(dir, marker?.repoRoot);
    removed.push(dir);
  }
  return removed;
}

/** Removes a session's worktrees (from git's list too) and its folder. */
export async function removeSessionDir(dir: string, repoRoot: string | undefined): Promise<void> {
  if (repoRoot && existsSync(repoRoot)) {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const sub = join(dir, name);
      if (name !== OWNER_FILE && existsSync(join(sub, '.git'))) await git(repoRoot, ['worktree', 'remove', '--force', '--force', sub]);
    }
  }
  await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  if (repoRoot && existsSync(repoRoot)) await git(repoRoot, ['worktree', 'prune']);
}

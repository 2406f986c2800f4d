/**
 * Dependency folders are linked into a checkout, not copied, so a check starts in seconds: a symlink (a junction
 * on Windows) to the user's own folder. Only folders the checkout lacks are linked.
 */
import { existsSync, statSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';

export const DEPENDENCY_DIRS: readonly string[] = ['node_modules', '.venv', 'venv', 'vendor', '.yarn'];

/** Links each dependency folder of `sourceDir` missing in `checkoutDir`; returns the names linked. */
export async function linkDependencies(sourceDir: string, checkoutDir: string): Promise<string[]> {
  const linked: string[] = [];
  for (const name of DEPENDENCY_DIRS) {
    const from = join(sourceDir, name);
    const to = join(checkoutDir, name);
    if (!existsSync(from) || !statSync(from).isDirectory() || existsSync(to)) continue;
    await symlink(from, to, process.platform === 'win32' ? 'junction' : 'dir');
    linked.push(name);
  }
  return linked;
}

/**
 * The checkout of a folder that is not in a git repository: a copy without version-control, dependency and build
 * folders, refused past a size cap (a clear error instead of filling the disk).
 */
import { copyFile, lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Never copied: version control, dependencies (linked instead) and build output. */
export const COPY_EXCLUDES: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', '__pycache__', '.pytest_cache', '.mypy_cache', '.tox',
  'dist', 'build', 'out', 'target', '.next', '.turbo', '.cache', 'coverage', '.gradle',
]);

export const DEFAULT_COPY_CAP_BYTES = 200 * 1024 * 1024;

export class CopyTooLargeError extends Error {}

interface PlannedFile {
  from: string;
  to: string;
  link: boolean;
}

/** Copies `source` into `dest` (created), after checking the total stays under `capBytes`. */
export async function copyFolder(source: string, dest: string, capBytes = DEFAULT_COPY_CAP_BYTES): Promise<void> {
  const files: PlannedFile[] = [];
  const dirs: string[] = [dest];
  let total = 0;
  const walk = async (from: string, to: string): Promise<void> => {
    for (const entry of await readdir(from, { withFileTypes: true })) {
      if (COPY_EXCLUDES.has(entry.name)) continue;
      const src = join(from, entry.name);
      const dst = join(to, entry.name);
      if (entry.isSymbolicLink()) files.push({ from: src, to: dst, link: true });
      else if (entry.isDirectory()) {
        dirs.push(dst);
        await walk(src, dst);
      } else if (entry.isFile()) {
        total += (await lstat(src)).size;
        if (total > capBytes) {
          throw new CopyTooLargeError(`The folder is larger than ${Math.round(capBytes / 1024 / 1024)} MB (without dependencies and build output), too large to copy for verification. Use a git repository, where checkouts are worktrees.`);
        }
        files.push({ from: src, to: dst, link: false });
      }
    }
  };
  await walk(source, dest);
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  for (const f of files) {
    if (f.link) await symlink(await readlink(f.from), f.to);
    else await copyFile(f.from, f.to);
  }
}

/**
 * Whether a workspace-relative path really stays inside the workspace folder on disk: the nearest existing part of
 * it is resolved with realpath, so a symlink (or a symlinked folder) that leads out is refused, and so is a dangling
 * symlink (writing through it would create a file elsewhere). Node only, no `vscode` import (unit-tested on a real
 * temp dir).
 */
import { lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { WorkspaceReader } from '../../core/edits/patchSetTypes';

function inside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

const OUTSIDE = 'it resolves (through a symlink) to a place outside the workspace folder';
const DANGLING = 'it is a symlink to nothing, and writing through it would create a file elsewhere';

/**
 * Why `relPath` (normalised, posix) must be refused; undefined when it stays inside. Synchronous (a few small
 * lstat/realpath calls), so the pure resolver can call it; Apply calls it again just before writing.
 */
export function containmentRefusal(rootPath: string, relPath: string): string | undefined {
  let realRoot: string;
  try {
    realRoot = realpathSync(rootPath);
  } catch {
    return 'the workspace folder cannot be read';
  }
  let probe = join(rootPath, ...relPath.split('/'));
  for (;;) {
    let isLink: boolean;
    try {
      isLink = lstatSync(probe).isSymbolicLink();
    } catch {
      const parent = dirname(probe);
      if (parent === probe) return OUTSIDE;
      probe = parent;
      continue;
    }
    try {
      return inside(realRoot, realpathSync(probe)) ? undefined : OUTSIDE;
    } catch {
      return isLink ? DANGLING : OUTSIDE;
    }
  }
}

/**
 * The workspace as the patch-set resolver reads it: an open document's text (unsaved edits included) when
 * `openText` has it, else the file on disk; refusals from {@link containmentRefusal}.
 */
export function workspaceReader(rootPath: string, openText: (absPath: string) => string | undefined = () => undefined): WorkspaceReader {
  return {
    read: (relPath) => {
      const absPath = join(rootPath, ...relPath.split('/'));
      const open = openText(absPath);
      if (open !== undefined) return open;
      try {
        return readFileSync(absPath, 'utf8');
      } catch {
        return undefined;
      }
    },
    refusal: (relPath) => containmentRefusal(rootPath, relPath),
  };
}

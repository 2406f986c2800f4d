/**
 * Which paths a patch set may touch: workspace-relative ones that stay inside the workspace. Absolute paths (unless
 * under the workspace root), `..` escapes, NUL and control characters, drive letters, UNC and home paths, and the
 * repository's own `.git` folder are refused with a message naming the path. Symlinks are checked by the host.
 */
import { posix } from 'node:path';

export type PathCheck = { ok: true; relPath: string } | { ok: false; reason: string };

const refuse = (raw: string, why: string): PathCheck => ({ ok: false, reason: `Refused ${JSON.stringify(raw)}: ${why}.` });

/** Strips what models put around a path: quotes, a trailing colon. */
export function cleanPathText(raw: string): string {
  return raw.trim().replace(/^["'`]+|["'`]+$/g, '').replace(/:$/, '').trim();
}

/** Key for comparing two paths loosely (before they are checked): posix, no "./", no a/ b/ prefixes are assumed. */
export function pathKey(raw: string): string {
  return posix.normalize(cleanPathText(raw).replace(/\\/g, '/')).replace(/^\.\//, '');
}

/**
 * Checks one path from an answer. `workspaceRoot` (posix, absolute) lets an absolute path that lies inside the
 * workspace through as its relative form.
 */
export function checkPatchPath(raw: string, workspaceRoot?: string): PathCheck {
  const text = cleanPathText(raw);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return refuse(raw, 'it contains a NUL or control character');
  if (text === '') return refuse(raw, 'it is empty');
  let path = text.replace(/\\/g, '/');
  if (path.startsWith('~')) return refuse(raw, 'a home-relative path is outside the workspace');
  if (path.startsWith('//')) return refuse(raw, 'a network (UNC) path is outside the workspace');
  const root = workspaceRoot?.replace(/\\/g, '/').replace(/\/+$/, '');
  if (/^[a-zA-Z]:/.test(path) || path.startsWith('/')) {
    const inside = root !== undefined && root !== '' && (path.toLowerCase() === root.toLowerCase() || path.toLowerCase().startsWith(`${root.toLowerCase()}/`));
    if (!inside) return refuse(raw, 'it is an absolute path outside the workspace');
    path = path.slice(root.length + 1);
  }
  if (/^[a-zA-Z]:/.test(path) || path.includes(':')) return refuse(raw, 'drive letters and alternate data streams are not allowed');
  const normal = posix.normalize(path).replace(/^\.\//, '');
  if (normal === '..' || normal.startsWith('../')) return refuse(raw, 'it escapes the workspace through ".."');
  if (normal === '.' || normal === '' || normal.endsWith('/')) return refuse(raw, 'it names a folder, not a file');
  if (normal.split('/')[0]?.toLowerCase() === '.git') return refuse(raw, 'the repository\'s .git folder is not edited');
  return { ok: true, relPath: normal };
}

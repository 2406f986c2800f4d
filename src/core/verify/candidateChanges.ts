/**
 * What a candidate is, for verification: the files it changes, each with its full new content. A single-file answer
 * is one entry; a multi-file patch set (issue 9, item 5) is several. The baseline is the same files as they are now.
 */
export interface CandidateChange {
  /** Workspace-relative, posix separators. */
  relPath: string;
  /** The full new file content. */
  content: string;
  /** The candidate deletes this file (then `content` is ""). */
  deleted?: true;
}

/** The changes a candidate makes, as one checkout receives them. */
export type Candidate = CandidateChange[];

/** Refuses a path that is absolute or climbs out of the checkout (checked again against symlinks on disk). */
export function checkRelPath(relPath: string): string | undefined {
  if (relPath === '' || relPath.startsWith('/') || /^[a-zA-Z]:/.test(relPath) || relPath.includes('\\')) return `'${relPath}' is not a workspace-relative path`;
  if (relPath.split('/').some((part) => part === '..')) return `'${relPath}' climbs out of the workspace`;
  return undefined;
}

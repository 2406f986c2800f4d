/**
 * Where an answer names the file a block of code belongs to: a path line above a fence ("`src/a.ts`:",
 * "**src/a.ts**", "File: src/a.ts", "### src/a.ts", a bare path as Aider writes it), the fence's info string
 * ("ts title=src/a.ts", "ts:src/a.ts") or a path comment on the fence's first line ("// path: src/a.ts").
 */
import { canonicalLanguage } from './languageAliases';

/** Extensions that are not languages but are still plainly file names. */
const FILE_EXTENSIONS = new Set(['txt', 'lock', 'env', 'cfg', 'ini', 'conf', 'properties', 'gradle', 'csproj', 'sln', 'gitignore', 'npmrc', 'editorconfig', 'snap', 'map', 'svg', 'csv', 'tsv', 'jsonl', 'mdx', 'rst']);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Whether `text` reads as a file path. An `explicit` label ("File: …") needs only one word; a bare one needs a
 * folder separator or a known file extension, so that "`Array.prototype.slice`:" is not taken for a file.
 */
export function looksLikePath(text: string, explicit: boolean): boolean {
  if (!/^[^\s`*<>|"']+$/.test(text) || text.includes('://') || text.length > 260) return false;
  if (explicit) return true;
  const name = text.split(/[\\/]/).pop() ?? '';
  if (name === '') return false;
  const ext = extensionOf(name);
  if (ext !== '' && (canonicalLanguage(ext) !== undefined || FILE_EXTENSIONS.has(ext))) return true;
  return /[\\/]/.test(text) && /[\w]$/.test(name) && (ext !== '' || /^[A-Z][A-Za-z]+$/.test(name));
}

/** `text` without markdown emphasis or code marks around it, nor a trailing colon. */
function undecorated(text: string): string {
  let current = text.trim();
  for (;;) {
    const next = current.replace(/^(\*\*|`+|\*)/, '').replace(/(\*\*|`+|\*|:)$/, '').trim();
    if (next === current) return current;
    current = next;
  }
}

/** The path a line outside any fence names as the label of the code that follows, if it is such a label. */
export function labelledPath(line: string): string | undefined {
  const text = line.trim().replace(/^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)/, '').trim();
  if (text === '' || text.length > 200) return undefined;
  const explicit = /^(?:\*\*|__)?(?:file(?:name)?|path)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.+)$/i.exec(text);
  if (explicit?.[1] !== undefined) {
    const candidate = undecorated(explicit[1]);
    return looksLikePath(candidate, true) ? candidate : undefined;
  }
  const whole = undecorated(text);
  if (looksLikePath(whole, false)) return whole;
  // A short lead-in ending in a code-marked path and a colon: "Update `src/a.ts`:".
  const tail = /`([^`\s]+)`\*{0,2}\s*:\s*$/.exec(text);
  if (tail?.[1] !== undefined && text.length <= 100 && looksLikePath(tail[1], false)) return tail[1];
  return undefined;
}

/** A path named in a fence's info string: "ts title=src/a.ts", `title="src/a.ts"`, "ts:src/a.ts", "src/a.ts". */
export function infoStringPath(info: string): string | undefined {
  const attribute = /\b(?:title|file(?:name)?|path)=(?:"([^"]+)"|'([^']+)'|(\S+))/i.exec(info);
  const value = attribute?.[1] ?? attribute?.[2] ?? attribute?.[3];
  if (value !== undefined) return looksLikePath(value, true) ? value : undefined;
  const [first = '', second] = info.trim().split(/\s+/);
  const colon = first.indexOf(':');
  if (colon > 0) {
    const path = first.slice(colon + 1);
    return looksLikePath(path, true) ? path : undefined;
  }
  if (/[\\/]/.test(first) && looksLikePath(first, false)) return first;
  if (second !== undefined && looksLikePath(second, false)) return second;
  return undefined;
}

const PATH_COMMENT = /^\s*(?:\/\/|#|--|;|\/\*|<!--)\s*(?:(file(?:name)?|path)\s*:\s*)?(\S+?)\s*(?:\*\/|-->)?\s*$/i;

/** A fence's first line naming its file ("// path: src/a.ts", "# file: app.py", "// src/a.ts"), if it does. */
export function firstLinePath(code: string): string | undefined {
  const first = code.split('\n', 1)[0] ?? '';
  const match = PATH_COMMENT.exec(first);
  const path = match?.[2];
  if (path === undefined) return undefined;
  const explicit = match?.[1] !== undefined;
  return looksLikePath(path, explicit) && (explicit || /[\\/]/.test(path)) ? path : undefined;
}

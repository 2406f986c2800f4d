/**
 * Small static-analysis helpers for the security tests: list the project's TypeScript sources, find calls by
 * name and take their argument text, and keep only the code of an expression (string literal text dropped,
 * template `${…}` parts kept).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export interface SourceFile {
  /** Path relative to the repository, with forward slashes. */
  path: string;
  text: string;
}

export function sourceFiles(dir: string): SourceFile[] {
  const walk = (absolute: string): string[] =>
    readdirSync(absolute).flatMap((name) => {
      const p = join(absolute, name);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
    });
  return walk(join(REPO_ROOT, dir)).map((p) => ({ path: relative(REPO_ROOT, p).split('\\').join('/'), text: readFileSync(p, 'utf8') }));
}

export interface FoundCall {
  /** 1-based line of the call. */
  line: number;
  callee: string;
  /** Everything between the call's parentheses. */
  args: string;
}

/** Every call matching `callee` (a regex ending just before the opening parenthesis) with its argument text. */
export function findCalls(text: string, callee: RegExp): FoundCall[] {
  const pattern = new RegExp(`${callee.source}\\s*\\(`, 'g');
  const calls: FoundCall[] = [];
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    const close = matchingParen(text, open);
    calls.push({ line: text.slice(0, match.index).split('\n').length, callee: match[0].slice(0, -1).trim(), args: text.slice(open + 1, close) });
  }
  return calls;
}

/** Index of the parenthesis closing the one at `open`, skipping strings and template literals. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      i = endOfString(text, i);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}

/** Index of the quote closing the string that starts at `start` (template `${…}` parts are skipped over). */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (quote === '`' && c === '$' && text[i + 1] === '{') i = endOfBraces(text, i + 1);
  }
  return text.length;
}

function endOfBraces(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') i = endOfString(text, i);
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** The code of an expression: string literal text becomes `""`, template literals keep only their `${…}` code. */
export function codeOnly(expression: string): string {
  let out = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c !== "'" && c !== '"' && c !== '`') {
      out += c;
      continue;
    }
    const end = endOfString(expression, i);
    if (c === '`') {
      const body = expression.slice(i + 1, end);
      for (const part of templateExpressions(body)) out += ` ${codeOnly(part)} `;
    }
    out += '""';
    i = end;
  }
  return out;
}

function templateExpressions(body: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '$' && body[i + 1] === '{') {
      const end = endOfBraces(body, i + 1);
      parts.push(body.slice(i + 2, end));
      i = end;
    }
  }
  return parts;
}

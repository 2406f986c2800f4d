/**
 * Syntax highlighting for fenced code in model answers. Only highlight.js's core plus a handful of common languages
 * are bundled, to keep the webview script small. Output is HTML with every code character escaped by highlight.js.
 * Cost: highlight.js takes about 1 ms per KB, in one synchronous call. Blocks over HIGHLIGHT_MAX_CHARS are shown
 * unhighlighted (as editors stop tokenizing huge files) so one block never blocks the webview for long, and the
 * last few results are remembered: a block that just closed is rendered in the tail and again as stable text.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, c, cpp, csharp, css, diff, go, java, javascript, json, python, rust, sql, typescript, xml, yaml };
for (const [name, definition] of Object.entries(languages)) hljs.registerLanguage(name, definition);

/** Larger code blocks are not highlighted (about 40 ms of highlight.js). */
export const HIGHLIGHT_MAX_CHARS = 48_000;
const REMEMBERED = 16;
const remembered = new Map<string, string>();

/** Whether a block in `language` is highlighted (when not over HIGHLIGHT_MAX_CHARS). */
export function canHighlight(language: string): boolean {
  const name = language.trim().toLowerCase();
  return name !== '' && hljs.getLanguage(name) !== undefined;
}

/**
 * Highlighted HTML for `code`, or undefined when `language` is not one we bundle or the block is over
 * HIGHLIGHT_MAX_CHARS (the caller escapes it then).
 */
export function highlightCode(code: string, language: string): string | undefined {
  if (!canHighlight(language) || code.length > HIGHLIGHT_MAX_CHARS) return undefined;
  const name = language.trim().toLowerCase();
  const key = `${name}\u0000${code}`;
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  remembered.set(key, html);
  if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  return html;
}

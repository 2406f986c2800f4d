/** Markdown code fences for prompts: always longer than any backtick run inside the code. */

/** VS Code language ids that Markdown highlighters know under another name. */
const FENCE_TAGS: Readonly<Record<string, string>> = {
  typescriptreact: 'tsx',
  javascriptreact: 'jsx',
  shellscript: 'bash',
  plaintext: 'text',
  'objective-c': 'objectivec',
  'objective-cpp': 'objectivec',
};

/** The tag a fenced block of this language should carry, e.g. `typescriptreact` → `tsx`. */
export function fenceLanguage(languageId: string): string {
  return FENCE_TAGS[languageId] ?? languageId;
}

export function fenced(code: string, languageId: string): string {
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = code.endsWith('\n') ? code : `${code}\n`;
  return `${fence}${fenceLanguage(languageId)}\n${body}${fence}`;
}

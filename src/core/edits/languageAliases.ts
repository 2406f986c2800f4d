/**
 * Maps fence language tags ("ts", "py", "c++") and VS Code language ids onto one canonical name, so a
 * ```ts block can be recognised as the language of a "typescript" selection.
 */

const ALIASES: Readonly<Record<string, readonly string[]>> = {
  typescript: ['ts', 'typescript', 'mts', 'cts'],
  typescriptreact: ['tsx', 'typescriptreact'],
  javascript: ['js', 'javascript', 'mjs', 'cjs', 'node'],
  javascriptreact: ['jsx', 'javascriptreact'],
  python: ['py', 'python', 'python3', 'py3'],
  csharp: ['cs', 'c#', 'csharp'],
  cpp: ['cpp', 'c++', 'cc', 'cxx', 'hpp', 'hxx'],
  c: ['c', 'h'],
  go: ['go', 'golang'],
  rust: ['rs', 'rust'],
  ruby: ['rb', 'ruby'],
  shellscript: ['sh', 'bash', 'shell', 'shellscript', 'zsh', 'console'],
  powershell: ['ps1', 'powershell', 'pwsh'],
  yaml: ['yml', 'yaml'],
  markdown: ['md', 'markdown'],
  json: ['json', 'json5'],
  jsonc: ['jsonc'],
  kotlin: ['kt', 'kts', 'kotlin'],
  java: ['java'],
  php: ['php'],
  swift: ['swift'],
  html: ['html', 'htm', 'xhtml'],
  css: ['css'],
  scss: ['scss'],
  less: ['less'],
  sql: ['sql'],
  dockerfile: ['dockerfile', 'docker'],
  makefile: ['makefile', 'make'],
  diff: ['diff', 'patch', 'udiff'],
  lua: ['lua'],
  dart: ['dart'],
  scala: ['scala'],
  haskell: ['hs', 'haskell'],
  elixir: ['ex', 'exs', 'elixir'],
  xml: ['xml'],
  toml: ['toml'],
  vue: ['vue'],
  svelte: ['svelte'],
  plaintext: ['text', 'txt', 'plaintext', 'plain'],
};

/** Canonical names that are close enough that a block in one can be the code for the other. */
const FAMILIES: readonly (readonly string[])[] = [
  ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'],
  ['c', 'cpp'],
  ['json', 'jsonc'],
  ['css', 'scss', 'less'],
];

const CANONICAL = new Map<string, string>(
  Object.entries(ALIASES).flatMap(([canonical, names]) => names.map((name) => [name, canonical] as const)),
);

/** The canonical language for a fence tag or language id, or undefined when unknown. */
export function canonicalLanguage(tagOrId: string): string | undefined {
  return CANONICAL.get(tagOrId.trim().toLowerCase());
}

/**
 * How well a fence's language tag fits the selection's language id:
 * same > related (same family) > neutral (no tag, an unknown tag or plain text) > different.
 */
export type LanguageFit = 'same' | 'related' | 'neutral' | 'different';

export function languageFit(fenceTag: string, languageId: string): LanguageFit {
  const tag = canonicalLanguage(fenceTag);
  const target = canonicalLanguage(languageId) ?? languageId.trim().toLowerCase();
  if (fenceTag.trim() === '') return 'neutral';
  if (tag === undefined) return fenceTag.trim().toLowerCase() === target ? 'same' : 'neutral';
  if (tag === target) return 'same';
  if (tag === 'plaintext') return 'neutral';
  if (FAMILIES.some((family) => family.includes(tag) && family.includes(target))) return 'related';
  return 'different';
}

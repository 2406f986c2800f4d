/**
 * The one secret scrubber: removes strings that look like credentials from everything Parallax writes or shows
 * (the preference log, exports, settings problems, provider error messages).
 *
 * Prompts and answers are mostly code, so the default patterns aim at things that look like real secrets (known
 * key prefixes, PEM private keys, bearer and Basic credentials, URL passwords, long random-looking values assigned
 * to a key-ish name) and leave ordinary code such as `apiKey: string` or `const tokenizer = createTokenizer()` alone.
 * Error text from a server is scrubbed harder (`aggressive`): masked keys (`sk-abc1****wxyz`), short tokens and any
 * value after a credential-named field go too.
 *
 * Cost: every pattern is linear in the text. Each one is a literal prefix or a `\b`-anchored word followed by
 * single character-class runs, and every run that could be followed by a failing test is bounded, so no input
 * can make the regex engine backtrack quadratically (a 192 kB `keykeykey…` takes milliseconds). Text past
 * {@link MAX_SCRUB_CHARS} is not scanned at all: it is dropped and replaced by a marker, never kept unscrubbed.
 *
 * Why a table of our own rather than a package: the maintained sets on npm (secretlint's rules) are asynchronous
 * lint engines that report findings in files, not synchronous redactors, and their regexes carry no linear-time
 * guarantee. The table below follows the token formats those rules and the providers document.
 */

/** Text longer than this is cut here before scrubbing (above the engine's 4,000,000-character answer cap). */
export const MAX_SCRUB_CHARS = 5_000_000;

/** Literal secrets shorter than this are not searched for: they would shred ordinary text. */
const MIN_LITERAL_SECRET_CHARS = 4;

export const REDACTED = '[redacted]';

export interface ScrubOptions {
  /** Literal values to remove wherever they appear: the API key in use, values of configured custom headers. */
  secrets?: readonly string[];
  /**
   * For error text a server sent back: also removes masked and short keys, any value after a credential-named
   * field (`x-api-key: …`, `authorization=…`) and `key=` query parameters.
   */
  aggressive?: boolean;
}

interface SecretPattern {
  /** What it finds, for the documentation and the tests. */
  name: string;
  pattern: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
}

/** Long random-looking values: digits and letters mixed, not a plain number. */
function looksRandom(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !/^\d+$/.test(value);
}

/** A Basic credential is base64 of `user:pass`: mixed case, digits or padding; the plain word "Authentication" is not. */
function looksLikeBase64Credential(value: string): boolean {
  return /[0-9+/=]/.test(value) || /[A-Z]/.test(value.slice(1));
}

const KEYISH_NAME = /key|token|secret|password|passwd|credential/i;

/** Patterns applied to all text, in order (more specific prefixes first). */
const ALWAYS: readonly SecretPattern[] = [
  { name: 'Anthropic key', pattern: /\bsk-ant-[A-Za-z0-9_-]{8,}/g, replace: 'sk-ant-[redacted]' },
  { name: 'Stripe live/test key', pattern: /\b([srp]k)_(live|test)_[A-Za-z0-9]{10,}/g, replace: (_m, kind = '', mode = '') => `${kind}_${mode}_[redacted]` },
  { name: 'OpenAI-style sk- key', pattern: /\bsk-(?!ant-\[redacted\])[A-Za-z0-9_-]{16,}/g, replace: 'sk-[redacted]' },
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g, replace: (_m, prefix = '') => `${prefix}[redacted]` },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{30,}/g, replace: 'AIza[redacted]' },
  { name: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replace: 'github_pat_[redacted]' },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/g, replace: 'gh_[redacted]' },
  { name: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replace: 'glpat-[redacted]' },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{30,}/g, replace: 'npm_[redacted]' },
  { name: 'Slack token', pattern: /\b(xox[abposr])-[A-Za-z0-9-]{10,}/g, replace: (_m, prefix = '') => `${prefix}-[redacted]` },
  { name: 'xAI key', pattern: /\bxai-[A-Za-z0-9]{20,}/g, replace: 'xai-[redacted]' },
  { name: 'Groq key', pattern: /\bgsk_[A-Za-z0-9]{20,}/g, replace: 'gsk_[redacted]' },
  { name: 'Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{20,}/g, replace: 'hf_[redacted]' },
  { name: 'Perplexity key', pattern: /\bpplx-[A-Za-z0-9]{20,}/g, replace: 'pplx-[redacted]' },
  { name: 'Bearer token', pattern: /\bBearer[ \t]{1,16}[A-Za-z0-9._~+/-]{8,}=*/g, replace: 'Bearer [redacted]' },
  {
    name: 'Basic credential',
    pattern: /\bBasic[ \t]{1,16}([A-Za-z0-9+/]{8,}={0,2})/g,
    replace: (match, value = '') => (looksLikeBase64Credential(value) ? 'Basic [redacted]' : match),
  },
  {
    name: 'URL password',
    // scheme://user:password@ — every run bounded, and none of them may contain the next delimiter.
    pattern: /\b([A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)([^\s:/?#@"'<>]{0,256}):([^\s/?#@"'<>]{1,256})@/g,
    replace: (_m, scheme = '', user = '') => `${scheme}${user}:${REDACTED}@`,
  },
  {
    name: 'key-ish assignment',
    // `NAME = value` / `"name": "value"` / `?key=value`; the name is checked in code, not by the regex, so a
    // long word is scanned once (the old `\w*(?:key|…)\w*` backtracked quadratically on `keykeykey…`).
    pattern: /\b([A-Za-z0-9_]+)(["']?[ \t]{0,16}[:=][ \t]{0,16}["']?)([A-Za-z0-9_.+/=-]{20,})/g,
    replace: (match, name = '', separator = '', value = '') =>
      KEYISH_NAME.test(name) && looksRandom(value) ? `${name}${separator}${REDACTED}` : match,
  },
];

/** Extra patterns for error text from a server. */
const AGGRESSIVE: readonly SecretPattern[] = [
  { name: 'any bearer token', pattern: /\bBearer[ \t]{1,16}(?!\[redacted\])[^\s"',;]+/gi, replace: 'Bearer [redacted]' },
  { name: 'masked or short key', pattern: /\b(sk|gsk|xai|pk|rk)([-_])(?!ant-\[redacted\]|\[redacted\])[A-Za-z0-9_\-*]{6,}/g, replace: (_m, p = '', sep = '') => `${p}${sep}[redacted]` },
  { name: 'short Google key', pattern: /\bAIza(?!\[redacted\])[0-9A-Za-z_-]{6,}/g, replace: 'AIza[redacted]' },
  {
    name: 'credential-named field',
    pattern: /\b(x-api-key|api[_-]?key|authorization|proxy-authorization)(["']?[ \t]{0,16}[:=][ \t]{0,16}["']?)(?!Bearer |Basic |\[redacted\])([^\s"',;&]{1,4096})/gi,
    replace: (_m, name = '', separator = '', value = '') => (/\[redacted\]$/.test(value) ? _m : `${name}${separator}${REDACTED}`),
  },
  { name: 'key query parameter', pattern: /([?&]key=)(?!\[redacted\])[^&\s"']{1,4096}/gi, replace: (_m, param = '') => `${param}${REDACTED}` },
];

/** The names of every pattern, for the threat model and the tests. */
export const SECRET_PATTERN_NAMES: readonly string[] = [...ALWAYS, ...AGGRESSIVE].map((p) => p.name).concat('PEM private key');

const PEM_BEGIN = /-----BEGIN ([A-Z0-9]{1,20}(?: [A-Z0-9]{1,20}){0,3} )?PRIVATE KEY-----/g;
const PEM_END = /-----END (?:[A-Z0-9]{1,20}(?: [A-Z0-9]{1,20}){0,3} )?PRIVATE KEY-----/g;
/** The body of an unterminated PEM block: base64, headers such as `Proc-Type:` and line breaks; one class. */
const PEM_BODY = /[A-Za-z0-9+/=:, \t\r\n]*/y;

/**
 * PEM private keys, by scanning instead of one lazy `[\s\S]*?` regex (which is quadratic when many BEGIN lines
 * have no END). Each block runs to the first END line before the next BEGIN line; an unterminated block loses
 * its base64 body. Every position is looked at a bounded number of times.
 */
function redactPemKeys(text: string): string {
  if (!text.includes('PRIVATE KEY-----')) return text;
  const ends: Array<{ at: number; after: number }> = [];
  PEM_END.lastIndex = 0;
  for (let m = PEM_END.exec(text); m; m = PEM_END.exec(text)) ends.push({ at: m.index, after: PEM_END.lastIndex });
  let nextEnd = 0;
  let out = '';
  let last = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const label = m[1] ?? '';
    const bodyStart = PEM_BEGIN.lastIndex;
    while (nextEnd < ends.length && (ends[nextEnd]?.at ?? 0) < bodyStart) nextEnd++;
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    const end = ends[nextEnd];
    let stop: number;
    if (end && (nextBegin === -1 || end.at < nextBegin)) {
      stop = end.after;
    } else {
      PEM_BODY.lastIndex = bodyStart;
      PEM_BODY.exec(text);
      stop = nextBegin === -1 ? PEM_BODY.lastIndex : Math.min(PEM_BODY.lastIndex, nextBegin);
    }
    out += `${text.slice(last, m.index)}-----BEGIN ${label}PRIVATE KEY-----${REDACTED}-----END ${label}PRIVATE KEY-----`;
    last = stop;
    PEM_BEGIN.lastIndex = stop;
  }
  return out + text.slice(last);
}

function removeLiterals(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  const sorted = [...new Set(secrets)].filter((s) => s.length >= MIN_LITERAL_SECRET_CHARS).sort((a, b) => b.length - a.length);
  for (const secret of sorted) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

function applyPatterns(text: string, patterns: readonly SecretPattern[]): string {
  let out = text;
  for (const { pattern, replace } of patterns) {
    pattern.lastIndex = 0;
    out = typeof replace === 'string' ? out.replace(pattern, replace) : out.replace(pattern, replace);
  }
  return out;
}

/** `text` without anything shaped like a secret, and without the given literal secrets. Linear time. */
export function scrubSecrets(text: string, options: ScrubOptions = {}): string {
  let input = text;
  let overflow = '';
  if (input.length > MAX_SCRUB_CHARS) {
    overflow = `\n[${input.length - MAX_SCRUB_CHARS} more characters removed: too long to check for secrets]`;
    input = input.slice(0, MAX_SCRUB_CHARS);
  }
  let out = options.secrets ? removeLiterals(input, options.secrets) : input;
  out = redactPemKeys(out);
  out = applyPatterns(out, ALWAYS);
  if (options.aggressive) out = applyPatterns(out, AGGRESSIVE);
  return out + overflow;
}

/**
 * For error text from a provider: the given secrets and everything key-shaped, scrubbed hard.
 * (Formerly `redactSecrets` in providers/providerErrors.ts, which still re-exports it under that name.)
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  return scrubSecrets(text, { secrets, aggressive: true });
}

/** A deep copy of `value` with every string passed through {@link scrubSecrets}. */
export function scrubStrings<T>(value: T, options: ScrubOptions = {}): T {
  return scrubValue(value, options) as T;
}

function scrubValue(value: unknown, options: ScrubOptions): unknown {
  if (typeof value === 'string') return scrubSecrets(value, options);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, options));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, options)]));
  }
  return value;
}

/** Strings longer than this are scrubbed in line-aligned slices by {@link scrubStringsInSlices}. */
export const SCRUB_SLICE_CHARS = 131_072;

/**
 * Where the slice that starts at `from` ends: at a line break near `from + SCRUB_SLICE_CHARS`, and never inside a
 * PEM block (every other pattern matches within one line, so line-aligned slices scrub exactly as the whole text).
 */
function sliceEnd(text: string, from: number): number {
  if (text.length - from <= SCRUB_SLICE_CHARS) return text.length;
  const newline = text.indexOf('\n', from + SCRUB_SLICE_CHARS);
  let end = newline === -1 ? text.length : newline + 1;
  const begin = text.lastIndexOf('-----BEGIN', end);
  if (begin >= from && text.lastIndexOf('-----END', end) < begin) {
    const close = text.indexOf('-----END', end);
    const closeLine = close === -1 ? -1 : text.indexOf('\n', close);
    end = close === -1 || closeLine === -1 ? text.length : closeLine + 1;
  }
  return end;
}

/**
 * {@link scrubStrings} for large values without blocking the event loop: a string longer than
 * {@link SCRUB_SLICE_CHARS} is scrubbed a slice at a time, yielding between slices. The result equals
 * `scrubStrings(value, options)`.
 */
export async function scrubStringsInSlices<T>(value: T, options: ScrubOptions = {}, pause: () => Promise<void> = nextTurn): Promise<T> {
  return (await scrubValueInSlices(value, options, pause)) as T;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function scrubValueInSlices(value: unknown, options: ScrubOptions, pause: () => Promise<void>): Promise<unknown> {
  if (typeof value === 'string') {
    if (value.length <= SCRUB_SLICE_CHARS) return scrubSecrets(value, options);
    const input = value.length > MAX_SCRUB_CHARS ? value.slice(0, MAX_SCRUB_CHARS) : value;
    const overflow = value.length > MAX_SCRUB_CHARS ? `\n[${value.length - MAX_SCRUB_CHARS} more characters removed: too long to check for secrets]` : '';
    const parts: string[] = [];
    for (let from = 0; from < input.length; ) {
      const end = sliceEnd(input, from);
      parts.push(scrubSecrets(input.slice(from, end), options));
      from = end;
      if (from < input.length) await pause();
    }
    return parts.join('') + overflow;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await scrubValueInSlices(item, options, pause));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await scrubValueInSlices(v, options, pause);
    return out;
  }
  return value;
}

/** Total length of the strings in `value` (for choosing between the sliced and the direct scrub). */
export function stringChars(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + stringChars(v), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + stringChars(v), 0);
  return 0;
}

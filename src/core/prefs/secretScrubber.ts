/**
 * Removes strings that look like API keys from everything written to the preference log.
 *
 * Prompts and answers are mostly code, so the patterns aim at things that look like real secrets (known key
 * prefixes, bearer tokens, long random-looking values assigned to a key-ish name) and leave ordinary code such as
 * `apiKey: string` or `const tokenizer = createTokenizer()` alone.
 */

const KNOWN_PREFIX_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\bsk-ant-[A-Za-z0-9_-]{8,}/g, 'sk-ant-[redacted]'],
  [/\bsk-(?!ant-\[redacted\])[A-Za-z0-9_-]{16,}/g, 'sk-[redacted]'],
  [/\bAIza[0-9A-Za-z_-]{30,}/g, 'AIza[redacted]'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/g, 'gh_[redacted]'],
  [/\bxai-[A-Za-z0-9]{20,}/g, 'xai-[redacted]'],
  [/\bgsk_[A-Za-z0-9]{20,}/g, 'gsk_[redacted]'],
  [/\bhf_[A-Za-z0-9]{20,}/g, 'hf_[redacted]'],
  [/\bpplx-[A-Za-z0-9]{20,}/g, 'pplx-[redacted]'],
  [/\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/g, 'Bearer [redacted]'],
];

/** `NAME = value` / `"name": "value"` / `?key=value` where NAME mentions key, token, secret or password. */
const KEYISH_ASSIGNMENT = /\b(\w*(?:key|token|secret|password)\w*)(["']?\s*[:=]\s*["']?)([A-Za-z0-9_.+/=-]{20,})/gi;

function looksRandom(value: string): boolean {
  return /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !/^\d+$/.test(value);
}

export function scrubSecrets(text: string): string {
  const withoutPrefixed = KNOWN_PREFIX_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
  return withoutPrefixed.replace(KEYISH_ASSIGNMENT, (match: string, name: string, separator: string, value: string) =>
    looksRandom(value) ? `${name}${separator}[redacted]` : match,
  );
}

/** A deep copy of `value` with every string passed through {@link scrubSecrets}. */
export function scrubStrings<T>(value: T): T {
  return scrubValue(value) as T;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v)]));
  }
  return value;
}

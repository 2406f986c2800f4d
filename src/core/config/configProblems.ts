/**
 * Settings problems in plain words. Each problem names the setting, the entry (model id or position) and the
 * field, so the user can find and fix it; the rest of the configuration still loads.
 */
import type { z } from 'zod';
import { scrubSecrets } from '../prefs/secretScrubber';

export interface ConfigProblem {
  /** Full setting key, e.g. `parallax.models`. */
  setting: string;
  /** For list settings: `"my-gpt"` (the entry's id) or `#3` (1-based position) when it has no usable id. */
  entry?: string;
  /** Dotted path of the field inside the entry/setting, e.g. `temperature` or `headers.X-Team`. */
  field?: string;
  /** One complete sentence naming setting, entry and field. */
  message: string;
  /** `warning`: the value was still used (e.g. an unknown field was ignored). */
  severity: 'error' | 'warning';
}

export interface ProblemLocation {
  setting: string;
  entry?: string;
}

/**
 * A problem at `at`/`field`. Entry and field names come from the user's settings (map keys, ids), so anything in
 * them shaped like a key is redacted: problems are logged and shown in the sidebar.
 */
export function configProblem(at: ProblemLocation, rawField: string | undefined, detail: string, severity: ConfigProblem['severity'] = 'error'): ConfigProblem {
  const entry = at.entry === undefined ? undefined : scrubSecrets(at.entry);
  const field = rawField === undefined ? undefined : scrubSecrets(rawField);
  const where = [`${at.setting}`, entry !== undefined ? `entry ${entry}` : undefined, field ? `field "${field}"` : undefined]
    .filter((part) => part !== undefined)
    .join(', ');
  const problem: ConfigProblem = { setting: at.setting, message: `${where}: ${detail}`, severity };
  if (entry !== undefined) problem.entry = entry;
  if (field) problem.field = field;
  return problem;
}

/** Zod issues of one value, as problems. Unknown fields are warnings; everything else an error. */
export function problemsFromIssues(at: ProblemLocation, issues: readonly z.core.$ZodIssue[], pathPrefix: readonly PropertyKey[] = []): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const path = [...pathPrefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) =>
        configProblem(at, [...path, key].join('.'), 'is not a known field and was ignored (check the spelling).', 'warning'),
      );
    }
    return [configProblem(at, path.length > 0 ? path.join('.') : undefined, issue.message)];
  });
}

/**
 * Pass as `safeParse(raw, { error: plainIssueMessage })`: rewrites zod's default messages as short
 * sentences about the value ("must be a number between 0 and 2"), without echoing the value itself.
 */
export function plainIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required.' : `must be ${article(issue.expected)}.`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty.';
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s).`;
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long.`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}.`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_format':
      return issue.format === 'url' ? 'must be a full http:// or https:// URL.' : `has the wrong format (${issue.format}).`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}.`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'an object',
    record: 'an object',
  };
  return words[expected] ?? `a ${expected}`;
}

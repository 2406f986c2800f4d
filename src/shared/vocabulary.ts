/**
 * The one vocabulary shared by core, host and webviews: template ids and their titles, which templates produce an
 * edit, export formats, and the size limits. Everything here is a plain constant; `src/shared` imports nothing from
 * `core`, `host` or `webview`.
 */

/** The prompt templates Parallax offers. */
export const TEMPLATE_IDS = ['fix', 'refactor', 'explain', 'tests', 'custom'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Short titles, as columns, filters and exports show them. */
export const TEMPLATE_TITLES: Readonly<Record<TemplateId, string>> = {
  fix: 'Fix',
  refactor: 'Refactor',
  explain: 'Explain',
  tests: 'Write tests',
  custom: 'Ask',
};

/** Templates whose answer replaces the selection, so an edit is extracted and Apply is offered. */
export const EDIT_TEMPLATES: ReadonlySet<TemplateId> = new Set<TemplateId>(['fix', 'refactor']);

export function isEditTemplate(template: TemplateId): boolean {
  return EDIT_TEMPLATES.has(template);
}

/** Formats of "Export Preference Log…". */
export const EXPORT_FORMATS = ['csv', 'json', 'dpo'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Results panel commands that keys run (package.json keybindings → host → panel). */
export const RESULTS_PANEL_COMMANDS = ['submitVote', 'applyChosen', 'nextColumn', 'previousColumn', 'openFocusedDiff'] as const;

/** Bounds of the inline diff a column shows (lines, characters in all); a larger diff is cut and says so. */
export const INLINE_DIFF_CAPS = { lines: 400, chars: 40_000 } as const;

/** Most models one comparison runs (and columns the panel shows). */
export const MAX_MODELS = 8;
/** Repeat N: most samples per model (and the choices the ×N pickers offer, 2 to this). */
export const MAX_REPEAT = 10;
export const REPEAT_CHOICES = [2, 3, 5, 10] as const;
/** "sample 2/3" — how a sample is named in titles, pickers and diff labels. */
export function sampleLabel(sample: number, count: number): string {
  return `sample ${sample}/${count}`;
}

/** The most files one multi-file answer (patch set) may list in a column. */
export const MAX_PATCH_FILES = 200;

/** Text caps for what crosses to a webview or into a notice. */
export const TEXT_CAPS = {
  /** Labels, titles, error lines, notes shown in lists. */
  short: 2_000,
  /** A context preview in the sidebar. */
  preview: 4_000,
  /** A vote's note or a standalone note. */
  note: 20_000,
  /** The sidebar's instruction box (prompt, refactoring goal or pasted error text). */
  instruction: 20_000,
  /** A history search query. */
  query: 500,
  /** One answer (text or reasoning) in a column. */
  answer: 5_000_000,
  /** A reason tag. */
  tag: 60,
  /** Reason tags offered. */
  tags: 30,
} as const;

/**
 * The API key sent to OpenAI-compatible servers that need none (local ones such as Ollama): the SDKs refuse to build a
 * client without a key. Never a real secret, so it is not scrubbed or stored.
 */
export const NO_KEY_PLACEHOLDER = 'no-key';

/** Cuts `text` to at most `max` characters. */
export function capText(text: string, max: number = TEXT_CAPS.short): string {
  return text.length <= max ? text : text.slice(0, max);
}

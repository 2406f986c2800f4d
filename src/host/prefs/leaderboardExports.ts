/**
 * The export choices behind `parallax.exportLog`, `parallax.exportRunMarkdown` and the leaderboard's export
 * buttons: which formats exist, what each file holds, its default name, and how a run reads in a picker.
 * Pure (no vscode import): the commands in exportCommands.ts do the UI and the writing.
 */
import { runsToCsv, runsToDpoPairs, runsToJson } from '../../core/prefs/exports';
import type { RunRecord, TemplateId } from '../../core/prefs/preferenceRecord';

export type LogExportFormat = 'csv' | 'json' | 'dpo' | 'dpo-verified';

export interface LogExportFormatInfo {
  format: LogExportFormat;
  label: string;
  detail: string;
  extension: string;
  /** Name of the save dialog's file-type filter. */
  filterName: string;
}

export const LOG_EXPORT_FORMATS: readonly LogExportFormatInfo[] = [
  { format: 'csv', label: 'CSV', detail: 'One row per model per run, for spreadsheets', extension: 'csv', filterName: 'CSV' },
  { format: 'json', label: 'JSON', detail: 'Every run with its answers, metrics and vote', extension: 'json', filterName: 'JSON' },
  {
    format: 'dpo',
    label: 'DPO pairs (JSONL)',
    detail: 'Chosen/rejected answer pairs from winner votes and rankings, for fine-tuning',
    extension: 'jsonl',
    filterName: 'JSON Lines',
  },
  {
    format: 'dpo-verified',
    label: 'DPO pairs with verified pairs (JSONL)',
    detail: 'Voted pairs, plus pairs where one answer passed its check and the other failed it (issue 9)',
    extension: 'jsonl',
    filterName: 'JSON Lines',
  },
];

export function isLogExportFormat(value: unknown): value is LogExportFormat {
  return LOG_EXPORT_FORMATS.some((f) => f.format === value);
}

export function formatInfo(format: LogExportFormat): LogExportFormatInfo {
  const info = LOG_EXPORT_FORMATS.find((f) => f.format === format);
  if (!info) throw new Error(`unknown export format ${format}`);
  return info;
}

export interface LogExport {
  content: string;
  /** How many things the file holds, in words: "3 runs", "1 DPO pair". */
  summary: string;
  /** Nothing worth writing (no runs, or no pairs). */
  empty: boolean;
}

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function renderLogExport(runs: readonly RunRecord[], format: LogExportFormat): LogExport {
  switch (format) {
    case 'csv':
      return { content: runsToCsv(runs), summary: count(runs.length, 'run', 'runs'), empty: runs.length === 0 };
    case 'json':
      return { content: runsToJson(runs), summary: count(runs.length, 'run', 'runs'), empty: runs.length === 0 };
    case 'dpo':
    case 'dpo-verified': {
      const content = runsToDpoPairs(runs, { verified: format === 'dpo-verified' });
      const pairs = content === '' ? 0 : content.split('\n').length - 1;
      return { content, summary: count(pairs, 'DPO pair', 'DPO pairs'), empty: pairs === 0 };
    }
  }
}

function pad(n: number): string {
  return n.toString().padStart(2, '0');
}

/** Local date "2025-03-01". */
function localDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local "2025-03-01 14:05"; the raw string when it is not a date. */
export function formatRunDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function logExportFileName(format: LogExportFormat, now: Date): string {
  return `parallax-preferences-${localDate(now)}.${formatInfo(format).extension}`;
}

/** "parallax-run-fix-2025-03-01-1405.md". */
export function runMarkdownFileName(run: RunRecord): string {
  const stamp = formatRunDate(run.createdAt).replace(' ', '-').replace(/[^0-9A-Za-z-]/g, '');
  return `parallax-run-${run.template}-${stamp}.md`;
}

const TEMPLATE_TITLES: Record<TemplateId, string> = {
  fix: 'Fix',
  refactor: 'Refactor',
  explain: 'Explain',
  tests: 'Tests',
  custom: 'Ask',
};

function voteSummary(run: RunRecord): string {
  const vote = run.vote;
  if (!vote) return 'no vote';
  if (vote.kind === 'tie') return 'tie';
  if (vote.kind === 'all-bad') return 'all bad';
  const winner = run.models.find((m) => m.id === vote.winner);
  return `winner: ${winner?.label ?? vote.winner ?? '?'}`;
}

export interface RunPickText {
  label: string;
  description: string;
  detail: string;
}

/** How a run reads in the history picker. */
export function runPickText(run: RunRecord, latest: boolean): RunPickText {
  const where = run.context.filePath ?? run.languageId;
  return {
    label: `${TEMPLATE_TITLES[run.template]}: ${where}`,
    description: `${latest ? 'latest · ' : ''}${formatRunDate(run.createdAt)}`,
    detail: `${run.models.map((m) => m.label).join(', ')} · ${voteSummary(run)}`,
  };
}

/**
 * Runs for the history picker: the latest run of this session first (when it is in the log), then the others,
 * newest first.
 */
export function runsForPicker(runs: readonly RunRecord[], latestRunId: string | undefined): RunRecord[] {
  const byNewest = [...runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const latest = byNewest.find((r) => r.id === latestRunId);
  return latest ? [latest, ...byNewest.filter((r) => r !== latest)] : byNewest;
}

/**
 * Titles and short labels for runs, shared by live runs and runs reopened from the log. No `vscode` import.
 */
import type { TemplateId } from '../../shared/protocol';

const TEMPLATE_TITLES: Record<TemplateId, string> = {
  fix: 'Fix',
  refactor: 'Refactor',
  explain: 'Explain',
  tests: 'Write tests',
  custom: 'Ask',
};

export interface LineSpan {
  /** 0-based, as VS Code reports them. */
  startLine: number;
  endLine: number;
}

/** "src/dates.ts:12-30" (1-based lines), "src/dates.ts:12" for one line, the path alone without a selection. */
export function locationLabel(filePath: string | undefined, selection: LineSpan | undefined): string {
  const path = filePath && filePath !== '' ? filePath : 'untitled';
  if (!selection) return path;
  const start = selection.startLine + 1;
  const end = selection.endLine + 1;
  return start === end ? `${path}:${start}` : `${path}:${start}-${end}`;
}

/** "src/dates.ts:12-30 · typescript". */
export function contextLabel(filePath: string | undefined, selection: LineSpan | undefined, languageId: string): string {
  return `${locationLabel(filePath, selection)} · ${languageId}`;
}

/** "Fix · src/dates.ts:12-30". */
export function runTitle(template: TemplateId, filePath: string | undefined, selection: LineSpan | undefined): string {
  return `${TEMPLATE_TITLES[template]} · ${locationLabel(filePath, selection)}`;
}

/** Status bar text while a run streams, ticking once a second: "$(sync~spin) Parallax 3/5 done · 12 s". */
export function runningStatusText(done: number, total: number, elapsedMs: number): string {
  return `$(sync~spin) Parallax ${done}/${total} done · ${Math.max(0, Math.floor(elapsedMs / 1000))} s`;
}

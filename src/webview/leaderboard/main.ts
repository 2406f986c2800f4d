/**
 * Leaderboard webview entry: validates host messages, keeps the latest view and the sort, and renders the page.
 * The host owns the data and the filter; this side only shows them and reports clicks.
 */
import '../common/cspSafeZod';
import { z } from 'zod';
import { type HostToLeaderboard, hostToLeaderboardSchema, leaderboardFilterSchema, type LeaderboardToHost, leaderboardToHostSchema, type LeaderboardFilter, type LeaderboardView } from '../../shared/leaderboardProtocol';
import { codicon, element } from '../common/domBuilder';
import { connectToHost } from '../common/hostConnection';
import { type ColumnId, DEFAULT_SORT, nextSort, sortStateSchema } from './leaderboardColumns';
import { renderFilterBar } from './filterBar';
import { countOf, notMeaningfulMessage } from './leaderboardFormat';
import { renderLeaderboardTable } from './leaderboardTable';
import { renderRatingChart } from './ratingChart';
import { renderWinRateMatrix } from './winRateMatrix';
import { renderJudgeAgreement, renderSourcePicker, renderTeamNotices } from './teamSource';

/** What the panel keeps across reloads; the host's serializer reads `filter` back. A part that is missing or no longer valid falls back. */
const savedStateSchema = z.object({ filter: leaderboardFilterSchema.catch({}), sort: sortStateSchema.catch(DEFAULT_SORT) });
type SavedState = z.infer<typeof savedStateSchema>;

const root = document.getElementById('app');
let view: LeaderboardView | undefined;

const connection = connectToHost<HostToLeaderboard, LeaderboardToHost, SavedState>({
  incoming: hostToLeaderboardSchema,
  outgoing: leaderboardToHostSchema,
  savedStateSchema,
  onMessage: onHostMessage,
});
let sort = connection.savedState()?.sort ?? DEFAULT_SORT;

function persist(): void {
  connection.saveState({ filter: view?.filter ?? {}, sort });
}

function onSort(column: ColumnId): void {
  sort = nextSort(sort, column);
  persist();
  render();
}

/** Which control had focus, so a re-render can give it back. */
function focusedControlSelector(): string | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || !root?.contains(active)) return undefined;
  if (active.dataset.column) return `[data-column="${active.dataset.column}"]`;
  if (active.dataset.testid) return `[data-testid="${active.dataset.testid}"]`;
  return undefined;
}

function section(title: string, id: string, content: Node): HTMLElement {
  return element('section', { attrs: { 'aria-labelledby': id } }, [element('h2', { attrs: { id } }, [title]), content]);
}

function filterActive(filter: LeaderboardFilter): boolean {
  return Object.entries(filter).some(([key, value]) => key !== 'source' && value !== undefined && value !== '');
}

function renderPage(current: LeaderboardView): HTMLElement[] {
  const picker = renderSourcePicker(current, (source) => connection.post({ type: 'filter', filter: { ...current.filter, source } }));
  const parts: HTMLElement[] = [
    element('h1', {}, ['Parallax leaderboard']),
    ...(picker ? [picker] : []),
    renderFilterBar(current, {
      onFilter: (filter) => connection.post({ type: 'filter', filter: { ...filter, source: current.filter.source } }),
      onExport: (format) => connection.post({ type: 'export', format }),
    }),
    ...renderTeamNotices(current),
  ];
  if (current.skippedLines > 0) {
    const lines = current.skippedLines === 1 ? '1 line' : `${current.skippedLines} lines`;
    parts.push(
      element('p', { className: 'notice warning', attrs: { role: 'status', 'data-testid': 'skipped-lines' } }, [
        codicon('warning'),
        `${lines} of the preference log could not be read and ${current.skippedLines === 1 ? 'was' : 'were'} skipped.`,
      ]),
    );
  }
  if (current.totalVotes === 0 || current.rows.length === 0) {
    const text = filterActive(current.filter)
      ? 'No votes match these filters.'
      : 'No votes yet. Compare models on some code and vote for the best answer: your leaderboard builds up here.';
    parts.push(element('p', { className: 'empty-state', attrs: { 'data-testid': 'empty-state' } }, [codicon('graph'), text]));
    return parts;
  }
  if (!current.meaningful) {
    parts.push(
      element('p', { className: 'notice info', attrs: { role: 'note', 'data-testid': 'not-meaningful' } }, [codicon('info'), notMeaningfulMessage(current.totalVotes)]),
    );
  }
  const ranked = [...current.rows].sort((a, b) => a.rank - b.rank || b.rating - a.rating);
  parts.push(
    element('p', { className: 'summary', attrs: { 'data-testid': 'board-summary' } }, [`${countOf(current.totalVotes, 'vote')} across ${countOf(current.rows.length, 'model')}.`]),
    ...[renderJudgeAgreement(current)].filter((p): p is HTMLElement => p !== undefined),
    section('Ranking', 'ranking-heading', renderLeaderboardTable(current.rows, sort, onSort)),
    section('Ratings', 'ratings-heading', renderRatingChart(ranked)),
    section('Head to head', 'matrix-heading', renderWinRateMatrix(current)),
  );
  return parts;
}

function render(): void {
  if (!root) return;
  const focus = focusedControlSelector();
  root.replaceChildren(...(view ? renderPage(view) : [element('p', { className: 'loading' }, ['Loading…'])]));
  if (focus) root.querySelector<HTMLElement>(focus)?.focus();
}

function onHostMessage(message: HostToLeaderboard): void {
  switch (message.type) {
    case 'leaderboard':
      view = message.view;
      persist();
      render();
      return;
  }
}

render();
connection.post({ type: 'ready' });

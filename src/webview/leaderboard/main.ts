/**
 * Leaderboard webview entry: validates host messages, keeps the latest view and the sort, and renders the page.
 * The host owns the data and the filter; this side only shows them and reports clicks.
 */
import '../common/cspSafeZod';
import {
  type HostToLeaderboard,
  hostToLeaderboardSchema,
  type LeaderboardFilter,
  type LeaderboardToHost,
  type LeaderboardView,
  leaderboardToHostSchema,
  parseMessage,
} from '../../shared/protocol';
import { type ColumnId, DEFAULT_SORT, nextSort, type SortState } from './leaderboardColumns';
import { codicon, html } from './domBuilder';
import { renderFilterBar } from './filterBar';
import { countOf, notMeaningfulMessage } from './leaderboardFormat';
import { renderLeaderboardTable } from './leaderboardTable';
import { renderRatingChart } from './ratingChart';
import { renderWinRateMatrix } from './winRateMatrix';

/** What the panel keeps across reloads; the host's serializer reads `filter` back. */
interface PersistedState {
  filter: LeaderboardFilter;
  sort: SortState;
}

interface WebviewApi {
  postMessage(message: LeaderboardToHost): void;
  getState(): Partial<PersistedState> | undefined;
  setState(state: PersistedState): void;
}

declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app');
let view: LeaderboardView | undefined;
let sort: SortState = vscode.getState()?.sort ?? DEFAULT_SORT;

function post(message: LeaderboardToHost): void {
  const checked = parseMessage(leaderboardToHostSchema, message);
  if (checked.ok) vscode.postMessage(checked.message);
  else console.error(`leaderboard: not sending invalid message (${checked.error})`);
}

function persist(): void {
  vscode.setState({ filter: view?.filter ?? {}, sort });
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
  return html('section', { 'aria-labelledby': id }, [html('h2', { id }, [title]), content]);
}

function filterActive(filter: LeaderboardFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined && value !== '');
}

function renderPage(current: LeaderboardView): HTMLElement[] {
  const parts: HTMLElement[] = [
    html('h1', {}, ['Parallax leaderboard']),
    renderFilterBar(current, {
      onFilter: (filter) => post({ type: 'filter', filter }),
      onExport: (format) => post({ type: 'export', format }),
    }),
  ];
  if (current.skippedLines > 0) {
    const lines = current.skippedLines === 1 ? '1 line' : `${current.skippedLines} lines`;
    parts.push(
      html('p', { class: 'notice warning', role: 'status', 'data-testid': 'skipped-lines' }, [
        codicon('warning'),
        `${lines} of the preference log could not be read and ${current.skippedLines === 1 ? 'was' : 'were'} skipped.`,
      ]),
    );
  }
  if (current.totalVotes === 0 || current.rows.length === 0) {
    const text = filterActive(current.filter)
      ? 'No votes match these filters.'
      : 'No votes yet. Compare models on some code and vote for the best answer: your leaderboard builds up here.';
    parts.push(html('p', { class: 'empty-state', 'data-testid': 'empty-state' }, [codicon('graph'), text]));
    return parts;
  }
  if (!current.meaningful) {
    parts.push(
      html('p', { class: 'notice info', role: 'note', 'data-testid': 'not-meaningful' }, [codicon('info'), notMeaningfulMessage(current.totalVotes)]),
    );
  }
  const ranked = [...current.rows].sort((a, b) => a.rank - b.rank || b.rating - a.rating);
  parts.push(
    html('p', { class: 'summary' }, [`${countOf(current.totalVotes, 'vote')} across ${countOf(current.rows.length, 'model')}.`]),
    section('Ranking', 'ranking-heading', renderLeaderboardTable(current.rows, sort, onSort)),
    section('Ratings', 'ratings-heading', renderRatingChart(ranked)),
    section('Head to head', 'matrix-heading', renderWinRateMatrix(current)),
  );
  return parts;
}

function render(): void {
  if (!root) return;
  const focus = focusedControlSelector();
  root.replaceChildren(...(view ? renderPage(view) : [html('p', { class: 'loading' }, ['Loading…'])]));
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

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseMessage(hostToLeaderboardSchema, event.data);
  if (parsed.ok) onHostMessage(parsed.message);
  else console.error(`leaderboard: dropped invalid host message (${parsed.error})`);
});

render();
post({ type: 'ready' });

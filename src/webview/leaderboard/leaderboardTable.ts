/** The leaderboard table with headers that sort on click (buttons, so they are keyboard reachable). */
import type { LeaderboardRowView } from '../../shared/leaderboardProtocol';
import { type ColumnId, LEADERBOARD_COLUMNS, type SortState, sortRows } from './leaderboardColumns';
import { codicon, element } from '../common/domBuilder';

export function renderLeaderboardTable(
  rows: readonly LeaderboardRowView[],
  sort: SortState,
  onSort: (column: ColumnId) => void,
): HTMLTableElement {
  const table = element('table', { className: 'leaderboard-table', attrs: { 'data-testid': 'leaderboard-table' } }, [
    element('caption', {}, ['Models ranked by rating. Select a column header to sort. ', INTERVAL_NOTE]),
  ]);
  const headRow = element('tr');
  for (const column of LEADERBOARD_COLUMNS) {
    const sorted = sort.column === column.id;
    const button = element('button', { className: 'sort-button', attrs: { type: 'button', title: column.description, 'data-column': column.id } }, [
      column.header,
    ]);
    if (sorted) button.append(codicon(sort.direction === 'ascending' ? 'arrow-up' : 'arrow-down'));
    button.addEventListener('click', () => onSort(column.id));
    headRow.append(
      element('th', { className: column.numeric ? 'numeric' : undefined, attrs: { scope: 'col', 'aria-sort': sorted ? sort.direction : 'none' } }, [button]),
    );
  }
  table.append(element('thead', {}, [headRow]));

  const body = element('tbody');
  for (const row of sortRows(rows, sort)) {
    const tr = element('tr', { attrs: { 'data-testid': 'leaderboard-row', 'data-model': row.model, 'data-key': row.key } });
    for (const column of LEADERBOARD_COLUMNS) {
      tr.append(
        column.id === 'model' ? modelCell(row) : element('td', { className: column.numeric ? 'numeric' : undefined, attrs: { 'data-column': column.id } }, [column.text(row)]),
      );
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}

function modelCell(row: LeaderboardRowView): HTMLTableCellElement {
  // One line each, cut with an ellipsis; the whole name is in the tooltip.
  return element('th', { className: 'model-cell', attrs: { scope: 'row', 'data-column': 'model', title: `${row.label} — ${row.provider} · ${row.model}` } }, [
    element('span', { className: 'model-label' }, [row.label]),
    element('span', { className: 'model-id' }, [`${row.provider} · ${row.model}`]),
  ]);
}

/** How the ratings and their intervals are computed (core/prefs/bradleyTerry.ts and ratings.ts), in the UI. */
export const INTERVAL_NOTE =
  'Ratings are a Bradley-Terry fit of your votes (a tie counts half) with a prior of one virtual tie per model, so a ' +
  'model with only wins or only losses stays finite; the 95% interval comes from 200 bootstrap resamples of your voted ' +
  'runs, and ranks compare the upper ends of the intervals.';

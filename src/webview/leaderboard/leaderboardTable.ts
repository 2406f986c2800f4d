/** The leaderboard table with headers that sort on click (buttons, so they are keyboard reachable). */
import type { LeaderboardRowView } from '../../shared/protocol';
import { type ColumnId, LEADERBOARD_COLUMNS, type SortState, sortRows } from './leaderboardColumns';
import { codicon, html } from './domBuilder';

export function renderLeaderboardTable(
  rows: readonly LeaderboardRowView[],
  sort: SortState,
  onSort: (column: ColumnId) => void,
): HTMLTableElement {
  const table = html('table', { class: 'leaderboard-table', 'data-testid': 'leaderboard-table' }, [
    html('caption', {}, ['Models ranked by rating. Select a column header to sort.']),
  ]);
  const headRow = html('tr');
  for (const column of LEADERBOARD_COLUMNS) {
    const sorted = sort.column === column.id;
    const button = html('button', { type: 'button', class: 'sort-button', title: column.description, 'data-column': column.id }, [
      column.header,
    ]);
    if (sorted) button.append(codicon(sort.direction === 'ascending' ? 'arrow-up' : 'arrow-down'));
    button.addEventListener('click', () => onSort(column.id));
    headRow.append(
      html('th', { scope: 'col', class: column.numeric ? 'numeric' : undefined, 'aria-sort': sorted ? sort.direction : 'none' }, [button]),
    );
  }
  table.append(html('thead', {}, [headRow]));

  const body = html('tbody');
  for (const row of sortRows(rows, sort)) {
    const tr = html('tr', { 'data-testid': 'leaderboard-row', 'data-model': row.model, 'data-key': row.key });
    for (const column of LEADERBOARD_COLUMNS) {
      tr.append(
        column.id === 'model' ? modelCell(row) : html('td', { class: column.numeric ? 'numeric' : undefined, 'data-column': column.id }, [column.text(row)]),
      );
    }
    body.append(tr);
  }
  table.append(body);
  return table;
}

function modelCell(row: LeaderboardRowView): HTMLTableCellElement {
  return html('th', { scope: 'row', class: 'model-cell', 'data-column': 'model' }, [
    html('span', { class: 'model-label' }, [row.label]),
    html('span', { class: 'model-id' }, [`${row.provider} · ${row.model}`]),
  ]);
}

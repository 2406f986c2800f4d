/** The pairwise win-rate matrix as a table, each cell shaded by a CSS class for its bucket. */
import type { LeaderboardView } from '../../shared/leaderboardProtocol';
import { element } from '../common/domBuilder';
import { formatPercent, winRateBucket } from './leaderboardFormat';

export function renderWinRateMatrix(view: LeaderboardView): HTMLTableElement {
  const { rows, matrix } = view;
  const table = element('table', { className: 'winrate-matrix', attrs: { 'data-testid': 'winrate-matrix' } }, [
    element('caption', {}, ['Win rate of the row’s model against the column’s model (a tie counts half)']),
  ]);
  const headRow = element('tr', {}, [element('td', { className: 'corner' })]);
  for (const column of rows) headRow.append(element('th', { attrs: { scope: 'col', title: `${column.label} (${column.model})` } }, [column.label]));
  table.append(element('thead', {}, [headRow]));

  const body = element('tbody');
  rows.forEach((row, i) => {
    const tr = element('tr', {}, [element('th', { attrs: { scope: 'row', title: `${row.label} (${row.model})` } }, [row.label])]);
    rows.forEach((column, j) => {
      if (i === j) {
        tr.append(element('td', { className: 'wr-cell wr-self', attrs: { 'aria-label': `${row.label} against itself` } }));
        return;
      }
      const rate = matrix[i]?.[j] ?? null;
      const spoken = rate === null ? 'never met' : formatPercent(rate);
      tr.append(
        element('td', { className: `wr-cell wr-${winRateBucket(rate)}`, attrs: { 'aria-label': `${row.label} against ${column.label}: ${spoken}` } }, [
          formatPercent(rate ?? undefined),
        ]),
      );
    });
    body.append(tr);
  });
  table.append(body);
  return table;
}

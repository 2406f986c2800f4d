/** The pairwise win-rate matrix as a table, each cell shaded by a CSS class for its bucket. */
import type { LeaderboardView } from '../../shared/protocol';
import { html } from './domBuilder';
import { formatPercent, winRateBucket } from './leaderboardFormat';

export function renderWinRateMatrix(view: LeaderboardView): HTMLTableElement {
  const { rows, matrix } = view;
  const table = html('table', { class: 'winrate-matrix', 'data-testid': 'winrate-matrix' }, [
    html('caption', {}, ['Win rate of the row’s model against the column’s model (a tie counts half)']),
  ]);
  const headRow = html('tr', {}, [html('td', { class: 'corner' })]);
  for (const column of rows) headRow.append(html('th', { scope: 'col', title: column.model }, [column.label]));
  table.append(html('thead', {}, [headRow]));

  const body = html('tbody');
  rows.forEach((row, i) => {
    const tr = html('tr', {}, [html('th', { scope: 'row', title: row.model }, [row.label])]);
    rows.forEach((column, j) => {
      if (i === j) {
        tr.append(html('td', { class: 'wr-cell wr-self', 'aria-label': `${row.label} against itself` }));
        return;
      }
      const rate = matrix[i]?.[j] ?? null;
      const spoken = rate === null ? 'never met' : formatPercent(rate);
      tr.append(
        html('td', { class: `wr-cell wr-${winRateBucket(rate)}`, 'aria-label': `${row.label} against ${column.label}: ${spoken}` }, [
          formatPercent(rate ?? undefined),
        ]),
      );
    });
    body.append(tr);
  });
  table.append(body);
  return table;
}

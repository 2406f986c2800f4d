/** The rating chart: an SVG built with createElementNS from the pure layout in chartGeometry. */
import type { LeaderboardRowView } from '../../shared/leaderboardProtocol';
import { ratingChartLayout } from './chartGeometry';
import { svg } from '../common/domBuilder';
import { formatInterval, formatRating } from './leaderboardFormat';

/** Rows in rank order, best at the top. */
export function renderRatingChart(rows: readonly LeaderboardRowView[]): SVGSVGElement {
  const layout = ratingChartLayout(rows.map((r) => ({ key: r.key, label: r.label, rating: r.rating, ciLow: r.ciLow, ciHigh: r.ciHigh })));
  const chart = svg('svg', {
    className: 'rating-chart',
    attrs: { 'data-testid': 'rating-chart', viewBox: `0 0 ${layout.width} ${layout.height}`, role: 'img', 'aria-labelledby': 'rating-chart-title' },
  });
  chart.append(svg('title', { attrs: { id: 'rating-chart-title' } }, ['Ratings with 95% intervals, best first']));

  const axis = svg('g', { className: 'chart-axis', attrs: { 'aria-hidden': 'true' } });
  axis.append(
    svg('line', { className: 'axis-line', attrs: { x1: `${layout.plotLeft}`, x2: `${layout.plotRight}`, y1: `${layout.axisY}`, y2: `${layout.axisY}` } }),
  );
  for (const tick of layout.ticks) {
    axis.append(
      svg('line', { className: 'grid-line', attrs: { x1: `${tick.x}`, x2: `${tick.x}`, y1: '0', y2: `${layout.axisY}` } }),
      svg('text', { className: 'tick-label', attrs: { x: `${tick.x}`, y: `${layout.axisY + 16}`, 'text-anchor': 'middle' } }, [formatRating(tick.value)]),
    );
  }
  if (layout.referenceX !== undefined) {
    axis.append(
      svg('line', { className: 'reference-line', attrs: { x1: `${layout.referenceX}`, x2: `${layout.referenceX}`, y1: '0', y2: `${layout.axisY}` } }),
    );
  }
  chart.append(axis);

  layout.rows.forEach((geometry, i) => {
    const row = rows[i];
    if (!row) return;
    const summary = `${row.label}: ${formatRating(row.rating)}, 95% interval ${formatInterval(row.ciLow, row.ciHigh)}`;
    chart.append(
      svg('g', { className: 'chart-row', attrs: { 'data-key': row.key } }, [
        svg('title', {}, [summary]),
        svg('text', { className: 'row-label', attrs: { x: `${layout.plotLeft - 8}`, y: `${geometry.y}`, 'text-anchor': 'end', 'dominant-baseline': 'middle' } }, [
          chartLabel(row.label),
        ]),
        svg('line', { className: 'whisker', attrs: { x1: `${geometry.lowX}`, x2: `${geometry.highX}`, y1: `${geometry.y}`, y2: `${geometry.y}` } }),
        svg('line', { className: 'whisker-cap', attrs: { x1: `${geometry.lowX}`, x2: `${geometry.lowX}`, y1: `${geometry.capTop}`, y2: `${geometry.capBottom}` } }),
        svg('line', { className: 'whisker-cap', attrs: { x1: `${geometry.highX}`, x2: `${geometry.highX}`, y1: `${geometry.capTop}`, y2: `${geometry.capBottom}` } }),
        svg('circle', { className: 'rating-dot', attrs: { cx: `${geometry.x}`, cy: `${geometry.y}`, r: '5' } }),
      ]),
    );
  });
  return chart;
}

/** The room left of the plot holds about this many characters; longer names end in "…" (the row's title has all). */
const CHART_LABEL_CHARS = 26;

function chartLabel(label: string): string {
  return label.length <= CHART_LABEL_CHARS ? label : `${label.slice(0, CHART_LABEL_CHARS - 1).trimEnd()}…`;
}

/**
 * The summary row under the columns: fastest first token, fastest total, cheapest answer, usable code.
 */
import type { ColumnStateView, ColumnView } from '../../shared/protocol';
import { element } from '../common/domBuilder';
import { formatCost, formatDuration } from '../common/metricFormat';
import { summarizeRun } from './runSummary';

export function renderSummary(target: HTMLElement, columns: readonly ColumnView[], states: readonly ColumnStateView[]): void {
  const summary = summarizeRun(states);
  // Two entries of one model share a label: name them by column position too, so no model looks listed twice.
  const labelOf = (columnId: string) => {
    const index = columns.findIndex((c) => c.columnId === columnId);
    const label = columns[index]?.displayLabel ?? columnId;
    return columns.filter((c) => c.displayLabel === label).length > 1 ? `${label} (column ${index + 1})` : label;
  };
  const estimated = (columnId: string) => states.find((s) => s.columnId === columnId)?.metrics?.tokensEstimated ?? false;
  const item = (name: string, value: string, testId: string) =>
    element('span', { className: 'summary-item', attrs: { 'data-testid': testId } }, [
      element('span', { className: 'summary-name', text: `${name}: ` }),
      element('span', { className: 'summary-value', text: value }),
    ]);
  target.replaceChildren(
    item('Finished', `${summary.finished}/${summary.total}`, 'summary-finished'),
    item('Fastest first token', summary.fastestFirstToken ? `${labelOf(summary.fastestFirstToken.columnId)} (${formatDuration(summary.fastestFirstToken.ms)})` : '—', 'summary-ttft'),
    item('Fastest total', summary.fastestTotal ? `${labelOf(summary.fastestTotal.columnId)} (${formatDuration(summary.fastestTotal.ms)})` : '—', 'summary-total'),
    item('Cheapest', summary.cheapest ? `${labelOf(summary.cheapest.columnId)} (${formatCost(summary.cheapest.usd, estimated(summary.cheapest.columnId))})` : '—', 'summary-cheapest'),
    item('Usable code', summary.usableCode.length ? summary.usableCode.map(labelOf).join(', ') : 'none yet', 'summary-code'),
  );
}

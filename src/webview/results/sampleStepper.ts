/**
 * Repeat N in a column: ‹ 2/3 › steps through the model's samples (the host replays the chosen one on the column, so
 * Diff, Apply, Copy, Verify and the vote act on it), and a line under it gives the distribution over all samples:
 * median and p90 of TTFT and total, the cost of all N, the pass rate of verified samples, and agreement.
 */
import type { ResultsToHost, SamplesView } from '../../shared/protocol';
import { element, iconButton } from '../common/domBuilder';
import { formatCost, formatDuration } from '../common/metricFormat';

export class SampleStepper {
  readonly root: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly position: HTMLElement;
  private readonly stats: HTMLElement;
  private samples: SamplesView | undefined;

  constructor(columnId: string, label: string, post: (message: ResultsToHost) => void) {
    const step = (delta: number) => {
      const s = this.samples;
      if (!s) return;
      const target = s.shown + delta;
      if (target >= 1 && target <= s.count) post({ type: 'showSample', columnId, sample: target });
    };
    this.prev = iconButton({ testId: 'sample-prev', label: `Previous sample of ${label}`, icon: 'chevron-left', className: 'icon-button', onClick: () => step(-1) });
    this.next = iconButton({ testId: 'sample-next', label: `Next sample of ${label}`, icon: 'chevron-right', className: 'icon-button', onClick: () => step(1) });
    this.position = element('span', { className: 'sample-position', attrs: { 'data-testid': 'sample-position', 'aria-live': 'polite' } });
    this.stats = element('div', { className: 'sample-stats', attrs: { 'data-testid': 'sample-stats' } });
    this.root = element('div', { className: 'samples', attrs: { 'data-testid': 'samples', hidden: true, role: 'group', 'aria-label': `Samples of ${label}` } }, [
      element('div', { className: 'sample-nav' }, [this.prev, this.position, this.next]),
      this.stats,
    ]);
  }

  render(samples: SamplesView | undefined): void {
    this.samples = samples;
    this.root.hidden = samples === undefined;
    if (!samples) return;
    this.position.textContent = `Sample ${samples.shown}/${samples.count}`;
    this.position.title = `Sample ${samples.shown} of ${samples.count} (${samples.states[samples.shown - 1] ?? ''})`;
    const started = (n: number) => samples.states[n - 1] !== undefined && samples.states[n - 1] !== 'queued';
    this.prev.disabled = samples.shown <= 1 || !started(samples.shown - 1);
    this.next.disabled = samples.shown >= samples.count || !started(samples.shown + 1);
    this.stats.replaceChildren(...statItems(samples).map(([key, text, title]) => element('span', { className: 'sample-stat', text, attrs: { 'data-stat': key, title } })));
  }
}

/** [key, text, tooltip] for each figure the samples have. */
export function statItems(s: SamplesView): Array<[string, string, string]> {
  const items: Array<[string, string, string]> = [];
  if (s.settled < s.count) items.push(['settled', `${s.settled}/${s.count} done`, 'Samples that have ended']);
  if (s.ttft) items.push(['ttft', `TTFT ${formatDuration(s.ttft.median)} · p90 ${formatDuration(s.ttft.p90)}`, 'Time to first token: median and 90th percentile over the finished samples']);
  if (s.total) items.push(['total', `Total ${formatDuration(s.total.median)} · p90 ${formatDuration(s.total.p90)}`, 'Total time: median and 90th percentile over the finished samples']);
  if (s.costUsd !== undefined) items.push(['cost', `Cost ×${s.count} ${formatCost(s.costUsd)}${s.costUnknown > 0 ? ` (+${s.costUnknown} unknown)` : ''}`, 'Cost of all samples']);
  if (s.pass) items.push(['pass', `Pass ${s.pass.passed}/${s.pass.verified}`, 'Verified samples that passed the check']);
  if (s.distinct !== undefined) items.push(['distinct', `${s.distinct} distinct`, `Distinct answers among ${s.compared} finished samples, whitespace and comments ignored`]);
  if (s.similarity !== undefined) items.push(['similarity', `${Math.round(s.similarity * 100)} % alike`, 'Mean pairwise similarity of the samples’ code (jsdiff, by word)']);
  return items;
}

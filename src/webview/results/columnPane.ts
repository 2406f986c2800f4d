/**
 * One column of the results panel: header, state badge, live metrics, reasoning, the rendered answer and the
 * per-column actions. Built once per `run` message; afterwards only the parts that changed are touched, and the
 * answer's markdown is re-parsed at most as often as AnswerRenderThrottle allows while streaming.
 */
import type { ColumnStateView, ColumnView, ResultsToHost, RunStateView } from '../../shared/protocol';
import { codicon, element, iconButton } from '../common/domBuilder';
import { metricTexts } from '../common/metricFormat';
import { AnswerRenderThrottle, StableRenderBudget } from './answerRenderThrottle';
import { BottomPin } from './bottomPin';
import { PatchFileList } from './patchFileList';
import { collapseToggle } from './columnCollapse';
import { columnDiffToggle } from './columnDiffToggle';
import { InlineDiffPane } from './inlineDiffView';
import { isRunning, type ColumnChange } from './resultsModel';
import { StreamingAnswerView } from './streamingAnswerView';
import { VerificationBadge } from './verificationBadge';
import { SampleStepper } from './sampleStepper';

function stateLabel(state: RunStateView): string {
  return state === 'timed-out' ? 'timed out' : state;
}

function editHint(state: ColumnStateView): string {
  if (!state.edit) return '';
  if (state.edit.files) return 'multi-file answer';
  if (!state.edit.hasCode) return 'no code';
  return state.edit.followedFormat ? 'format followed' : 'code found, format not followed';
}

export type ColumnPaneOptions = {
  column: ColumnView;
  readOnly: boolean;
  chosen: boolean;
  post: (message: ResultsToHost) => void;
  /** Asks for another render in a later frame (a throttled answer parse is still pending). */
  requestRender: () => void;
};

type MetricCells = Record<'ttft' | 'total' | 'tps' | 'tokens' | 'cost', HTMLElement>;

export class ColumnPane {
  readonly root: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly metrics: MetricCells;
  private readonly error: HTMLElement;
  private readonly reasoning: HTMLDetailsElement;
  private readonly reasoningText: HTMLElement;
  private readonly answer: HTMLElement;
  private readonly answerStable = element('div', { className: 'answer-stable' });
  private readonly answerTail = element('div', { className: 'answer-tail' });
  private readonly answerView = new StreamingAnswerView(this.answerStable, this.answerTail);
  private readonly buttons: Record<'cancel' | 'retry' | 'diff' | 'compare' | 'apply' | 'copy', HTMLButtonElement>;
  private readonly diffstat: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly patchFiles: PatchFileList;
  private readonly throttle = new AnswerRenderThrottle();
  private readonly pin: BottomPin;
  private readonly budget = new StableRenderBudget();
  private readonly inlineDiff: InlineDiffPane;
  private answerPending = false;
  private readonly applyLabel: string;
  readonly verification: VerificationBadge;
  private readonly samples: SampleStepper;

  constructor(private readonly options: ColumnPaneOptions) {
    const { column } = options;
    this.applyLabel = `Apply the code of ${column.displayLabel}`;
    const id = column.columnId;
    const subtitle = [column.provider, column.model].filter(Boolean).join(' · ');
    this.badge = element('span', { className: 'state-badge', attrs: { 'data-testid': 'state', 'aria-live': 'polite' } });
    const metricCell = (testId: keyof MetricCells, label: string) =>
      element('span', { className: 'metric-value', attrs: { 'data-testid': testId, 'aria-label': label } });
    this.metrics = {
      ttft: metricCell('ttft', 'Time to first token'),
      total: metricCell('total', 'Total time'),
      tps: metricCell('tps', 'Tokens per second'),
      tokens: metricCell('tokens', 'Tokens in and out'),
      cost: metricCell('cost', 'Cost'),
    };
    // Cost before tokens: the row is one line, and what does not fit (the token counts) is cut at its end.
    const metricRow = element('div', { className: 'metrics' },
      (['ttft', 'total', 'tps', 'cost', 'tokens'] as const).map((key) =>
        element('span', { className: 'metric', attrs: { title: metricTitle[key] } }, [metricName[key] ? element('span', { className: 'metric-label', text: metricName[key] }) : undefined, this.metrics[key]])));
    this.error = element('div', { className: 'column-error', attrs: { 'data-testid': 'error', role: 'alert', hidden: true } });
    this.reasoningText = element('div', { className: 'reasoning-text' });
    this.reasoning = element('details', { className: 'reasoning', attrs: { hidden: true } },
      [element('summary', { text: 'Reasoning' }), this.reasoningText]);
    this.answer = element('div', { className: 'answer markdown-body', attrs: { 'data-testid': 'answer', tabindex: '0', 'aria-label': `Answer of ${column.displayLabel}` } },
      [element('div', { className: 'answer-content' }, [this.answerStable, this.answerTail])]);
    this.pin = new BottomPin(this.answer, this.answerStable.parentElement ?? this.answer);
    this.inlineDiff = new InlineDiffPane(column.displayLabel);
    const post = options.post;
    this.buttons = {
      cancel: iconButton({ testId: 'cancel-column', label: `Cancel ${column.displayLabel}`, icon: 'stop-circle', onClick: () => post({ type: 'cancel', columnId: id }) }),
      retry: iconButton({ testId: 'retry', label: `Retry ${column.displayLabel}`, icon: 'refresh', onClick: () => post({ type: 'retry', columnId: id }) }),
      diff: iconButton({ testId: 'diff-original', label: 'Diff against the original selection', icon: 'diff', text: 'Diff', onClick: () => post({ type: 'diffOriginal', columnId: id }) }),
      compare: iconButton({ testId: 'compare-with', label: 'Compare with another answer…', icon: 'git-compare', text: 'Compare…', onClick: () => post({ type: 'diffPair', columnId: id }) }),
      apply: iconButton({ testId: 'apply', label: this.applyLabel, icon: 'check', text: 'Apply', className: 'button primary', onClick: () => post({ type: 'apply', columnId: id }) }),
      copy: iconButton({ testId: 'copy', label: 'Copy the code', icon: 'copy', onClick: () => post({ type: 'copy', columnId: id }) }),
    };
    this.diffstat = element('span', { className: 'diffstat', attrs: { 'data-testid': 'diffstat', hidden: true } });
    this.hint = element('span', { className: 'edit-hint' });
    this.patchFiles = new PatchFileList(id, post);
    // A run from the log has no engine behind it (no cancel or retry), but its logged code can still be applied.
    if (options.readOnly) for (const b of [this.buttons.cancel, this.buttons.retry]) b.hidden = true;
    this.verification = new VerificationBadge(id, column.displayLabel, options.readOnly, post);
    this.samples = new SampleStepper(id, column.displayLabel, post);

    this.root = element('section', {
      className: `column${options.chosen ? ' chosen' : ''}`,
      attrs: { 'data-testid': 'column', 'data-column': id, role: 'region', 'aria-label': column.displayLabel },
    }, [
      element('header', { className: 'column-header' }, [
        element('div', { className: 'title-row' }, [
          element('span', { className: 'header-label', text: column.displayLabel, attrs: { 'data-testid': 'header-label' } }),
          column.demo ? element('span', { className: 'tag demo-tag', text: 'demo' }) : undefined,
          options.chosen ? element('span', { className: 'tag chosen-tag', attrs: { 'aria-label': 'Your pick' } }, [codicon('star-full'), element('span', { text: 'pick' })]) : undefined,
          this.badge,
          columnDiffToggle(column.displayLabel),
          collapseToggle(column.displayLabel),
        ]),
        subtitle ? element('div', { className: 'subtitle', text: subtitle }) : undefined,
        column.params ? element('div', { className: 'params', text: column.params }) : undefined,
        metricRow,
        this.samples.root,
      ]),
      this.error,
      this.verification.root,
      element('div', { className: 'column-body' }, [this.reasoning, this.answer, this.inlineDiff.root]),
      this.patchFiles.root,
      element('footer', { className: 'column-actions' }, [
        this.buttons.cancel, this.buttons.retry, this.buttons.diff, this.buttons.compare, this.buttons.apply, this.buttons.copy,
        this.diffstat, this.hint,
      ]),
    ]);
  }

  /** Re-renders the parts named in `changes` (all of them on the first call). */
  render(state: ColumnStateView, changes: ReadonlySet<ColumnChange> | 'all', now: number): void {
    const has = (c: ColumnChange) => changes === 'all' || changes.has(c);
    const running = isRunning(state.state);
    if (has('state')) this.renderState(state, running);
    if (has('state') || has('metrics')) this.renderMetrics(state, now);
    if (has('reasoning')) this.renderReasoning(state.reasoning);
    if (has('edit') || has('state')) this.renderEdit(state, running);
    if (has('text') || has('state') || this.answerPending) this.renderAnswer(state.text, running, changes === 'all' || has('state'));
    if (has('state')) this.syncScrollMode(running);
    if (has('samples') || has('state')) this.samples.render(state.samples);
  }

  /** Updates the ticking total while the column runs. */
  tick(state: ColumnStateView, now: number): void {
    this.renderMetrics(state, now);
  }

  private renderState(state: ColumnStateView, running: boolean): void {
    this.badge.replaceChildren(
      ...(state.state === 'streaming' ? [codicon('loading', 'codicon-modifier-spin')] : []),
      document.createTextNode(stateLabel(state.state)),
    );
    this.badge.className = `state-badge state-${state.state}`;
    this.root.dataset.state = state.state;
    this.error.hidden = !state.error;
    this.error.textContent = state.error ?? '';
    if (!this.options.readOnly) {
      this.buttons.cancel.hidden = !running;
      this.buttons.retry.hidden = running;
    }
  }

  private renderMetrics(state: ColumnStateView, now: number): void {
    const texts = metricTexts(state.metrics, isRunning(state.state), now);
    for (const key of Object.keys(this.metrics) as (keyof MetricCells)[]) this.metrics[key].textContent = texts[key];
  }

  private renderReasoning(reasoning: string): void {
    this.reasoning.hidden = reasoning.length === 0;
    this.reasoningText.textContent = reasoning;
  }

  private renderEdit(state: ColumnStateView, running: boolean): void {
    const hasCode = Boolean(state.edit?.hasCode) && !running;
    for (const b of [this.buttons.diff, this.buttons.compare, this.buttons.copy]) b.disabled = !hasCode;
    const blocked = state.edit?.applyBlocked;
    this.buttons.apply.disabled = !hasCode || blocked !== undefined || state.state !== 'done';
    this.verification.setVerifiable(hasCode && blocked === undefined && state.state === 'done');
    this.buttons.apply.title = blocked ?? (state.state === 'done' ? this.applyLabel : 'Apply is offered once the answer has finished');
    this.buttons.apply.setAttribute('aria-label', this.buttons.apply.title);
    this.diffstat.hidden = !hasCode;
    this.diffstat.textContent = state.edit ? `+${state.edit.added} −${state.edit.removed}` : '';
    this.diffstat.setAttribute('aria-label', state.edit ? `${state.edit.added} lines added, ${state.edit.removed} removed` : '');
    this.hint.textContent = running ? '' : editHint(state);
    this.hint.title = state.edit?.note ?? '';
    this.patchFiles.render(state.edit, running);
    this.inlineDiff.render(state.edit?.diff);
  }

  /** A streaming answer follows its growth at the bottom (BottomPin) unless the user scrolls up. */
  private syncScrollMode(running: boolean): void {
    if (running) this.pin.start();
  }

  private renderAnswer(text: string, running: boolean, force: boolean): void {
    const now = performance.now();
    if (!this.throttle.due(now, force || !running)) {
      this.answerPending = true;
      this.options.requestRender();
      return;
    }
    const shown = this.answerView.show(text, running, this.budget.maxChars);
    const ended = performance.now();
    this.throttle.record(now, ended);
    this.budget.record(shown.renderedChars, ended - now);
    // More stable text is waiting than one render may take on: the rest in the next frames.
    this.answerPending = shown.pending;
    if (shown.pending) this.options.requestRender();
  }
}

/** Labels where the value alone would not say what it is ("228 tok/s" and "387 in · 48 out" do). */
const metricName = { ttft: 'TTFT', total: 'Total', tps: '', tokens: '', cost: 'Cost' } as const;
const metricTitle = { ttft: 'Time to first token', total: 'Total time', tps: 'Output speed', tokens: 'Tokens in and out', cost: 'Cost' } as const;

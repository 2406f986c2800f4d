/**
 * The whole results panel: toolbar (blind toggle, cancel all, re-run, export), notices, the row of columns, the
 * summary and the vote bar. A `run` message rebuilds it; `updates` are folded into the model and each changed column
 * is re-rendered once per animation frame through the FrameBatcher.
 */
import type { ColumnUpdate, ResultsPanelCommand, ResultsToHost, RunView } from '../../shared/protocol';
import { TEMPLATE_TITLES } from '../../shared/vocabulary';
import { codicon, element, iconButton } from '../common/domBuilder';
import { FrameBatcher } from '../common/frameBatcher';
import { ColumnPane } from './columnPane';
import { layoutToolbar, type LayoutToolbar } from './layoutToolbar';
import { runPanelCommand } from './panelCommands';
import { isRunning, ResultsModel, type ColumnChange } from './resultsModel';
import { JudgeSection } from './judgeSection';
import type { JudgeView } from '../../shared/judgeProtocol';
import { renderSummary } from './summaryView';
import type { VerificationView } from '../../shared/verificationProtocol';
import { SampleVerifications } from './sampleVerifications';
import { verificationSummaryItem, verificationToolbar } from './verificationBadge';
import { VoteBar } from './voteBar';
import { isTextEntry, voteActionForKey } from './voteKeys';
import { rerunRepeatSelect } from './rerunRepeat';

const TICK_MS = 200;
/** Rendering time per animation frame before the remaining columns wait for the next frame. */
const FRAME_BUDGET_MS = 10;

export class ResultsView {
  private readonly model = new ResultsModel();
  private readonly panes = new Map<string, ColumnPane>();
  private readonly pendingChanges = new Map<string, Set<ColumnChange>>();
  private readonly batcher = new FrameBatcher<string>((columnId) => this.renderColumn(columnId), { budgetMs: FRAME_BUDGET_MS });
  private readonly notices = element('div', { className: 'notices', attrs: { role: 'status' } });
  private readonly main = element('main', { className: 'results' });
  private summary: HTMLElement | undefined;
  private voteBar: VoteBar | undefined;
  private layout: LayoutToolbar | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private summaryDirty = false;
  /** The shown run's verifications by column and sample (kept across rebuilds of the same run). */
  private readonly verifications = new SampleVerifications();
  private cancelVerify: HTMLButtonElement | undefined;
  /** The toolbar's controls that follow whether anything runs (kept: querying the panel walks every answer's nodes). */
  private runControls: { cancelAll: HTMLButtonElement; rerun: (HTMLButtonElement | HTMLSelectElement)[] } | undefined;
  private judge: JudgeSection | undefined;
  /** The latest judge view and its run (kept across rebuilds; shown only for its own run). */
  private judgeView: { runId: string; view: JudgeView } | undefined;

  constructor(
    host: HTMLElement,
    private readonly post: (message: ResultsToHost) => void,
    private readonly onChange: (snapshot: RunView) => void,
  ) {
    host.replaceChildren(this.notices, this.main);
    this.renderEmpty();
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  showRun(run: RunView): void {
    if (this.model.run?.runId !== run.runId) this.verifications.clear();
    this.model.setRun(run);
    this.pendingChanges.clear();
    this.build(run);
    this.persist();
  }

  applyUpdates(runId: string, updates: readonly ColumnUpdate[]): void {
    const changed = this.model.applyUpdates(runId, updates);
    for (const [columnId, what] of changed) {
      const pending = this.pendingChanges.get(columnId) ?? new Set<ColumnChange>();
      what.forEach((w) => pending.add(w));
      this.pendingChanges.set(columnId, pending);
      this.batcher.markDirty(columnId);
      if (what.has('state') || what.has('metrics') || what.has('edit')) this.summaryDirty = true;
    }
    if (changed.size > 0) this.persist();
  }

  showVerification(runId: string, columnId: string, verification: VerificationView, sample = 1): void {
    if (this.model.run?.runId !== runId) return;
    this.verifications.set(columnId, sample, verification);
    if (sample === this.shownSample(columnId)) this.panes.get(columnId)?.verification.show(verification, sample);
    if (this.cancelVerify) this.cancelVerify.hidden = !this.verifications.anyActive;
    this.renderSummaryNow();
  }

  /** Repeat N: the sample a column shows (1 otherwise). */
  private shownSample(columnId: string): number {
    return this.model.stateOf(columnId)?.samples?.shown ?? 1;
  }

  /** The check of the sample a column shows, if that sample was checked. */
  private shownVerification(columnId: string): VerificationView | undefined {
    return this.verifications.of(columnId, this.shownSample(columnId));
  }

  showJudge(runId: string, view: JudgeView): void {
    this.judgeView = { runId, view };
    if (this.model.run?.runId === runId) this.judge?.show(view);
  }

  /** Sends a vote draft still waiting for its debounce (the panel is being hidden). */
  flushDraft(): void {
    this.voteBar?.flushDraft();
  }

  /** A key bound to a panel command was pressed. */
  runCommand(command: ResultsPanelCommand): void {
    runPanelCommand(command, {
      main: this.main,
      post: this.post,
      chosenColumnId: () => this.voteBar?.chosenColumnId,
      submitVote: () => this.voteBar?.submitFromKey(),
    });
  }

  showNotice(level: 'info' | 'warning' | 'error', message: string): void {
    const icon = level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'info';
    const notice = element('div', { className: `notice notice-${level}`, attrs: { 'data-testid': 'notice' } }, [codicon(icon), element('span', { text: message })]);
    notice.append(iconButton({ testId: 'notice-dismiss', label: 'Dismiss', icon: 'close', className: 'icon-button', onClick: () => notice.remove() }));
    this.notices.append(notice);
    if (level === 'error') this.voteBar?.unlock();
  }

  private renderEmpty(): void {
    this.main.replaceChildren(element('div', { className: 'empty' }, [
      element('h2', { text: 'No comparison yet' }),
      element('p', { text: 'Select some code and run “Parallax: Compare Fixes for Selection”, or use the Parallax sidebar.' }),
    ]));
  }

  private build(run: RunView): void {
    this.panes.clear();
    const running = this.model.anyRunning;
    const columns = element('div', { className: 'columns', attrs: { 'data-count': String(run.columns.length) } });
    for (const column of run.columns) {
      const pane = new ColumnPane({
        column,
        readOnly: run.readOnly,
        chosen: run.vote?.kind === 'winner' && run.vote.winnerColumnId === column.columnId,
        post: this.post,
        requestRender: () => this.batcher.markDirty(column.columnId),
      });
      const state = this.model.stateOf(column.columnId);
      if (state) pane.render(state, 'all', Date.now());
      const verification = this.shownVerification(column.columnId);
      if (verification) pane.verification.show(verification, this.shownSample(column.columnId));
      this.panes.set(column.columnId, pane);
      columns.append(pane.root);
    }
    this.summary = element('div', { className: 'summary', attrs: { 'data-testid': 'summary', role: 'region', 'aria-label': 'Summary' } });
    this.voteBar = new VoteBar(run, this.post);
    this.voteBar.setStreaming(running);
    this.judge = new JudgeSection(this.post, run.readOnly);
    this.judge.setStreaming(running);
    if (this.judgeView?.runId === run.runId) this.judge.show(this.judgeView.view);
    this.main.replaceChildren(this.toolbar(run, running), ...this.banners(run), columns, this.summary, this.judge.root, this.voteBar.root);
    this.renderSummaryNow();
    this.renderProgress();
    this.updateTicker();
  }

  private renderProgress(): void {
    const run = this.model.run;
    if (!run) return;
    const finished = run.columns.filter((c) => {
      const state = this.model.stateOf(c.columnId);
      return state !== undefined && !isRunning(state.state);
    }).length;
    this.layout?.setProgress(finished, run.columns.length, this.model.anyRunning);
  }

  private toolbar(run: RunView, running: boolean): HTMLElement {
    const blind = element('button', {
      className: `button secondary toggle${run.blind ? ' on' : ''}`,
      attrs: { type: 'button', 'data-testid': 'blind-toggle', 'aria-pressed': String(run.blind), 'aria-label': 'Blind mode', title: 'Hide model names until you vote' },
      onClick: () => this.post({ type: 'setBlind', blind: !run.blind }),
    }, [codicon(run.blind ? 'eye-closed' : 'eye'), element('span', { text: run.blind ? 'Blind: on' : 'Blind: off' })]);
    const cancelAll = iconButton({ testId: 'cancel-all', label: 'Cancel all', icon: 'stop-circle', text: 'Cancel all', onClick: () => this.post({ type: 'cancel' }) });
    cancelAll.hidden = !running || run.readOnly;
    const rerun = iconButton({ testId: 'rerun', label: 'Re-run this comparison', icon: 'debug-rerun', onClick: () => this.post({ type: 'rerun' }) });
    rerun.disabled = running;
    const rerunRepeat = rerunRepeatSelect(this.post);
    rerunRepeat.disabled = running;
    this.runControls = { cancelAll, rerun: [rerun, rerunRepeat] };
    const verify = verificationToolbar(this.post, run.readOnly);
    this.cancelVerify = verify.cancel;
    verify.cancel.hidden = !this.verifications.anyActive;
    this.layout = layoutToolbar(this.main, this.post, true);
    return element('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Run actions' } }, [
      element('div', { className: 'run-title' }, [
        element('span', { className: 'tag', text: TEMPLATE_TITLES[run.template] }),
        element('span', { className: 'title', text: run.title, attrs: { 'data-testid': 'run-title' } }),
        element('span', { className: 'context-label', text: run.contextLabel }),
      ]),
      element('div', { className: 'toolbar-actions' }, [
        verify.verifyAll,
        verify.cancel,
        ...this.layout.items,
        blind,
        cancelAll,
        rerun,
        rerunRepeat,
        iconButton({ testId: 'export-markdown', label: 'Export run as Markdown', icon: 'export', onClick: () => this.post({ type: 'exportMarkdown' }) }),
      ]),
    ]);
  }

  private banners(run: RunView): HTMLElement[] {
    const banners: HTMLElement[] = [];
    if (run.vote && run.blind) {
      banners.push(element('div', { className: 'banner revealed', attrs: { 'data-testid': 'revealed', role: 'status' } },
        [codicon('eye'), element('span', { text: 'Revealed: the names are shown now that you have voted.' })]));
    }
    if (run.readOnly) {
      banners.push(element('div', { className: 'banner history', attrs: { role: 'note' } }, [
        codicon('history'),
        element('span', {}, [
          'From your log, run ',
          element('time', { text: readableDate(run.createdAt), attrs: { datetime: run.createdAt, 'data-testid': 'history-date' } }),
          '. Diff, Compare and Apply use the answers it logged (Apply only while the code is unchanged); re-run it to retry. You can still vote.',
        ]),
      ]));
    }
    return banners;
  }

  private renderColumn(columnId: string): void {
    const pane = this.panes.get(columnId);
    const state = this.model.stateOf(columnId);
    if (!pane || !state) return;
    const changes = this.pendingChanges.get(columnId) ?? new Set<ColumnChange>();
    this.pendingChanges.delete(columnId);
    pane.render(state, changes, Date.now());
    if (changes.has('samples')) {
      // Stepping to another sample shows that sample's check, or none: never the previous sample's.
      pane.verification.showFor(this.shownVerification(columnId), this.shownSample(columnId));
      this.summaryDirty = true;
    }
    if (this.summaryDirty) this.renderSummaryNow();
    if (changes.has('state')) {
      this.renderProgress();
      const running = this.model.anyRunning;
      this.voteBar?.setStreaming(running);
      this.judge?.setStreaming(running);
      if (this.runControls) {
        this.runControls.cancelAll.hidden = !running || (this.model.run?.readOnly ?? true);
        for (const rerun of this.runControls.rerun) rerun.disabled = running;
      }
      this.updateTicker();
    }
  }

  private renderSummaryNow(): void {
    const run = this.model.run;
    if (!run || !this.summary) return;
    this.summaryDirty = false;
    const states = run.columns.flatMap((c) => this.model.stateOf(c.columnId) ?? []);
    renderSummary(this.summary, run.columns, states);
    const verified = verificationSummaryItem(run.columns.map((c) => ({ label: c.displayLabel, v: this.shownVerification(c.columnId) })));
    if (verified) this.summary.append(verified);
  }

  /** While any column runs, the "total" metric ticks. */
  private updateTicker(): void {
    const running = this.model.anyRunning;
    if (running && this.ticker === undefined) {
      this.ticker = setInterval(() => {
        const now = Date.now();
        for (const [columnId, pane] of this.panes) {
          const state = this.model.stateOf(columnId);
          if (state && isRunning(state.state)) pane.tick(state, now);
        }
      }, TICK_MS);
    } else if (!running && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  private onKey(event: KeyboardEvent): void {
    const run = this.model.run;
    if (!run || !this.voteBar?.interactive) return;
    const action = voteActionForKey(event.key, {
      columnCount: run.columns.length,
      typing: isTextEntry(document.activeElement),
      modifiers: event.ctrlKey || event.metaKey || event.altKey,
    });
    if (!action) return;
    event.preventDefault();
    this.voteBar.pick(action);
  }

  private persist(): void {
    const snapshot = this.model.snapshot();
    if (snapshot) this.onChange(snapshot);
  }
}

/** "2 Mar 2025, 11:00" in the user's locale and time zone (the log stores ISO UTC). */
function readableDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

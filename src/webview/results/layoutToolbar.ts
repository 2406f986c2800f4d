/**
 * The panel-wide controls for reading several answers: how far the run is ("3/8 done", beside the status bar's
 * count), a code wrap toggle, answers shown as inline diffs, "Open All Diffs" and the focus toggle that maximises the panel's editor group.
 */
import type { ResultsToHost } from '../../shared/protocol';
import { codicon, element, iconButton } from '../common/domBuilder';
import { followPanelDiffs } from './columnDiffToggle';

export type LayoutToolbar = {
  items: HTMLElement[];
  /** Shows the progress of the run and enables what needs finished answers. */
  setProgress(finished: number, total: number, running: boolean): void;
};

/** `main` gets the class `wrap-code` while long code lines wrap; `canDiff` hides the diff controls (every run can diff today: live, or from the log). */
export function layoutToolbar(main: HTMLElement, post: (message: ResultsToHost) => void, canDiff: boolean): LayoutToolbar {
  const progress = element('span', { className: 'run-progress', attrs: { 'data-testid': 'run-progress', role: 'status', 'aria-live': 'polite' } });
  const wrap = element('button', {
    className: 'button secondary',
    attrs: { type: 'button', 'data-testid': 'wrap-toggle', 'aria-pressed': String(main.classList.contains('wrap-code')), title: 'Wrap long lines in code blocks', 'aria-label': 'Wrap code' },
    onClick: () => wrap.setAttribute('aria-pressed', String(main.classList.toggle('wrap-code'))),
  }, [codicon('word-wrap'), element('span', { text: 'Wrap' })]);
  const diffs = element('button', {
    className: 'button secondary',
    attrs: { type: 'button', 'data-testid': 'diffs-toggle', 'aria-pressed': String(main.classList.contains('show-diffs')), title: 'Show each answer as a diff against the original', 'aria-label': 'Show answers as diffs' },
    onClick: () => {
      diffs.setAttribute('aria-pressed', String(main.classList.toggle('show-diffs')));
      followPanelDiffs(main);
    },
  }, [codicon('diff'), element('span', { text: 'Diffs' })]);
  diffs.hidden = !canDiff;
  const allDiffs = iconButton({ testId: 'open-all-diffs', label: 'Open All Diffs: each answer against the original, side by side', icon: 'diff-multiple', onClick: () => post({ type: 'openAllDiffs' }) });
  allDiffs.hidden = !canDiff;
  const focus = iconButton({ testId: 'focus-toggle', label: 'Focus: maximise the results (again to restore)', icon: 'screen-full', onClick: () => post({ type: 'toggleFocus' }) });
  return {
    items: [progress, wrap, diffs, allDiffs, focus],
    setProgress(finished, total, running) {
      progress.textContent = running ? `${finished}/${total} done` : '';
      allDiffs.disabled = running;
    },
  };
}

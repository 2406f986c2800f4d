/**
 * A column's own switch between its rendered answer and its inline diff against the original. Without a choice
 * the column follows the panel's "Diffs" toggle (`.show-diffs` on the panel); a choice sets `data-view` on the
 * column ("answer" or "diff", results.css), and the panel toggle clears every column's choice again. Only the view
 * changes, nothing is recorded.
 */
import { codicon, element } from '../common/domBuilder';

const PANEL_DIFFS_EVENT = 'parallax-diffs-toggled';

/** The panel's "Diffs" toggle flipped `.show-diffs` on `main`: every column follows it again. */
export function followPanelDiffs(main: HTMLElement): void {
  for (const column of main.querySelectorAll('.column[data-view]')) column.removeAttribute('data-view');
  for (const button of main.querySelectorAll('.column-diff-toggle')) button.dispatchEvent(new Event(PANEL_DIFFS_EVENT));
}

function showsDiff(column: Element): boolean {
  const view = column.getAttribute('data-view');
  if (view) return view === 'diff';
  return column.closest('.show-diffs') !== null;
}

export function columnDiffToggle(label: string): HTMLButtonElement {
  const button = element('button', { className: 'icon-button column-diff-toggle', attrs: { type: 'button', 'data-testid': 'column-diff-toggle' } });
  const render = (diff: boolean) => {
    const text = diff ? `Show the answer of ${label}` : `Show ${label} as a diff against the original`;
    button.title = text;
    button.setAttribute('aria-label', text);
    button.setAttribute('aria-pressed', String(diff));
    button.replaceChildren(codicon(diff ? 'markdown' : 'diff'));
  };
  button.addEventListener('click', () => {
    const column = button.closest('.column');
    if (!column) return;
    const diff = !showsDiff(column);
    column.setAttribute('data-view', diff ? 'diff' : 'answer');
    render(diff);
  });
  const follow = () => {
    const column = button.closest('.column');
    render(column ? showsDiff(column) : false);
  };
  button.addEventListener(PANEL_DIFFS_EVENT, follow);
  render(false);
  // Built before it is attached to the panel: read the panel toggle once it is.
  queueMicrotask(follow);
  return button;
}

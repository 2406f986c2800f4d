/**
 * The panel's keyboard commands, sent by the host when a key bound to a Parallax command is pressed in the panel
 * (package.json keybindings, `activeWebviewPanelId == 'parallax.results'`): move between columns, open the focused
 * column's diff, apply the chosen answer, submit the vote.
 */
import type { ResultsPanelCommand, ResultsToHost } from '../../shared/protocol';

export type PanelCommandTarget = {
  main: HTMLElement;
  post: (message: ResultsToHost) => void;
  /** The column the vote picks (or picked), if any. */
  chosenColumnId: () => string | undefined;
  submitVote: () => void;
};

const COLUMN = 'section[data-testid="column"]';

function columns(main: HTMLElement): HTMLElement[] {
  return [...main.querySelectorAll<HTMLElement>(COLUMN)];
}

/** The column holding the focus, else the last one moved to. */
function focusedColumn(main: HTMLElement): HTMLElement | undefined {
  const active = document.activeElement;
  return (active instanceof HTMLElement ? active.closest<HTMLElement>(COLUMN) : null) ?? main.querySelector<HTMLElement>(`${COLUMN}.current`) ?? undefined;
}

function moveTo(main: HTMLElement, column: HTMLElement): void {
  for (const c of columns(main)) c.classList.toggle('current', c === column);
  const target = column.querySelector<HTMLElement>('[data-testid="answer"]') ?? column;
  target.focus({ preventScroll: true });
  column.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

export function runPanelCommand(command: ResultsPanelCommand, target: PanelCommandTarget): void {
  const { main, post } = target;
  const all = columns(main);
  const current = focusedColumn(main);
  const index = current ? all.indexOf(current) : -1;
  switch (command) {
    case 'nextColumn':
    case 'previousColumn': {
      const step = command === 'nextColumn' ? 1 : -1;
      const next = all[index < 0 ? 0 : (index + step + all.length) % all.length];
      if (next) moveTo(main, next);
      return;
    }
    case 'openFocusedDiff': {
      const columnId = current?.dataset.column;
      if (columnId) post({ type: 'diffOriginal', columnId });
      return;
    }
    case 'applyChosen': {
      const columnId = target.chosenColumnId();
      if (columnId) post({ type: 'apply', columnId });
      return;
    }
    case 'submitVote':
      target.submitVote();
      return;
  }
}

/**
 * A column's multi-file answer: "Review N files" (the multi-file diff editor), the files with what happens to each
 * and their line counts, and, when Apply is refused (a path outside the workspace, an edit that fits nowhere), why.
 */
import type { EditSummaryView, PatchFileSummaryView, ResultsToHost } from '../../shared/protocol';
import { element, iconButton } from '../common/domBuilder';

const KIND_WORD: Record<PatchFileSummaryView['kind'], string> = { modify: 'edit', create: 'new', delete: 'delete' };

/** "Review 2 files", "Review 1 file". */
export function reviewLabel(count: number): string {
  return `Review ${count} ${count === 1 ? 'file' : 'files'}`;
}

/** One file's line as shown: "edit src/a.ts +1 −1". */
export function patchFileLine(file: PatchFileSummaryView): { kind: string; path: string; counts: string } {
  return { kind: KIND_WORD[file.kind], path: file.path, counts: `+${file.added} −${file.removed}` };
}

export class PatchFileList {
  readonly root: HTMLElement;
  private readonly review: HTMLButtonElement;
  private readonly list: HTMLUListElement;
  private readonly refusal: HTMLElement;

  constructor(columnId: string, post: (message: ResultsToHost) => void) {
    this.review = iconButton({ testId: 'review-files', label: reviewLabel(0), icon: 'diff-multiple', text: reviewLabel(0), onClick: () => post({ type: 'reviewFiles', columnId }) });
    this.list = element('ul', { className: 'patch-files', attrs: { 'data-testid': 'patch-files', 'aria-label': 'Files this answer changes' } });
    this.refusal = element('div', { className: 'patch-refusal', attrs: { 'data-testid': 'patch-refusal', role: 'alert', hidden: true } });
    this.root = element('div', { className: 'patch-set', attrs: { 'data-testid': 'patch-set', hidden: true } }, [this.review, this.list, this.refusal]);
  }

  render(edit: EditSummaryView | undefined, running: boolean): void {
    const files = edit?.files;
    this.root.hidden = running || files === undefined;
    if (files === undefined) return;
    const label = reviewLabel(files.length);
    this.review.replaceChildren(...Array.from(this.review.childNodes).filter((n) => n.nodeName === 'I'), element('span', { text: label }));
    this.review.setAttribute('aria-label', label);
    this.review.title = label;
    this.review.hidden = files.length === 0;
    this.list.replaceChildren(
      ...files.map((file) => {
        const line = patchFileLine(file);
        return element('li', { className: `patch-file patch-${file.kind}`, attrs: { 'data-testid': 'patch-file' } }, [
          element('span', { className: 'patch-kind', text: line.kind }),
          element('span', { className: 'patch-path', text: line.path, attrs: { title: line.path } }),
          element('span', { className: 'diffstat', text: line.counts }),
        ]);
      }),
    );
    const blocked = edit?.applyBlocked;
    this.refusal.hidden = blocked === undefined;
    this.refusal.textContent = blocked ?? '';
  }
}

/**
 * A column's answer shown as a diff against the original selection: removed and added lines on the theme's diff
 * colours, the changed words marked, so the candidates' diffs read side by side. Shown instead of the answer while
 * the panel's "Diffs" toggle is on (results.css `.show-diffs`). Text only: every part goes in through textContent.
 */
import type { InlineDiffView } from '../../shared/protocol';
import { element } from '../common/domBuilder';

const SIGN = { same: ' ', add: '+', del: '−' } as const;
const SPOKEN = { same: 'unchanged', add: 'added', del: 'removed' } as const;

export class InlineDiffPane {
  readonly root = element('div', { className: 'inline-diff', attrs: { 'data-testid': 'inline-diff', tabindex: '0', role: 'region' } });
  private shown: InlineDiffView | undefined;

  constructor(label: string) {
    this.root.setAttribute('aria-label', `Diff of ${label} against the original`);
    this.render(undefined);
  }

  render(diff: InlineDiffView | undefined): void {
    if (diff === this.shown && this.root.childElementCount > 0) return;
    this.shown = diff;
    if (!diff) {
      this.root.replaceChildren(element('p', { className: 'muted inline-diff-empty', text: 'No code to diff yet.' }));
      return;
    }
    const lines = diff.lines.map((line) =>
      element('div', { className: `diff-line diff-${line.kind}`, attrs: { 'aria-label': SPOKEN[line.kind] } }, [
        element('span', { className: 'diff-sign', text: SIGN[line.kind], attrs: { 'aria-hidden': 'true' } }),
        ...line.parts.map((part) => (part.changed ? element('span', { className: 'diff-word', text: part.text }) : part.text)),
      ]),
    );
    this.root.replaceChildren(element('pre', { className: 'inline-diff-lines' }, lines));
    if (diff.truncated) this.root.append(element('p', { className: 'muted', text: 'The diff is cut here: open the native diff (Diff) for the whole of it.' }));
  }
}

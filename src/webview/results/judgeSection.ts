/**
 * The judge section (issue 12), below the summary: the "Ask the Judge" button, the judge's state, and — only once
 * the host sends it (after the vote in blind mode) — its opinion, in a section labelled "Judge's opinion — not your
 * vote", rendered as hostile markdown (markdown-it without HTML, then DOMPurify), with its pick and, once names are
 * shown, which blind label stood for which model.
 */
import type { JudgeView } from '../../shared/judgeProtocol';
import type { ResultsToHost } from '../../shared/protocol';
import { codicon, element, iconButton } from '../common/domBuilder';
import { sanitizeHtml } from '../common/htmlSanitizer';
import { renderMarkdown } from '../common/markdownRenderer';

export class JudgeSection {
  readonly root: HTMLElement;
  private readonly status = element('div', { className: 'judge-status', attrs: { 'data-testid': 'judge-status', role: 'status' } });
  private readonly opinionHost = element('div', { className: 'judge-opinion-host' });
  private readonly askButton: HTMLButtonElement;

  constructor(post: (m: ResultsToHost) => void, readOnly: boolean) {
    this.askButton = iconButton({ testId: 'ask-judge', label: 'Ask the Judge for a second opinion (never your vote)', icon: 'law', text: 'Ask the Judge', onClick: () => post({ type: 'askJudge' }) });
    this.askButton.hidden = readOnly;
    this.root = element('div', { className: 'judge', attrs: { 'data-testid': 'judge' } }, [
      element('div', { className: 'judge-bar' }, [this.askButton, this.status]),
      this.opinionHost,
    ]);
    this.root.hidden = readOnly;
  }

  /** The comparison still streams: there is nothing to judge yet. */
  setStreaming(streaming: boolean): void {
    this.askButton.disabled = streaming || this.root.dataset.state === 'running';
  }

  show(view: JudgeView): void {
    this.root.hidden = false;
    this.root.dataset.state = view.state;
    this.askButton.disabled = view.state === 'running';
    this.opinionHost.replaceChildren();
    switch (view.state) {
      case 'running':
        this.setStatus('loading', `${view.judgeLabel} is judging…`, 'codicon-modifier-spin');
        if (view.text !== undefined) this.opinionHost.append(this.opinion(view.judgeLabel, view.text));
        else this.setStatus('loading', `${view.judgeLabel} is judging… Its opinion is shown after you vote.`, 'codicon-modifier-spin');
        return;
      case 'held':
        this.setStatus('eye-closed', `${view.judgeLabel} has given its opinion. It is shown after you vote, so it cannot sway you.`);
        return;
      case 'error':
        this.setStatus('error', `The judge ${view.judgeLabel} failed: ${view.message}`);
        return;
      case 'done':
        this.setStatus('law', view.pickLabel ? `${view.judgeLabel} would pick ${view.pickLabel}.` : `${view.judgeLabel} gave no clear pick.`);
        this.opinionHost.append(this.opinion(view.judgeLabel, view.text, view.legend));
        return;
    }
  }

  private setStatus(icon: string, text: string, extra = ''): void {
    this.status.replaceChildren(codicon(icon, extra), element('span', { text }));
  }

  private opinion(judgeLabel: string, text: string, legend?: ReadonlyArray<{ label: string; name: string }>): HTMLElement {
    const body = element('div', { className: 'judge-text markdown', attrs: { 'data-testid': 'judge-text' } });
    body.innerHTML = sanitizeHtml(renderMarkdown(text));
    return element('section', { className: 'judge-opinion', attrs: { 'data-testid': 'judge-opinion', 'aria-labelledby': 'judge-heading' } }, [
      element('h3', { attrs: { id: 'judge-heading' } }, [codicon('law'), `Judge’s opinion — not your vote`, element('span', { className: 'judge-by', text: ` (${judgeLabel})` })]),
      legend && legend.length > 0
        ? element('p', { className: 'judge-legend', attrs: { 'data-testid': 'judge-legend' } }, [`The judge saw the answers as: ${legend.map((l) => `${l.label} = ${l.name}`).join(', ')}.`])
        : undefined,
      body,
    ]);
  }
}

/**
 * A column's verification: the Verify button, then the check's state (passed, still failing, broke something,
 * error, timed out), its duration, the failing and broken test names, the error count against the original for a
 * type checker, and a button to open the check's output. Also the toolbar's Verify all / Cancel and the summary item.
 */
import type { ResultsToHost } from '../../shared/protocol';
import type { VerificationView } from '../../shared/verificationProtocol';
import { codicon, element, iconButton } from '../common/domBuilder';
import { passingSummary, verificationLines } from './verificationText';

export class VerificationBadge {
  readonly root: HTMLElement;
  private readonly result = element('div', { className: 'verification-result', attrs: { 'data-testid': 'verification', role: 'status', hidden: true } });
  private readonly verifyButton: HTMLButtonElement;
  private readonly outputButton: HTMLButtonElement;
  view: VerificationView | undefined;
  /** The sample the shown check is for (Repeat N; 1 otherwise): its output is the one the Output button opens. */
  private sample = 1;
  private verifiable = false;

  constructor(columnId: string, label: string, readOnly: boolean, post: (m: ResultsToHost) => void) {
    this.verifyButton = iconButton({ testId: 'verify', label: `Verify ${label} with the check`, icon: 'beaker', text: 'Verify', onClick: () => post({ type: 'verify', columnId }) });
    this.outputButton = iconButton({ testId: 'verify-output', label: `Open the check output of ${label}`, icon: 'output', text: 'Output', onClick: () => post({ type: 'openVerifyOutput', columnId, ...(this.sample > 1 ? { sample: this.sample } : {}) }) });
    this.outputButton.hidden = true;
    this.verifyButton.hidden = readOnly;
    this.root = element('div', { className: 'verification' }, [this.result, element('div', { className: 'verification-actions' }, [this.verifyButton, this.outputButton])]);
  }

  /** Verify is offered once the column has finished with code. */
  setVerifiable(verifiable: boolean): void {
    this.verifiable = verifiable;
    this.verifyButton.disabled = !verifiable || this.view?.state === 'queued' || this.view?.state === 'running';
  }

  /** Shows the check of the sample the column shows, or nothing when that sample was not checked. */
  showFor(view: VerificationView | undefined, sample: number): void {
    if (view) {
      this.show(view, sample);
      return;
    }
    this.view = undefined;
    this.sample = sample;
    this.result.replaceChildren();
    this.result.hidden = true;
    delete this.result.dataset.state;
    this.outputButton.hidden = true;
    this.setVerifiable(this.verifiable);
  }

  show(view: VerificationView, sample = 1): void {
    this.view = view;
    this.sample = sample;
    const lines = verificationLines(view);
    const icon = { passed: 'pass', failing: 'error', broke: 'warning', error: 'circle-slash', 'timed-out': 'watch', cancelled: 'debug-stop', queued: 'clock', running: 'loading' }[view.state];
    const line = (testId: string, text: string | undefined, className = 'verification-line') =>
      text === undefined ? undefined : element('div', { className, text, attrs: { 'data-testid': testId } });
    const parts = [
      element('div', { className: 'verification-head' }, [
        element('span', { className: `verify-badge verify-${view.state}`, attrs: { 'data-testid': 'verify-state', title: `${view.command} (${view.reason})` } }, [
          codicon(icon, view.state === 'running' ? 'codicon-modifier-spin' : ''),
          element('span', { text: lines.state }),
        ]),
        lines.duration ? element('span', { className: 'verify-duration', text: lines.duration, attrs: { 'data-testid': 'verify-duration' } }) : undefined,
        lines.counts ? element('span', { className: 'verify-counts', text: lines.counts }) : undefined,
      ]),
      line('verify-broke', lines.broke, 'verification-line verify-broke-line'),
      line('verify-failing', lines.failing),
      line('verify-errors', lines.errors),
      line('verify-message', lines.message),
      element('div', { className: 'verification-command', text: `$ ${view.command}`, attrs: { title: view.reason } }),
    ];
    this.result.replaceChildren(...parts.filter((p): p is HTMLDivElement => p !== undefined));
    this.result.hidden = false;
    this.result.dataset.state = view.state;
    this.outputButton.hidden = !view.hasOutput;
    this.verifyButton.disabled = view.state === 'queued' || view.state === 'running';
  }
}

/** The toolbar's "Verify all" and "Cancel verification". */
export function verificationToolbar(post: (m: ResultsToHost) => void, readOnly: boolean): { verifyAll: HTMLButtonElement; cancel: HTMLButtonElement } {
  const verifyAll = iconButton({ testId: 'verify-all', label: 'Verify all candidates with the check', icon: 'beaker', text: 'Verify all', onClick: () => post({ type: 'verify' }) });
  const cancel = iconButton({ testId: 'cancel-verify', label: 'Cancel verification', icon: 'debug-stop', text: 'Cancel check', onClick: () => post({ type: 'cancelVerify' }) });
  verifyAll.hidden = readOnly;
  cancel.hidden = true;
  return { verifyAll, cancel };
}

/** The summary's "Passes the check" item, or undefined before any check ended. */
export function verificationSummaryItem(labels: ReadonlyArray<{ label: string; v: VerificationView | undefined }>): HTMLElement | undefined {
  const text = passingSummary(labels);
  if (text === undefined) return undefined;
  return element('span', { className: 'summary-item', attrs: { 'data-testid': 'summary-verified' } }, [
    element('span', { className: 'summary-name', text: 'Passes the check: ' }),
    element('span', { className: 'summary-value', text }),
  ]);
}

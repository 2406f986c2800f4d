/**
 * The vote bar: pick the best column (or Tie / All bad), optionally rank the columns, toggle reason tags, add a note,
 * submit. Once the run carries a vote, the bar shows it read-only.
 */
import type { ResultsToHost, RunView } from '../../shared/protocol';
import { element, iconButton } from '../common/domBuilder';
import { draftFromView, draftToView, emptyDraft, voteFromDraft, type VoteDraft } from './voteDraft';
import type { VoteKeyAction } from './voteKeys';

const DRAFT_DELAY_MS = 250;

export class VoteBar {
  readonly root: HTMLElement;
  private readonly draft: VoteDraft;
  private draftTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly choiceButtons = new Map<string, HTMLButtonElement>();
  private readonly submit: HTMLButtonElement;
  private submitting = false;
  private streaming = false;
  private readonly columnOrder: string[];

  constructor(private readonly run: RunView, private readonly post: (message: ResultsToHost) => void) {
    this.columnOrder = run.columns.map((c) => c.columnId);
    const voted = run.vote !== undefined;
    this.draft = !voted && run.draft ? draftFromView(run.draft, this.columnOrder, run.reasonTags) : emptyDraft();
    const choice = (key: string, testId: string, text: string, label: string, onPick: () => void) => {
      const button = element('button', {
        className: 'button secondary vote-choice',
        text,
        attrs: { type: 'button', 'data-testid': testId, 'aria-label': label, title: label, 'aria-pressed': 'false' },
        onClick: onPick,
      });
      this.choiceButtons.set(key, button);
      return button;
    };
    const columnChoices = run.columns.map((column, index) =>
      choice(column.columnId, `vote-${column.columnId}`, `${index + 1} · ${column.displayLabel}`,
        `Vote for ${column.displayLabel} (key ${index + 1})`, () => this.pick({ kind: 'winner', columnIndex: index })));
    const tie = choice('tie', 'vote-tie', 'Tie', 'Tie (key T)', () => this.pick({ kind: 'tie' }));
    const allBad = choice('all-bad', 'vote-all-bad', 'All bad', 'All bad (key B)', () => this.pick({ kind: 'all-bad' }));

    const ranking = element('details', { className: 'ranking' }, [
      element('summary', { text: 'Ranking (optional)' }),
      ...run.columns.map((column) => {
        const select = element('select', { attrs: { 'aria-label': `Rank of ${column.displayLabel}`, 'data-testid': `rank-${column.columnId}` } }, [
          element('option', { text: '—', attrs: { value: '' } }),
          ...run.columns.map((_, i) => element('option', { text: String(i + 1), attrs: { value: String(i + 1) } })),
        ]);
        const kept = this.draft.ranks.get(column.columnId);
        if (kept !== undefined) select.value = String(kept);
        select.addEventListener('change', () => {
          if (select.value) this.draft.ranks.set(column.columnId, Number(select.value));
          else this.draft.ranks.delete(column.columnId);
          this.draftChanged();
        });
        return element('label', { className: 'rank' }, [element('span', { text: column.displayLabel }), select]);
      }),
    ]);

    const tags = element('div', { className: 'tags', attrs: { role: 'group', 'aria-label': 'Reasons' } },
      run.reasonTags.map((tag) => {
        const chip = element('button', {
          className: 'chip',
          text: tag,
          attrs: { type: 'button', 'data-testid': `tag-${tag}`, 'aria-pressed': String(this.draft.tags.has(tag)), 'aria-label': `Reason: ${tag}` },
        });
        chip.addEventListener('click', () => {
          if (this.draft.tags.has(tag)) this.draft.tags.delete(tag);
          else this.draft.tags.add(tag);
          chip.setAttribute('aria-pressed', String(this.draft.tags.has(tag)));
          this.draftChanged();
        });
        return chip;
      }));

    const note = element('textarea', { className: 'note', attrs: { 'data-testid': 'note', rows: '1', placeholder: 'Note (optional)', 'aria-label': 'Note' } });
    note.value = this.draft.note;
    note.addEventListener('input', () => {
      this.draft.note = note.value;
      this.draftChanged();
    });

    this.submit = iconButton({ testId: 'vote-submit', label: 'Submit vote', icon: 'pass', text: 'Submit', className: 'button primary', onClick: () => this.send() });

    this.root = element('div', { className: 'vote-bar', attrs: { 'data-testid': 'vote-bar', role: 'region', 'aria-label': 'Vote' } }, [
      element('div', { className: 'vote-choices', attrs: { role: 'group', 'aria-label': 'Best answer' } }, [...columnChoices, tie, allBad]),
      run.columns.length > 2 ? ranking : undefined,
      tags,
      note,
      this.submit,
    ]);

    if (voted && run.vote) {
      const vote = run.vote;
      this.draft.kind = vote.kind;
      if (vote.winnerColumnId) this.draft.winnerColumnId = vote.winnerColumnId;
      vote.tags.forEach((t) => this.draft.tags.add(t));
      note.value = vote.note ?? '';
      for (const chip of tags.querySelectorAll('button')) chip.setAttribute('aria-pressed', String(vote.tags.includes(chip.textContent ?? '')));
      this.root.classList.add('voted');
      for (const control of this.root.querySelectorAll<HTMLButtonElement | HTMLTextAreaElement | HTMLSelectElement>('button, textarea, select')) control.disabled = true;
      this.submit.querySelector('span')?.replaceChildren('Voted');
    }
    this.refresh();
  }

  get interactive(): boolean {
    return this.run.vote === undefined && !this.submitting;
  }

  /** Applies a vote-bar action (from a click or a key). */
  pick(action: VoteKeyAction): void {
    if (!this.interactive) return;
    if (action.kind === 'winner') {
      const columnId = this.columnOrder[action.columnIndex];
      if (!columnId) return;
      this.draft.kind = 'winner';
      this.draft.winnerColumnId = columnId;
    } else {
      this.draft.kind = action.kind;
      delete this.draft.winnerColumnId;
    }
    this.refresh();
    this.draftChanged();
  }

  /** The column the vote picks, or picked. */
  get chosenColumnId(): string | undefined {
    if (this.run.vote) return this.run.vote.kind === 'winner' ? this.run.vote.winnerColumnId : undefined;
    return this.draft.kind === 'winner' ? this.draft.winnerColumnId : undefined;
  }

  /** The submit key: the same as a click on Submit (nothing happens while it is disabled). */
  submitFromKey(): void {
    if (!this.submit.disabled) this.send();
  }

  /** Submit waits until no column is streaming. */
  setStreaming(streaming: boolean): void {
    this.streaming = streaming;
    this.refresh();
  }

  /** The host reported an error: let the user try again. */
  unlock(): void {
    this.submitting = false;
    this.refresh();
  }

  /** Sends the draft to the host (debounced), which keeps it across hide, show and reload. */
  private draftChanged(): void {
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_DELAY_MS);
  }

  /** Sends a pending draft now (the panel is being hidden). */
  flushDraft(): void {
    if (this.draftTimer === undefined) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    if (this.interactive) this.post({ type: 'draft', runId: this.run.runId, draft: draftToView(this.draft) });
  }

  private send(): void {
    const vote = voteFromDraft(this.draft, this.columnOrder);
    if (!vote || !this.interactive || this.streaming) return;
    if (this.draftTimer !== undefined) clearTimeout(this.draftTimer);
    this.draftTimer = undefined;
    this.submitting = true;
    this.post({ type: 'vote', vote });
    this.refresh();
  }

  private refresh(): void {
    const selected = this.draft.kind === 'winner' ? this.draft.winnerColumnId : this.draft.kind;
    for (const [key, button] of this.choiceButtons) button.setAttribute('aria-pressed', String(key === selected));
    if (this.run.vote === undefined) {
      this.submit.disabled = this.submitting || this.streaming || voteFromDraft(this.draft, this.columnOrder) === undefined;
      this.submit.title = this.streaming ? 'Wait for all answers to finish' : 'Submit vote';
    }
  }
}

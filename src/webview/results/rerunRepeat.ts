/**
 * "Re-run ×N" in the results toolbar: a small dropdown beside Re-run that runs the same comparison again with N
 * samples per model (Repeat N). Choosing an entry sends `rerun` with `repeat`; the dropdown then reads "×N" again.
 */
import type { ResultsToHost } from '../../shared/protocol';
import { REPEAT_CHOICES } from '../../shared/vocabulary';
import { element } from '../common/domBuilder';

export function rerunRepeatSelect(post: (message: ResultsToHost) => void): HTMLSelectElement {
  const label = 'Re-run this comparison with N samples per model';
  const select = element('select', { className: 'rerun-repeat', attrs: { 'data-testid': 'rerun-repeat', 'aria-label': label, title: label } }, [
    element('option', { text: '×N', attrs: { value: '' } }),
    ...REPEAT_CHOICES.map((n) => element('option', { text: `Re-run ×${n}`, attrs: { value: String(n) } })),
  ]);
  select.addEventListener('change', () => {
    const repeat = Number(select.value);
    select.value = '';
    if (Number.isInteger(repeat) && repeat >= 2) post({ type: 'rerun', repeat });
  });
  return select;
}

/**
 * The collapse toggle in a column's header: a collapsed column shrinks to a narrow strip showing its name, so the
 * others get the room; the toggle (still in the strip) expands it again. Only the view changes, nothing is recorded.
 */
import { codicon, element } from '../common/domBuilder';

export function collapseToggle(label: string): HTMLButtonElement {
  const button = element('button', { className: 'icon-button collapse-toggle', attrs: { type: 'button', 'data-testid': 'collapse' } });
  const render = (collapsed: boolean) => {
    const text = collapsed ? `Expand ${label}` : `Collapse ${label}`;
    button.title = text;
    button.setAttribute('aria-label', text);
    button.setAttribute('aria-expanded', String(!collapsed));
    button.replaceChildren(codicon(collapsed ? 'chevron-right' : 'chevron-left'));
  };
  button.addEventListener('click', () => {
    const column = button.closest('.column');
    if (!column) return;
    render(column.classList.toggle('collapsed'));
  });
  render(false);
  return button;
}

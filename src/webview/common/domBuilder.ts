/**
 * A tiny element builder so views never assemble HTML strings: text always goes in through `textContent`.
 */
export type ElementProps = {
  className?: string;
  text?: string;
  /** Attributes such as `data-testid`, `aria-label`, `role`, `title`. `false`/undefined values are skipped. */
  attrs?: Record<string, string | boolean | undefined>;
  onClick?: (event: MouseEvent) => void;
};

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: ReadonlyArray<Node | undefined> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  if (props.onClick) (node as HTMLElement).addEventListener('click', props.onClick);
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A codicon glyph, hidden from screen readers (the surrounding control carries the label). */
export function codicon(name: string, extraClass = ''): HTMLElement {
  return element('i', { className: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** A button with an optional codicon, an accessible label and a test id. */
export function iconButton(options: {
  testId: string;
  label: string;
  icon?: string;
  text?: string;
  className?: string;
  onClick: () => void;
}): HTMLButtonElement {
  const button = element('button', {
    className: options.className ?? 'button secondary',
    attrs: { type: 'button', 'data-testid': options.testId, 'aria-label': options.label, title: options.label },
    onClick: () => options.onClick(),
  });
  if (options.icon) button.append(codicon(options.icon));
  if (options.text) button.append(element('span', { text: options.text }));
  return button;
}

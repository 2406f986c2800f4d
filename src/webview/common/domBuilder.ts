/**
 * The one element builder of the webviews, so views never assemble HTML strings: text goes in through
 * `textContent` or as text nodes, never as HTML. `element` builds HTML elements, `svg` the chart's SVG elements.
 */
export type ElementProps = {
  className?: string | undefined;
  text?: string | undefined;
  /** Attributes such as `data-testid`, `aria-label`, `role`, `title`. `false`/undefined values are skipped. */
  attrs?: Record<string, string | boolean | undefined> | undefined;
  onClick?: ((event: MouseEvent) => void) | undefined;
};

/** A child node; a string becomes a text node, `undefined` is skipped (for optional parts). */
export type Child = Node | string | undefined;

function build<E extends Element>(node: E, props: ElementProps, children: readonly Child[]): E {
  if (props.className) node.setAttribute('class', props.className);
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  const onClick = props.onClick;
  if (onClick) node.addEventListener('click', (event) => onClick(event as MouseEvent));
  for (const child of children) if (child !== undefined) node.append(child);
  return node;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  return build(document.createElement(tag), props, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, props: ElementProps = {}, children: readonly Child[] = []): SVGElementTagNameMap[K] {
  return build(document.createElementNS(SVG_NS, tag), props, children);
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

/** Small typed element builders for the leaderboard webview. Text goes in as text nodes, never as HTML. */

export type Attributes = Record<string, string | undefined>;
export type Child = Node | string;

function applyAttributes(node: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) node.setAttribute(name, value);
  }
}

export function html<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  applyAttributes(node, attributes);
  node.append(...children);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: readonly Child[] = [],
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  applyAttributes(node, attributes);
  node.append(...children);
  return node;
}

/** A codicon glyph, hidden from screen readers (the control around it carries the words). */
export function codicon(name: string): HTMLSpanElement {
  return html('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

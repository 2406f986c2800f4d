/** Reads the computed colours of an element in a webview frame, for colorContrast.ts. */
import type { Frame } from 'playwright-core';
import { paintedBackground, parseColor, type Rgba } from './colorContrast';

export interface ElementColors {
  text: Rgba;
  /** What its background paints, its ancestors' included. */
  background: Rgba;
  /** What the parent's background paints (the element's surroundings). */
  surroundings: Rgba;
  border: Rgba;
  borderWidth: number;
}

/** The colours of the first element matching `selector`. (No named helpers inside evaluate: tsx would wrap them.) */
export async function elementColors(frame: Frame, selector: string): Promise<ElementColors> {
  const raw = await frame.$eval(selector, (el) => {
    const stack: string[] = [];
    for (let node: Element | null = el; node; node = node.parentElement) stack.push(getComputedStyle(node).backgroundColor);
    const style = getComputedStyle(el);
    return { text: style.color, stack, border: style.borderTopColor, borderWidth: parseFloat(style.borderTopWidth) || 0 };
  });
  return {
    text: parseColor(raw.text),
    background: paintedBackground(raw.stack),
    surroundings: paintedBackground(raw.stack.slice(1)),
    border: parseColor(raw.border),
    borderWidth: raw.borderWidth,
  };
}

/**
 * Colours as the browser computes them ("rgb(…)"/"rgba(…)"), the colour a translucent stack of backgrounds paints,
 * and the WCAG 2 contrast ratio, for theme tests that check Parallax's own elements.
 */
export type Rgba = [number, number, number, number];

export function parseColor(css: string): Rgba {
  const match = /rgba?\(([^)]+)\)/.exec(css);
  if (!match?.[1]) throw new Error(`not a computed colour: ${css}`);
  const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

/** The colour painted by backgrounds listed from the element outwards (the first opaque one ends the stack). */
export function paintedBackground(stack: readonly string[]): Rgba {
  const layers = stack.map(parseColor);
  const opaque = layers.findIndex((c) => c[3] >= 1);
  let painted: Rgba = opaque >= 0 ? (layers[opaque] as Rgba) : [255, 255, 255, 1];
  for (const layer of layers.slice(0, opaque >= 0 ? opaque : layers.length).reverse()) painted = over(layer, painted);
  return painted;
}

function over(top: Rgba, below: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** True when two colours are visibly different (any channel by more than `min`). */
export function differs(a: Rgba, b: Rgba, min = 6): boolean {
  return Math.abs(a[0] - b[0]) > min || Math.abs(a[1] - b[1]) > min || Math.abs(a[2] - b[2]) > min;
}

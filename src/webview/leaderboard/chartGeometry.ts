/**
 * Geometry of the rating chart: one horizontal row per model with a dot at the rating and a whisker across its
 * 95% interval, over an x axis with round-numbered ticks. Pure numbers in SVG user units: no DOM, no vscode.
 */

export interface ChartInput {
  key: string;
  label: string;
  rating: number;
  ciLow: number;
  ciHigh: number;
}

export interface ChartSize {
  width: number;
  rowHeight: number;
  /** Room on the left for model labels. */
  labelWidth: number;
  /** Room at the bottom for tick labels. */
  axisHeight: number;
  /** Room on the right and at the top. */
  margin: number;
  /** Half the height of a whisker's end caps. */
  capHalf: number;
}

const DEFAULT_CHART_SIZE: ChartSize = { width: 640, rowHeight: 28, labelWidth: 180, axisHeight: 28, margin: 16, capHalf: 6 };

export interface Tick {
  value: number;
  x: number;
}

export interface ChartRow {
  key: string;
  label: string;
  /** Vertical centre of the row. */
  y: number;
  /** The rating. */
  x: number;
  lowX: number;
  highX: number;
  capTop: number;
  capBottom: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  /** The plotting area's horizontal extent. */
  plotLeft: number;
  plotRight: number;
  /** Where the x axis line sits. */
  axisY: number;
  ticks: Tick[];
  /** x of the mean rating (1000), when it lies in the domain. */
  referenceX: number | undefined;
  rows: ChartRow[];
}

export interface TickSpec {
  start: number;
  end: number;
  step: number;
  values: number[];
}

/** The centre of the Elo-like scale: the mean rating. */
const REFERENCE_RATING = 1000;
/** The x domain always spans at least this many points, so a lone model with no spread still gets an axis. */
export const MIN_SPAN = 50;

/**
 * Round tick values covering [min, max]: a step of 1, 2 or 5 × 10^k chosen so that about `target` ticks fit,
 * with the ends extended out to whole steps.
 */
export function niceTicks(min: number, max: number, target = 5): TickSpec {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) throw new RangeError(`bad tick range ${min}..${max}`);
  const span = max - min || 1;
  const rough = span / Math.max(1, target);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude;
  const start = Math.floor(min / step) * step;
  const end = Math.ceil(max / step) * step;
  const values: number[] = [];
  // Integer counting avoids accumulating floating-point error across steps.
  const count = Math.round((end - start) / step);
  for (let i = 0; i <= count; i++) values.push(start + i * step);
  return { start, end, step, values };
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => (r0 + r1) / 2;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/** The x domain: every rating and interval end, widened to at least MIN_SPAN around its centre. */
export function ratingDomain(rows: readonly ChartInput[]): { min: number; max: number } {
  const values = rows.flatMap((r) => [r.rating, r.ciLow, r.ciHigh]).filter(Number.isFinite);
  let min = values.length > 0 ? Math.min(...values) : REFERENCE_RATING;
  let max = values.length > 0 ? Math.max(...values) : REFERENCE_RATING;
  if (max - min < MIN_SPAN) {
    const centre = (min + max) / 2;
    min = centre - MIN_SPAN / 2;
    max = centre + MIN_SPAN / 2;
  }
  return { min, max };
}

export function ratingChartLayout(rows: readonly ChartInput[], size: ChartSize = DEFAULT_CHART_SIZE): ChartLayout {
  const { min, max } = ratingDomain(rows);
  const ticks = niceTicks(min, max);
  const plotLeft = size.labelWidth;
  const plotRight = size.width - size.margin;
  const x = linearScale(ticks.start, ticks.end, plotLeft, plotRight);
  const axisY = size.margin + rows.length * size.rowHeight;
  const referenceInside = REFERENCE_RATING >= ticks.start && REFERENCE_RATING <= ticks.end;
  return {
    width: size.width,
    height: axisY + size.axisHeight,
    plotLeft,
    plotRight,
    axisY,
    ticks: ticks.values.map((value) => ({ value, x: x(value) })),
    referenceX: referenceInside ? x(REFERENCE_RATING) : undefined,
    rows: rows.map((row, i) => {
      const y = size.margin + (i + 0.5) * size.rowHeight;
      return {
        key: row.key,
        label: row.label,
        y,
        x: x(row.rating),
        lowX: x(Math.min(row.ciLow, row.rating)),
        highX: x(Math.max(row.ciHigh, row.rating)),
        capTop: y - size.capHalf,
        capBottom: y + size.capHalf,
      };
    }),
  };
}

/**
 * Summary of repeated measurements. With 3–5 runs an interquartile range says little, so the spread
 * is the full range relative to the median: (max − min) / median.
 */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, a fraction (0.05 = 5 %); 0 for a single value. */
  spread: number;
}

export const SPREAD_DEFINITION = 'spread = (max − min) / median';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: Number.NaN, min: Number.NaN, max: Number.NaN, spread: Number.NaN };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const mid = median(values);
  return { n: values.length, median: mid, min, max, spread: mid > 0 ? (max - min) / mid : 0 };
}

/** a / b of two medians, NaN when either is missing. */
export function ratio(a: Summary | undefined, b: Summary | undefined): number {
  if (!a || !b || !(a.median > 0) || !(b.median > 0)) return Number.NaN;
  return a.median / b.median;
}

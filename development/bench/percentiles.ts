/** p50/p90/p99/max of a sample, as a bench prints them. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Nearest-rank percentiles (the smallest value with at least p% of the sample at or below it), so
 * every figure printed is a value that was really observed. `NaN` everywhere for an empty sample,
 * which JSON prints as `null`: a bench with no samples must not look like a bench with zero latency.
 */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number): number => nearestRank(sorted, p);
  return { p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[sorted.length - 1] as number };
}

/** The nearest-rank `p`th percentile of values sorted ascending (`NaN` when there are none). */
export function nearestRank(sorted: Float64Array, p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

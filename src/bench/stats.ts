/** Latency percentiles over samples in milliseconds, rounded for tables. */
export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  n: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: the smallest sample at or above the q-th share of all samples.
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (v: number) => Number(v.toFixed(1));
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1] ?? 0),
    n: sorted.length,
  };
}

export const perSecond = (count: number, ms: number): number => (ms > 0 ? Number(((count * 1000) / ms).toFixed(1)) : 0);

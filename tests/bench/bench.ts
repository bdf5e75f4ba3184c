/** One figure of a benchmark; `target` is the budget it is held to (lower is better). */
export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  target?: number;
}

export interface Bench {
  name: string;
  run(): Promise<Figure[]>;
}

export function ratio(f: Figure): string {
  return f.target ? (f.value / f.target).toFixed(2) : '';
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

/** One figure of `npm run bench`, as bench-results/bench.json holds it. */
export interface Figure {
  id: string;
  value: number;
  unit: string;
  /** The budget it is held to; null for a figure shown for comparison only. */
  target: number | null;
  /** Whether the value is on the right side of the target; null without a target. */
  met: boolean | null;
}

/** A row of the table: the figure and what it was measured on. */
export interface Row {
  figure: Figure;
  note?: string;
}

export function figure(
  id: string,
  value: number,
  unit: string,
  target: number | null,
  better: 'lower' | 'higher',
): Figure {
  return {
    id,
    value,
    unit,
    target,
    met: target === null ? null : better === 'lower' ? value < target : value >= target,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

export function printTable(rows: Row[]): void {
  const cells = rows.map(({ figure: f, note }) => [
    f.id,
    `${f.value} ${f.unit}`,
    f.target === null ? '' : `${f.target} ${f.unit}`,
    f.met === null ? '' : f.met ? 'yes' : 'NO',
    note ?? '',
  ]);
  const head = ['id', 'value', 'target', 'met', 'measured on'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  for (const r of cells) console.log(line(r));
}

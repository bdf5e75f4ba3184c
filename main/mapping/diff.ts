import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import { describeRow, IC_FIELD_BY_KEY, type DiffEntry, type MappingRow } from '../../shared/domain/mapping';

function same(a: MappingRow, b: MappingRow): boolean {
  return (
    a.source === b.source &&
    a.transform === b.transform &&
    a.required === b.required &&
    (a.transform !== 'date' || (a.dateFormat ?? 'M/D/YYYY') === (b.dateFormat ?? 'M/D/YYYY'))
  );
}

/**
 * What changed per target between two sets of rows, in catalog order. A row without a source
 * counts as no row: "unmapped" is one state however it is written.
 */
export function diffRows(before: readonly MappingRow[], after: readonly MappingRow[]): DiffEntry[] {
  const index = (rows: readonly MappingRow[]) => {
    const m = new Map<string, MappingRow>();
    for (const r of rows) if (r.source !== null && !m.has(r.target)) m.set(r.target, r);
    return m;
  };
  const a = index(before);
  const b = index(after);
  const catalogKeys = IC_FIELDS.map((f) => f.key);
  const extra = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !IC_FIELD_BY_KEY.has(k)).sort();
  const out: DiffEntry[] = [];
  for (const target of [...catalogKeys, ...extra]) {
    const x = a.get(target) ?? null;
    const y = b.get(target) ?? null;
    if (!x && !y) continue;
    if (x && y && same(x, y)) continue;
    const label = IC_FIELD_BY_KEY.get(target)?.label ?? target;
    const change = !x ? 'added' : !y ? 'removed' : 'changed';
    out.push({
      target,
      label,
      before: x,
      after: y,
      change,
      summary: `${label}: ${describeRow(x)} → ${describeRow(y)}`,
    });
  }
  return out;
}

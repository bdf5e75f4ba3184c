import type { IcField } from '../../shared/domain/invoicecloud-fields';
import { DEFAULT_DATE_FORMAT, type MappingRow, type Suggestion } from '../../shared/domain/mapping';

/**
 * The editor works on a draft: one row per catalog target, in catalog order, mapped or not. A saved
 * version stores only the mapped (or required) rows; these helpers go back and forth and tell
 * whether the draft differs from what is saved, the way main compares versions.
 */

/** One row per target of the catalog, filled from `rows`; targets outside the catalog are kept at the end. */
export function draftFrom(rows: readonly MappingRow[], targets: readonly IcField[]): MappingRow[] {
  const byTarget = new Map<string, MappingRow>();
  for (const r of rows) if (!byTarget.has(r.target)) byTarget.set(r.target, r);
  const out = targets.map((t): MappingRow => {
    const r = byTarget.get(t.key);
    return r
      ? { ...r, required: r.required || t.required }
      : { target: t.key, source: null, transform: 'none', required: t.required };
  });
  const known = new Set(targets.map((t) => t.key));
  return [...out, ...rows.filter((r) => !known.has(r.target)).map((r) => ({ ...r }))];
}

/** A row as a version stores it, so two drafts compare equal exactly when main would find no change. */
function canonical(row: MappingRow, targets: readonly IcField[]): string | null {
  const catalogRequired = targets.find((t) => t.key === row.target)?.required ?? false;
  const required = row.required || catalogRequired;
  // Unmapped is one state however it is written; only a PM-raised flag on it is something to keep.
  if (row.source === null && !(row.required && !catalogRequired)) return null;
  const dateFormat = row.transform === 'date' ? (row.dateFormat ?? DEFAULT_DATE_FORMAT) : '';
  return [row.target, row.source ?? '', row.transform, dateFormat, required].join('|');
}

export function sameMapping(a: readonly MappingRow[], b: readonly MappingRow[], targets: readonly IcField[]): boolean {
  const key = (rows: readonly MappingRow[]) =>
    rows
      .map((r) => canonical(r, targets))
      .filter((k): k is string => k !== null)
      .sort()
      .join('\n');
  return key(a) === key(b);
}

export type RowPatch = Partial<Pick<MappingRow, 'source' | 'transform' | 'dateFormat' | 'required'>>;

/** The draft with one target's row changed; choosing the date transform starts at the BIF's format. */
export function patchRow(rows: readonly MappingRow[], target: string, patch: RowPatch): MappingRow[] {
  return rows.map((r) => {
    if (r.target !== target) return r;
    const next: MappingRow = { ...r, ...patch };
    if (next.transform === 'date') next.dateFormat = next.dateFormat ?? DEFAULT_DATE_FORMAT;
    else delete next.dateFormat;
    return next;
  });
}

/**
 * The draft after the PM accepted suggestions. A suggestion for a target the PM mapped meanwhile
 * is not applied over their choice; the required flag is never lowered.
 */
export function acceptSuggestions(rows: readonly MappingRow[], accepted: readonly Suggestion[]): MappingRow[] {
  let out = [...rows];
  for (const s of accepted) {
    const existing = out.find((r) => r.target === s.target);
    if (existing && existing.source !== null) continue;
    const row: MappingRow = {
      target: s.target,
      source: s.source,
      transform: s.transform,
      required: existing?.required ?? false,
    };
    if (s.transform === 'date') row.dateFormat = s.dateFormat ?? DEFAULT_DATE_FORMAT;
    out = existing ? out.map((r) => (r.target === s.target ? row : r)) : [...out, row];
  }
  return out;
}

/** Account numbers typed by a PM: separated by commas, semicolons, spaces or new lines; each once. */
export function parseAccountNumbers(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

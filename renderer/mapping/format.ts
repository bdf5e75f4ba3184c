import { DEFAULT_DATE_FORMAT, TRANSFORM_LABELS, type MappingRow, type MappingVersion, type SourceField } from '../../shared/domain/mapping';
import type { AppError } from '../../shared/errors';

/** How the screens write an ISO date-time: in the PM's own time zone, day and minute. */
export function when(iso: string | null): string {
  if (!iso) return 'never saved';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

export const KIND_LABELS: Record<MappingVersion['kind'], string> = {
  standard: 'Built-in standard',
  save: 'Saved',
  revert: 'Revert',
  import: 'Import',
};

export function versionName(version: number): string {
  return version === 0 ? 'the standard mapping (version 0)' : `version ${version}`;
}

export function transformText(row: Pick<MappingRow, 'transform' | 'dateFormat'>): string {
  return row.transform === 'date' ? `Date ${row.dateFormat ?? DEFAULT_DATE_FORMAT}` : TRANSFORM_LABELS[row.transform];
}

/** A row in words for the diff: "Phone (account.phone) · Phone (555) 123-4567 · required". */
export function describeRow(row: MappingRow | null, sources: readonly SourceField[]): string {
  if (!row || row.source === null) return 'Not mapped';
  const label = sources.find((s) => s.path === row.source)?.label;
  return [label ? `${label} (${row.source})` : row.source, transformText(row), row.required ? 'required' : ''].filter(Boolean).join(' · ');
}

/**
 * An error from main as a headline and the problems it lists. Main sends them one sentence per
 * field (`fields`) and all in one message; the PM reads a list.
 */
export function problemsOf(error: Error): { headline: string; items: string[] } {
  const fields = (error as Partial<AppError>).fields;
  const m = /^(.*?\(\d+ problems?\)):/.exec(error.message);
  if (fields && m) return { headline: `${m[1]}.`, items: [...new Set(Object.values(fields))] };
  return { headline: error.message, items: [] };
}

export const ORIGIN_LABELS: Record<SourceField['origin'], string> = {
  account: 'InHANCE account',
  bill: 'InHANCE bill',
  biller: 'Biller profile',
  notify: 'Notification dates (computed)',
};

import {
  DEFAULT_DATE_FORMAT,
  TRANSFORM_LABELS,
  type MappingRow,
  type MappingVersion,
  type SourceField,
} from '../../shared/domain/mapping';
import type { AppError } from '../../shared/errors';

/**
 * How the mapping screens write an instant: in the biller's time zone (as every other screen),
 * labelled with the zone, since a PM's laptop may be elsewhere: "Dec 6, 2026, 9:05 PM CST". Minutes
 * are cut, never rounded, like the other screens' times (Intl cuts the seconds).
 */
export function when(iso: string | null, timeZone: string): string {
  if (!iso) return 'never saved';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', options).format(d);
  }
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
  return [label ? `${label} (${row.source})` : row.source, transformText(row), row.required ? 'required' : '']
    .filter(Boolean)
    .join(' · ');
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

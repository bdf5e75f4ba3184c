import { SOURCE_FIELDS, type SourceField, type SourceFieldType } from '../../shared/domain/mapping';
import type { SampleRecord } from './records';

const KNOWN = new Set(SOURCE_FIELDS.map((f) => f.path));
const MAX_DEPTH = 3;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `billDate` → `Bill Date`, `pdf_url` → `Pdf Url`. */
export function labelFromKey(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .trim();
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const GUID_RE = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^https?:\/\//i;

/** The type one value suggests; the key's name breaks ties the value cannot (cents, phone). */
function typeOf(key: string, value: unknown): SourceFieldType {
  if (value === null || value === undefined || value === '') return 'unknown';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'string';
    return /cents$/i.test(key) ? 'cents' : 'integer';
  }
  if (typeof value !== 'string') return 'unknown';
  if (DATE_RE.test(value)) return 'date';
  if (DATETIME_RE.test(value)) return 'datetime';
  if (GUID_RE.test(value)) return 'guid';
  if (EMAIL_RE.test(value)) return 'email';
  if (URL_RE.test(value)) return 'url';
  if (/phone|mobile|fax/i.test(key) && value.replace(/\D/g, '').length >= 7) return 'phone';
  return 'string';
}

/** Types seen for one path across records: one agreed type, or `string` when they disagree. */
function merge(a: SourceFieldType | undefined, b: SourceFieldType): SourceFieldType {
  if (a === undefined || a === 'unknown') return b;
  if (b === 'unknown' || a === b) return a;
  if ((a === 'date' && b === 'datetime') || (a === 'datetime' && b === 'date')) return 'datetime';
  if ((a === 'integer' && b === 'cents') || (a === 'cents' && b === 'integer')) return 'cents';
  return 'string';
}

function walk(prefix: string, obj: Record<string, unknown>, depth: number, seen: Map<string, SourceFieldType>): void {
  for (const [key, value] of Object.entries(obj)) {
    if (!IDENT_RE.test(key)) continue;
    const path = `${prefix}.${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (depth < MAX_DEPTH) walk(path, value as Record<string, unknown>, depth + 1, seen);
      continue;
    }
    if (Array.isArray(value) || KNOWN.has(path)) continue;
    seen.set(path, merge(seen.get(path), typeOf(key, value)));
  }
}

/**
 * The fields a site's InHANCE API sends beyond the catalog, found on real records: nested objects
 * become dotted paths (up to three levels), lists are skipped (a CRM field holds one value).
 * Returns only the discovered fields, marked `discovered`, sorted by path.
 */
export function discoverExtraFields(records: readonly SampleRecord[]): SourceField[] {
  const seen = new Map<string, SourceFieldType>();
  for (const record of records) {
    if (record.account) walk('account', record.account as Record<string, unknown>, 1, seen);
    if (record.bill) walk('bill', record.bill as Record<string, unknown>, 1, seen);
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([path, type]) => discoveredField(path, type));
}

/** A field found on real records (or remembered from earlier ones), labelled from its path. */
export function discoveredField(path: string, type: SourceFieldType): SourceField {
  return {
    path,
    label: labelFromKey(path.split('.').slice(1).join(' ')),
    type,
    origin: path.startsWith('bill.') ? 'bill' : 'account',
    discovered: true,
  };
}

/** The catalog plus any further fields found on these records: what a PM can choose from. */
export function discoverSourceFields(
  records: readonly SampleRecord[],
  alreadyKnown: readonly SourceField[] = [],
): SourceField[] {
  const byPath = new Map<string, SourceField>();
  for (const f of SOURCE_FIELDS) byPath.set(f.path, f);
  for (const f of alreadyKnown) if (!byPath.has(f.path)) byPath.set(f.path, f);
  for (const f of discoverExtraFields(records)) {
    const prior = byPath.get(f.path);
    if (!prior) byPath.set(f.path, f);
    else if (prior.discovered) byPath.set(f.path, { ...prior, type: merge(prior.type, f.type) });
  }
  return distinctLabels([...byPath.values()]);
}

/**
 * No two fields in the picker read the same ("Customer Name" on the account and on the bill): a
 * discovered field whose label another field has says where it comes from, and its path if need be.
 */
function distinctLabels(fields: SourceField[]): SourceField[] {
  const norm = (l: string) => l.toLowerCase().replace(/[^a-z0-9]/g, '');
  const taken = new Set(fields.filter((f) => !f.discovered).map((f) => norm(f.label)));
  return fields.map((f) => {
    if (!f.discovered) return f;
    let label = f.label;
    if (taken.has(norm(label))) label = `${f.label} (on the ${f.origin === 'bill' ? 'bill' : 'account'})`;
    if (taken.has(norm(label))) label = `${f.label} (${f.path})`;
    taken.add(norm(label));
    return label === f.label ? f : { ...f, label };
  });
}

import { BIF_FORMAT, IC_FIELDS, type IcField } from '../../shared/domain/invoicecloud-fields';
import {
  DEFAULT_DATE_FORMAT,
  IC_FIELD_BY_KEY,
  SOURCE_FIELDS,
  TRANSFORM_LABELS,
  type DateFormat,
  type MappingRow,
  type SourceField,
  type SourceFieldType,
  type ValidationIssue,
} from '../../shared/domain/mapping';

/**
 * Checks a mapping before it is saved: errors block the save, warnings are shown and do not.
 * Messages name fields the way the editor shows them, so a PM can act on each without help.
 */

export type Finding = { severity: ValidationIssue['severity']; message: string };
const error = (message: string): Finding => ({ severity: 'error', message });
const warning = (message: string): Finding => ({ severity: 'warning', message });

const TEXTUAL: ReadonlySet<SourceFieldType> = new Set(['string', 'unknown']);

/** What a row's transform needs from its source, whatever the target. */
function checkTransform(row: MappingRow, source: SourceField): Finding[] {
  const t = source.type;
  const name = `${source.label} (${source.path})`;
  switch (row.transform) {
    case 'cents-to-decimal':
      if (t === 'cents' || t === 'integer') return [];
      if (TEXTUAL.has(t))
        return [
          warning(
            `${name} is text: values that are not whole cents will be rejected by "${TRANSFORM_LABELS['cents-to-decimal']}".`,
          ),
        ];
      return [
        error(`${name} holds ${t} values, not cents: "${TRANSFORM_LABELS['cents-to-decimal']}" cannot convert them.`),
      ];
    case 'date':
      if (t === 'date' || t === 'datetime') return [];
      if (TEXTUAL.has(t))
        return [
          warning(`${name} is text: values that are not YYYY-MM-DD dates will be rejected by the date transform.`),
        ];
      return [error(`${name} holds ${t} values, not dates: the date transform cannot convert them.`)];
    case 'phone':
      if (t === 'phone') return [];
      return [
        warning(
          `The phone transform is set on ${name}, which is not a phone field: values that are not 10-digit US numbers will be rejected.`,
        ),
      ];
    default:
      return [];
  }
}

const EXPECTS: Partial<Record<IcField['type'], string>> = {
  integer: 'a whole number',
  boolean: 'true or false',
  guid: 'a GUID',
  url: 'a web address (URL)',
  email: 'an email address',
};

const SAME_KIND: Partial<Record<IcField['type'], SourceFieldType>> = {
  integer: 'integer',
  boolean: 'boolean',
  guid: 'guid',
  url: 'url',
  email: 'email',
};

/** Whether the source, through the row's transform, yields what the target's type needs. */
function checkTarget(field: IcField, row: MappingRow, source: SourceField): Finding[] {
  const t = source.type;
  const from = `${source.label} (${source.path})`;
  switch (field.type) {
    case 'money':
      if (row.transform !== 'cents-to-decimal') {
        return [
          error(
            `${field.label} is an amount: choose "${TRANSFORM_LABELS['cents-to-decimal']}" so InHANCE cents (12345) are written as 123.45.`,
          ),
        ];
      }
      return [];
    case 'date': {
      // IC refuses every Invoice File row whose dates are not in the BIF's style, so any other
      // style in a BIF column is an error, not a matter of taste.
      const bif = field.section === 'invoice';
      const format = row.dateFormat ?? DEFAULT_DATE_FORMAT;
      if (bif && row.transform === 'date' && format !== BIF_FORMAT.dateStyle) {
        return [
          error(
            `${field.label} is a column of the Invoice File, which takes dates as ${BIF_FORMAT.dateStyle}; written as ${format}, InvoiceCloud would refuse every row. Choose ${BIF_FORMAT.dateStyle}.`,
          ),
        ];
      }
      if (t === 'date' || t === 'datetime') {
        if (row.transform === 'date') return [];
        const stored = t === 'date' ? 'YYYY-MM-DD' : 'an ISO date-time';
        return bif
          ? [
              error(
                `${field.label} would be written as InHANCE stores it (${stored}); the Invoice File takes ${BIF_FORMAT.dateStyle} and InvoiceCloud would refuse every row: choose the date transform.`,
              ),
            ]
          : [warning(`${field.label} would be written as InHANCE stores it (${stored}): choose the date transform.`)];
      }
      if (t === 'unknown')
        return [
          warning(`${field.label} is a date, but no value of ${from} has been seen yet to tell whether it is one.`),
        ];
      if (t === 'string' && row.transform === 'date') return [];
      return [error(`${field.label} is a date, but ${from} holds ${t === 'string' ? 'text' : `${t} values`}.`)];
    }
    case 'phone':
      if (t === 'phone' || TEXTUAL.has(t)) {
        return row.transform === 'phone'
          ? []
          : [warning(`${field.label} would be written as stored; choose the phone transform to write (555) 123-4567.`)];
      }
      return [error(`${field.label} is a phone number, but ${from} holds ${t} values.`)];
    case 'string':
      if (t === 'cents' && row.transform !== 'cents-to-decimal') {
        return [
          warning(
            `${field.label} would receive whole cents (12345) from ${from}; choose "${TRANSFORM_LABELS['cents-to-decimal']}" for 123.45.`,
          ),
        ];
      }
      // Legal text, but almost never what a PM meant: a name or a city that reads "true".
      if (t === 'boolean') {
        return [
          warning(
            `${field.label} is text, but ${from} is true/false: every row would get "true" or "false" there. Check this is the source you meant.`,
          ),
        ];
      }
      if (t === 'date' || t === 'datetime') {
        return [
          warning(
            `${field.label} is text, but ${from} is a date: every row would get a date there. Check this is the source you meant.`,
          ),
        ];
      }
      return [];
    default: {
      const wanted = SAME_KIND[field.type];
      if (t === wanted) return [];
      const expects = EXPECTS[field.type] ?? field.type;
      if (TEXTUAL.has(t)) return [warning(`${field.label} expects ${expects}; ${from} is text, so check the preview.`)];
      return [error(`${field.label} expects ${expects}, but ${from} holds ${t} values.`)];
    }
  }
}

/** How many characters a row writes: `min` to `max` (no `max` when open-ended); `usual` when typical, not certain. */
type Length = { min: number; max?: number; usual?: boolean };

const DATE_LENGTH: Record<DateFormat, Length> = {
  'M/D/YYYY': { min: 8, max: 10 },
  'MM/DD/YYYY': { min: 10, max: 10 },
  'YYYY-MM-DD': { min: 10, max: 10 },
};

// Catalog text fields whose length is typical enough to matter against IC's short fields
// (State takes 2). Assumed from US addresses, like the InHANCE contract they come from.
const TEXT_LENGTH: ReadonlyMap<string, Length> = new Map([
  ['account.state', { min: 2, max: 2, usual: true }],
  ['account.zip', { min: 5, max: 10, usual: true }],
  ['account.city', { min: 3, usual: true }],
  ['account.customerName', { min: 3, usual: true }],
  ['account.address1', { min: 5, usual: true }],
  ['account.address2', { min: 3, usual: true }],
  ['account.status', { min: 5, usual: true }],
]);

/** What is known of the length a row writes, from its transform or its source; null when nothing is. */
function lengthWritten(row: MappingRow, source: SourceField): Length | null {
  switch (row.transform) {
    case 'phone':
      return { min: 14, max: 14 };
    case 'date':
      return DATE_LENGTH[row.dateFormat ?? DEFAULT_DATE_FORMAT];
    case 'cents-to-decimal':
      return { min: 4 };
    default:
      break;
  }
  switch (source.type) {
    case 'boolean':
      return { min: 4, max: 5 };
    case 'date':
      return { min: 10, max: 10 };
    case 'datetime':
      return { min: 19 };
    case 'guid':
      return { min: 36, max: 38 };
    case 'email':
      return { min: 6 };
    case 'url':
      return { min: 11 };
    default:
      return TEXT_LENGTH.get(source.path) ?? null;
  }
}

/** A target with a short limit fed values known (or usually) longer than it: IC refuses such rows. */
function checkLength(field: IcField, row: MappingRow, source: SourceField): Finding[] {
  const limit = field.maxLength;
  const length = lengthWritten(row, source);
  if (limit === undefined || !length) return [];
  const from = `${source.label} (${source.path})`;
  if (length.min > limit) {
    const how = length.usual ? 'values are usually' : 'writes';
    const size =
      length.max === undefined
        ? `${length.min} or more`
        : length.max === length.min
          ? `${length.min}`
          : `${length.min} to ${length.max}`;
    return [
      warning(
        `${field.label} takes at most ${limit} character${limit === 1 ? '' : 's'}, but ${from} ${how} ${size} characters: InvoiceCloud would refuse them.`,
      ),
    ];
  }
  if (length.max !== undefined && length.max > limit) {
    return [
      warning(
        `${field.label} takes at most ${limit} characters, but ${from} can write up to ${length.max}: InvoiceCloud would refuse the longer ones.`,
      ),
    ];
  }
  return [];
}

/** The findings for one mapped row against its (known) source; suggestions use it to rank pairs. */
export function rowFindings(field: IcField, row: MappingRow, source: SourceField): Finding[] {
  return [...checkTransform(row, source), ...checkTarget(field, row, source), ...checkLength(field, row, source)];
}

/**
 * All issues of a set of rows. `sourceFields` is what the PM can choose from: the catalog plus the
 * fields discovered on this biller's records.
 */
export function validateMapping(
  rows: readonly MappingRow[],
  sourceFields: readonly SourceField[] = SOURCE_FIELDS,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sources = new Map(sourceFields.map((f) => [f.path, f]));
  const firstRowOfTarget = new Map<string, number>();
  const targetsOfSource = new Map<string, string[]>();
  const mapped = new Set<string>();

  rows.forEach((row, index) => {
    const at = index + 1;
    const add = (f: Finding) => issues.push({ severity: f.severity, target: row.target, message: f.message, row: at });
    const field = IC_FIELD_BY_KEY.get(row.target);
    if (!field) {
      add(error(`Target '${row.target}' is not an InvoiceCloud field.`));
      return;
    }
    const prior = firstRowOfTarget.get(row.target);
    if (prior !== undefined) {
      add(error(`${field.label} (${field.key}) is mapped twice (rows ${prior} and ${at}); keep one.`));
      return;
    }
    firstRowOfTarget.set(row.target, at);
    if (row.source === null) return;
    mapped.add(row.target);
    targetsOfSource.set(row.source, [...(targetsOfSource.get(row.source) ?? []), field.label]);

    const origin = row.source.split('.')[0];
    const source = sources.get(row.source);
    if (!source) {
      if (origin === 'biller' || origin === 'notify') {
        add(
          error(
            `${field.label}: '${row.source}' is not a field Impresa Bridge provides. Choose one of the ${origin} fields from the list.`,
          ),
        );
      } else {
        add(
          warning(
            `${field.label}: '${row.source}' is not a known InHANCE field and has not been seen on this biller's records; it will be empty unless InHANCE sends it.`,
          ),
        );
      }
      return;
    }
    if (field.section === 'customer' && origin !== 'account') {
      add(
        warning(
          `${field.label} comes from ${row.source}, but the Customer job maps accounts without a bill: there it will be empty. Prefer an account field.`,
        ),
      );
    }
    for (const f of rowFindings(field, row, source)) add(f);
  });

  for (const [source, targets] of targetsOfSource) {
    if (targets.length > 1) {
      issues.push({
        severity: 'warning',
        target: '',
        message: `${source} feeds ${targets.length} fields (${targets.join(', ')}). Check that this is intended.`,
      });
    }
  }

  const raised = new Set(rows.filter((r) => r.required).map((r) => r.target));
  for (const field of IC_FIELDS) {
    if (mapped.has(field.key)) continue;
    if (field.required) {
      issues.push({
        severity: 'error',
        target: field.key,
        message: `${field.label} (${field.key}) is required by InvoiceCloud and has no source.`,
      });
    } else if (raised.has(field.key)) {
      issues.push({
        severity: 'error',
        target: field.key,
        message: `${field.label} (${field.key}) is marked required but has no source.`,
      });
    }
  }
  return issues;
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/**
 * The stored form of a mapping: catalog order, required raised to the catalog's (it cannot be
 * lowered), the date format only where the date transform reads it, and unmapped optional targets
 * left out (an unmapped row carries nothing a version needs to remember).
 */
export function canonicalRows(rows: readonly MappingRow[]): MappingRow[] {
  const order = new Map(IC_FIELDS.map((f, i) => [f.key, i]));
  return rows
    .filter((r) => r.source !== null || r.required)
    .map((r): MappingRow => {
      const out: MappingRow = {
        target: r.target,
        source: r.source,
        transform: r.transform,
        required: r.required || (IC_FIELD_BY_KEY.get(r.target)?.required ?? false),
      };
      if (r.transform === 'date') out.dateFormat = r.dateFormat ?? 'M/D/YYYY';
      return out;
    })
    .sort(
      (a, b) => (order.get(a.target) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.target) ?? Number.MAX_SAFE_INTEGER),
    );
}

/** The required flag a target ends up with. */
export function isRequired(row: Pick<MappingRow, 'target' | 'required'>): boolean {
  return row.required || (IC_FIELD_BY_KEY.get(row.target)?.required ?? false);
}

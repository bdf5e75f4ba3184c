import * as z from 'zod';
import { IC_FIELDS, type IcField } from './invoicecloud-fields';

/**
 * The CRM field mapping: which InHANCE Impresa field (source) fills which InvoiceCloud field
 * (target, from the catalog in `invoicecloud-fields.ts`), through which transform. One mapping per
 * biller, saved as numbered versions; the Invoice File and Customer jobs use the active one.
 */

export const TRANSFORMS = ['none', 'trim', 'upper', 'lower', 'phone', 'date', 'cents-to-decimal'] as const;
export type Transform = (typeof TRANSFORMS)[number];

export const TRANSFORM_LABELS: Record<Transform, string> = {
  none: 'As stored',
  trim: 'Trim spaces',
  upper: 'UPPER CASE',
  lower: 'lower case',
  phone: 'Phone (555) 123-4567',
  date: 'Date',
  'cents-to-decimal': 'Cents to 123.45',
};

/** Output styles of the date transform. The BIF takes M/D/YYYY (assumed, see BIF_FORMAT). */
export const DATE_FORMATS = ['M/D/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DEFAULT_DATE_FORMAT: DateFormat = 'M/D/YYYY';

// ---------------------------------------------------------------------------------------------
// Source fields: what InHANCE Impresa (and the app itself) can feed into a target.

/** Where a source value comes from when a job maps one record. */
export const SOURCE_ORIGINS = ['account', 'bill', 'biller', 'notify'] as const;
export type SourceOrigin = (typeof SOURCE_ORIGINS)[number];

export const SOURCE_FIELD_TYPES = [
  'string',
  'cents',
  'date',
  'datetime',
  'integer',
  'boolean',
  'phone',
  'email',
  'url',
  'guid',
  'unknown',
] as const;
export type SourceFieldType = (typeof SOURCE_FIELD_TYPES)[number];

export const sourceFieldSchema = z.object({
  /** `origin.field`, e.g. `account.accountNumber`, `bill.totalCents`, `biller.invoiceTypeId`. */
  path: z.string(),
  label: z.string(),
  type: z.enum(SOURCE_FIELD_TYPES),
  origin: z.enum(SOURCE_ORIGINS),
  /** Found on real InHANCE records rather than in the catalog below. */
  discovered: z.boolean(),
});
export type SourceField = z.output<typeof sourceFieldSchema>;

const src = (path: string, label: string, type: SourceFieldType): SourceField => ({
  path,
  label,
  type,
  origin: path.split('.')[0] as SourceOrigin,
  discovered: false,
});

/**
 * The fields the InHANCE Impresa contract (which this project defines) puts on an account and a
 * bill, plus two computed origins: `biller.*` from the biller profile and `notify.*`, the BIF
 * notification dates the Invoice File job computes for each bill.
 */
export const SOURCE_FIELDS: readonly SourceField[] = [
  src('account.accountNumber', 'Account Number', 'string'),
  src('account.customerName', 'Customer Name', 'string'),
  src('account.status', 'Account Status', 'string'),
  src('account.balanceCents', 'Account Balance (cents)', 'cents'),
  src('account.address1', 'Address 1', 'string'),
  src('account.address2', 'Address 2', 'string'),
  src('account.city', 'City', 'string'),
  src('account.state', 'State', 'string'),
  src('account.zip', 'Zip', 'string'),
  src('account.phone', 'Phone', 'phone'),
  src('account.email', 'Email', 'email'),
  src('account.paperless', 'Paperless', 'boolean'),
  src('account.autoPay', 'Auto Pay', 'boolean'),
  src('account.updatedAt', 'Account Updated At', 'datetime'),
  src('bill.invoiceNumber', 'Invoice Number', 'string'),
  src('bill.accountNumber', 'Bill Account Number', 'string'),
  src('bill.billDate', 'Bill Date', 'date'),
  src('bill.dueDate', 'Due Date', 'date'),
  src('bill.totalCents', 'Bill Total (cents)', 'cents'),
  src('bill.balanceCents', 'Bill Balance (cents)', 'cents'),
  src('bill.minimumCents', 'Minimum Due (cents)', 'cents'),
  src('bill.pdfUrl', 'Bill PDF Link', 'url'),
  src('biller.invoiceTypeId', 'Biller Invoice Type ID', 'integer'),
  src('biller.invoiceFormatGuid', 'Biller Invoice Format GUID', 'guid'),
  src('notify.first', 'First Notification Date', 'date'),
  src('notify.second', 'Second Notification Date', 'date'),
  src('notify.third', 'Third Notification Date', 'date'),
];

// ---------------------------------------------------------------------------------------------
// The target catalog crosses IPC as data so the editor never hard-codes it.

export const icFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(['string', 'money', 'date', 'integer', 'guid', 'url', 'phone', 'email', 'boolean']),
  required: z.boolean(),
  section: z.enum(['customer', 'invoice']),
  maxLength: z.number().int().optional(),
});

// The schema restates IcField for IPC; this fails to compile if the two ever drift apart.
type IcFieldOverIpc = z.output<typeof icFieldSchema>;
const sameShape: [IcFieldOverIpc] extends [IcField] ? ([IcField] extends [IcFieldOverIpc] ? true : never) : never =
  true;
void sameShape;

export const IC_FIELD_BY_KEY: ReadonlyMap<string, IcField> = new Map(IC_FIELDS.map((f) => [f.key, f]));

// ---------------------------------------------------------------------------------------------
// Rows, versions and the rest of the model.

const SOURCE_PATH_RE = /^(account|bill|biller|notify)(\.[A-Za-z_][A-Za-z0-9_]*){1,3}$/;

export const mappingRowSchema = z.object({
  /** An InvoiceCloud key from the catalog, e.g. `customers-accountnumber`. */
  target: z.string().trim().min(1, 'Choose the InvoiceCloud field.'),
  /** A source path, or null when the target is left unmapped. */
  source: z
    .string()
    .trim()
    .regex(SOURCE_PATH_RE, 'A source is written origin.field, e.g. account.accountNumber or bill.totalCents.')
    .nullable(),
  transform: z.enum(TRANSFORMS).default('none'),
  /** Only read by the `date` transform; M/D/YYYY when absent. */
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** The catalog's flag, or raised to required by the PM; never lowered below the catalog's. */
  required: z.boolean().default(false),
});
export type MappingRow = z.output<typeof mappingRowSchema>;
export type MappingRowInput = z.input<typeof mappingRowSchema>;

export const mappingSchema = z.object({
  billerId: z.string().min(1),
  rows: z.array(mappingRowSchema),
});
export type Mapping = z.output<typeof mappingSchema>;

export const confirmationSchema = z.object({
  /** AuditLog actor id of the PM who confirmed the mapping in IC's CRM. */
  confirmedBy: z.string(),
  confirmedByName: z.string(),
  confirmedAt: z.string(),
  /** The mapping version that was confirmed. */
  version: z.number().int(),
});
export type Confirmation = z.output<typeof confirmationSchema>;

export const VERSION_KINDS = ['standard', 'save', 'revert', 'import'] as const;

export const mappingVersionSchema = z.object({
  /** 1, 2, 3… per biller; 0 is the built-in standard mapping, used until a first save. */
  version: z.number().int().nonnegative(),
  kind: z.enum(VERSION_KINDS),
  comment: z.string(),
  /** AuditLog actor id; `impresa-bridge` for the built-in standard mapping. */
  author: z.string(),
  authorName: z.string(),
  /** Null only for the built-in standard mapping, which was never saved. */
  createdAt: z.string().nullable(),
  rows: z.array(mappingRowSchema),
  /** The version the jobs use now: the newest saved one (a revert is saved as a new version). */
  active: z.boolean(),
  /** For a revert: the version whose rows it restored. */
  revertedFrom: z.number().int().nullable(),
  /** The latest "Confirmed in CRM" of exactly this version, if any. */
  confirmation: confirmationSchema.nullable(),
});
export type MappingVersion = z.output<typeof mappingVersionSchema>;

/**
 * Where the "Confirmed in CRM" step stands, as the conversion checklist reads it. A save after a
 * confirmation makes it `outdated`: the older version stays confirmed, the active one is not.
 */
export const confirmationStatusSchema = z.object({
  state: z.enum(['confirmed', 'outdated', 'not-confirmed']),
  activeVersion: z.number().int(),
  /** The most recent confirmation of any version. */
  latest: confirmationSchema.nullable(),
  /** A sentence for the checklist, e.g. "Version 2 was confirmed…; the active version 3 is not." */
  message: z.string(),
});
export type ConfirmationStatus = z.output<typeof confirmationStatusSchema>;

export const validationIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** The target the issue is about ('' for the mapping as a whole). */
  target: z.string(),
  message: z.string(),
  /** 1-based position in the rows that were checked, when the issue is about one row. */
  row: z.number().int().positive().optional(),
});
export type ValidationIssue = z.output<typeof validationIssueSchema>;

export const previewRowSchema = z.object({
  accountNumber: z.string(),
  invoiceNumber: z.string().nullable(),
  /** target → value as it would be written (for a rejected row, what could be mapped). */
  values: z.record(z.string(), z.string()),
  /** Why a job would reject this record, naming the field and the account; null when it passes. */
  rejected: z.string().nullable(),
});
export type PreviewRow = z.output<typeof previewRowSchema>;

export const suggestionSchema = z.object({
  target: z.string(),
  source: z.string(),
  transform: z.enum(TRANSFORMS),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** 0..1; 1 is an exact name match. */
  score: z.number(),
  reason: z.string(),
});
export type Suggestion = z.output<typeof suggestionSchema>;

export const DIFF_CHANGES = ['added', 'removed', 'changed'] as const;
export const diffEntrySchema = z.object({
  target: z.string(),
  label: z.string(),
  before: mappingRowSchema.nullable(),
  after: mappingRowSchema.nullable(),
  change: z.enum(DIFF_CHANGES),
  /** One line for people: "Phone: account.phone (phone) → account.mobile (phone)". */
  summary: z.string(),
});
export type DiffEntry = z.output<typeof diffEntrySchema>;

// ---------------------------------------------------------------------------------------------
// The JSON file a PM exports from one installation and imports on another (or keeps as a template).

export const MAPPING_FILE_FORMAT = 'impresa-bridge.mapping';
export const MAPPING_FILE_FORMAT_VERSION = 1;

export const mappingFileSchema = z.object({
  format: z.literal(MAPPING_FILE_FORMAT),
  formatVersion: z.literal(MAPPING_FILE_FORMAT_VERSION),
  exportedAt: z.string(),
  /** Informational: the biller and version it was exported from. Import ignores them. */
  biller: z.object({ id: z.string(), name: z.string() }).optional(),
  version: z.number().int().nonnegative().optional(),
  comment: z.string().optional(),
  rows: z.array(mappingRowSchema),
});
export type MappingFile = z.output<typeof mappingFileSchema>;

/** A short human description of one row, used in diffs and the CLI. */
export function describeRow(row: MappingRow | null): string {
  if (!row || row.source === null) return 'unmapped';
  const transform = row.transform === 'date' ? `date ${row.dateFormat ?? DEFAULT_DATE_FORMAT}` : row.transform;
  return `${row.source} (${transform})${row.required ? ', required' : ''}`;
}

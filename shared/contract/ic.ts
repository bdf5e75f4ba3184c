import * as z from 'zod';
import { icRateLimitsSchema } from '../domain/ic-rate-limits';
import { channel } from './define';

const billerId = z.string().min(1, 'Choose a biller.');
const number = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(40, `The ${what} is at most 40 characters.`)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]*$/, `The ${what} has letters, digits and - _ . / only, without spaces.`);

/** A biller's InvoiceCloud rate limits and what its limiter is doing now. */
export const icLimitsViewSchema = icRateLimitsSchema.extend({
  billerId: z.string(),
  isDefault: z.boolean(),
  /** null until this biller's first IC call since the app started. */
  status: z
    .object({
      waiting: z.number().int(),
      inFlight: z.number().int(),
      throttled: z.enum(['interval', 'cooldown', 'retry-after', 'concurrency']).nullable(),
      until: z.string().nullable(),
      started: z.number().int(),
      tooManyRequests: z.number().int(),
      /** The spacing learned from IC's 429s (0: none). */
      learnedIntervalMs: z.number().int(),
    })
    .nullable(),
});
export type IcLimitsView = z.output<typeof icLimitsViewSchema>;

/** One compared field: both sides as shown, and whether they differ. */
export const comparedFieldSchema = z.object({
  field: z.string(),
  label: z.string(),
  ic: z.string().nullable(),
  impresa: z.string().nullable(),
  differs: z.boolean(),
});

const sideSchema = z.object({
  /** false: the system has no such record (`error` says so) or could not be asked. */
  found: z.boolean(),
  error: z.string().nullable(),
});

/** An invoice or a customer in InvoiceCloud and in InHANCE, side by side. */
export const comparisonSchema = z.object({
  kind: z.enum(['invoice', 'customer']),
  key: z.string(),
  accountNumber: z.string().nullable(),
  ic: sideSchema,
  impresa: sideSchema,
  fields: z.array(comparedFieldSchema),
  /** Both balances in cents when both are known (for "push this balance"). */
  icBalanceCents: z.number().int().nullable(),
  impresaBalanceCents: z.number().int().nullable(),
  differences: z.number().int(),
});
export type Comparison = z.output<typeof comparisonSchema>;

export const pushBalanceResultSchema = z.object({
  accountNumber: z.string(),
  fromCents: z.number().int().nullable(),
  toCents: z.number().int(),
  /** false: IC does not know the account yet (it learns one from its first invoice). */
  updated: z.boolean(),
});

export const batchKindSchema = z.enum(['invoices', 'accounts'], {
  error: 'Say whether the file lists invoices or accounts.',
});
export const batchActionSchema = z.enum(['lookup', 'refresh'], { error: 'Choose look up or refresh.' });
export const batchStateSchema = z.enum(['loaded', 'running', 'paused', 'cancelled', 'done']);
export const batchRowStatusSchema = z.enum(['pending', 'invalid', 'ok', 'differs', 'changed', 'not-found', 'failed']);

export const batchCountsSchema = z.object({
  pending: z.number().int(),
  invalid: z.number().int(),
  ok: z.number().int(),
  differs: z.number().int(),
  changed: z.number().int(),
  notFound: z.number().int(),
  failed: z.number().int(),
});

export const batchSchema = z.object({
  id: z.string(),
  billerId: z.string(),
  kind: batchKindSchema,
  action: batchActionSchema.nullable(),
  fileName: z.string(),
  delimiter: z.string(),
  hasHeader: z.boolean(),
  column: z.number().int(),
  columns: z.array(z.string()),
  /** Up to 10 data rows as read, for the preview. */
  preview: z.array(z.array(z.string())),
  state: batchStateSchema,
  total: z.number().int(),
  /** Valid rows processed so far (not pending). */
  done: z.number().int(),
  /** Valid rows. */
  valid: z.number().int(),
  counts: batchCountsSchema,
  /** Why the last run stopped early, or null. */
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type Batch = z.output<typeof batchSchema>;

export const batchRowSchema = z.object({
  line: z.number().int(),
  value: z.string(),
  status: batchRowStatusSchema,
  accountNumber: z.string().nullable(),
  icCents: z.number().int().nullable(),
  impresaCents: z.number().int().nullable(),
  /** After a refresh that changed IC: the balance IC now holds. */
  newIcCents: z.number().int().nullable(),
  /** The reason for invalid, not found or failed; otherwise null. */
  message: z.string().nullable(),
});
export type BatchRow = z.output<typeof batchRowSchema>;

const batchRef = z.object({ batchId: z.string().min(1) });

/** InvoiceCloud operations tools: rate limits, look-ups side by side with InHANCE, CSV batches. */
export const icContract = {
  limits: channel(
    z.object({ billerId }),
    icLimitsViewSchema,
    'The InvoiceCloud rate limits of a biller and its limiter status.',
  ),
  setLimits: channel(
    z.object({ billerId, limits: icRateLimitsSchema.nullable() }),
    icLimitsViewSchema,
    'Change the InvoiceCloud rate limits of a biller (null: the defaults).',
  ),
  lookupInvoice: channel(
    z.object({ billerId, invoiceNumber: number('invoice number') }),
    comparisonSchema,
    'An invoice in InvoiceCloud and InHANCE, side by side.',
  ),
  lookupCustomer: channel(
    z.object({ billerId, accountNumber: number('account number') }),
    comparisonSchema,
    'A customer in InvoiceCloud and InHANCE, side by side.',
  ),
  pushBalance: channel(
    z.object({ billerId, accountNumber: number('account number') }),
    pushBalanceResultSchema,
    "Set one account's InvoiceCloud balance to InHANCE's now (the Balance job's write, audited).",
  ),
  batchLoad: channel(
    z.object({
      billerId,
      kind: batchKindSchema,
      fileName: z.string().trim().min(1).max(260),
      text: z
        .string()
        .min(1, 'The file is empty.')
        .max(20 * 1024 * 1024, 'The file is larger than 20 MB; split it.'),
    }),
    batchSchema,
    'Read a CSV of invoice or account numbers into a new batch (detects delimiter and header; bad rows listed).',
  ),
  batchStart: channel(
    batchRef.extend({ action: batchActionSchema }),
    batchSchema,
    'Start (or resume) a batch: look up or refresh balances of its remaining rows.',
  ),
  batchPause: channel(batchRef, batchSchema, 'Pause a running batch after the rows in flight.'),
  batchCancel: channel(batchRef, batchSchema, 'Cancel a running batch now; it can be resumed later.'),
  batchGet: channel(batchRef, batchSchema, 'One batch.'),
  batchList: channel(z.object({ billerId }), z.array(batchSchema), "A biller's latest batches, newest first."),
  batchRows: channel(
    batchRef.extend({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      problemsOnly: z.boolean().optional(),
    }),
    z.object({ rows: z.array(batchRowSchema), total: z.number().int() }),
    'A page of per-row results in file order.',
  ),
  batchExport: channel(batchRef, z.object({ fileName: z.string(), csv: z.string() }), 'The per-row results as CSV.'),
};

export const icEvents = {
  /** A batch moved on (at most every 250 ms) or changed state: re-fetch it. */
  'ic:batch': z.object({
    batchId: z.string(),
    billerId: z.string(),
    state: batchStateSchema,
    done: z.number().int(),
    valid: z.number().int(),
  }),
  /** A biller's IC calls are held (a cool-down or an HTTP 429 pause) until `until`. */
  'ic:throttled': z.object({
    billerId: z.string(),
    reason: z.enum(['cooldown', 'retry-after', 'interval', 'concurrency']),
    until: z.string().nullable(),
  }),
};

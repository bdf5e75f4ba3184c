import * as z from 'zod';
import { ERROR_CODES } from '../errors';
import { cents, isoDate } from './common';

/**
 * Payments as both sides see them: the clerk's queue (InHANCE batch entries and receipts, the
 * shared truth), the local ledger's states, control totals and the audit trail. Money is integer
 * cents; instants are ISO strings; days are `YYYY-MM-DD` in the biller's time zone.
 */

/** How a payment was made. InHANCE knows card and ACH only. */
export const PAYMENT_METHODS = ['card', 'ach'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const paymentMethodSchema = z.enum(PAYMENT_METHODS, { error: 'Choose card or ACH.' });

/** The tabs of the posting queue. */
export const QUEUE_TABS = ['ready', 'exceptions', 'held', 'rejected', 'returns', 'posted-today'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];
export const queueTabSchema = z.enum(QUEUE_TABS, { error: 'Choose one of the queue tabs.' });

export const QUEUE_TAB_LABELS: Record<QueueTab, string> = {
  ready: 'Ready',
  exceptions: 'Exceptions',
  held: 'Held',
  rejected: 'Rejected',
  returns: 'Returns',
  'posted-today': 'Posted today',
};

/** Why a payment waits in Exceptions instead of Ready (or instead of being posted live). */
export const EXCEPTION_KINDS = [
  'account-not-found',
  'account-closed',
  'account-final',
  'possible-duplicate',
  'amount-anomaly',
  'unsupported-method',
  'post-failed',
] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const exceptionKindSchema = z.enum(EXCEPTION_KINDS);

export const EXCEPTION_LABELS: Record<ExceptionKind, string> = {
  'account-not-found': 'Account not found',
  'account-closed': 'Account closed',
  'account-final': 'Account final',
  'possible-duplicate': 'Possible duplicate',
  'amount-anomaly': 'Unusual amount',
  'unsupported-method': 'Unknown payment method',
  'post-failed': 'Live posting failed',
};

/** An InHANCE batch entry's state, plus `reversed` for a receipt taken back after posting. */
export const ENTRY_STATES = ['pending', 'held', 'rejected', 'posted', 'reversed'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

/** The states a clerk acts on (the tab the row was shown in says which): sent with every action. */
export const ACTIONABLE_STATES = ['pending', 'held', 'rejected'] as const;
export type ActionableState = (typeof ACTIONABLE_STATES)[number];

/**
 * The local ledger's state of one IC payment (docs/payments.md, "The rules"):
 * downloaded → queued (batch entry, pending mode) | posted (live mode) → posted | held | rejected,
 * exception (in the queue with a reason), and reversed / returned once IC takes the money back.
 */
export const LEDGER_STATES = [
  'downloaded',
  'queued',
  'exception',
  'posted',
  'held',
  'rejected',
  'reversed',
  'returned',
] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

/** IC's take-backs: a card reversal (chargeback) or an ACH return with its NACHA code (R01…). */
export const returnInfoSchema = z.object({
  kind: z.enum(['reversal', 'return']),
  /** NACHA return code (R01, R02, R03…) for an ACH return; `REVERSAL` for a card reversal. */
  code: z.string(),
  reason: z.string(),
  /** When IC reported it (ISO instant as recorded here), when known. */
  at: z.string().nullable(),
  /** What was done in InHANCE: the receipt reversed, the pending entry pulled (rejected), or not yet. */
  action: z.enum(['reversed', 'pulled', 'pending', 'failed']),
});
export type ReturnInfo = z.output<typeof returnInfoSchema>;

/**
 * One row of the posting queue, compact enough for 20,000 rows in a virtualized table. `id` is the
 * row key: the IC PaymentGUID (InHANCE's external reference, unique across entries and receipts).
 */
export const queueEntrySchema = z.object({
  id: z.string(),
  /** The InHANCE batch entry; null for a live receipt (posted by IC Clerk without an entry). */
  entryId: z.string().nullable(),
  receiptId: z.string().nullable(),
  batchId: z.string().nullable(),
  paymentGuid: z.string(),
  tab: queueTabSchema,
  state: z.enum(ENTRY_STATES),
  accountNumber: z.string(),
  /** The account IC sent; differs from `accountNumber` after a reassignment. */
  originalAccountNumber: z.string(),
  customerName: z.string(),
  /** Credited to the account; never includes the convenience fee. */
  amountCents: cents,
  convenienceFeeCents: cents,
  method: paymentMethodSchema,
  invoiceNumber: z.string(),
  depositDate: isoDate,
  /** IC's local time of the payment (`2025-03-03T13:05:00`, biller's time zone), when known here. */
  paidAt: z.string().nullable(),
  /** When the entry (or live receipt) reached InHANCE: the queue's age counts from here. */
  queuedAt: z.string(),
  exception: z.object({ kind: exceptionKindSchema, reason: z.string() }).nullable(),
  /** InHANCE's last state change: reason (hold/reject), who and when. */
  stateReason: z.string(),
  stateBy: z.string(),
  stateAt: z.string().nullable(),
  postedBy: z.string().nullable(),
  postedAt: z.string().nullable(),
  returnInfo: returnInfoSchema.nullable(),
  /** The account had a payment returned or reversed. */
  accountFlagged: z.boolean(),
});
export type QueueEntry = z.output<typeof queueEntrySchema>;

export const QUEUE_SORTS = [
  'paidAt',
  'amount',
  'account',
  'name',
  'method',
  'reference',
  'age',
  'depositDate',
  'postedAt',
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const amountBound = cents.min(0, 'Amounts are zero or more.');

/** A filter over one tab of the queue; the same filter drives the list, the totals and "select all that match". */
export const queueFilterSchema = z.object({
  billerId: z.string().min(1, 'Choose a biller.'),
  tab: queueTabSchema.default('ready'),
  /** Matches account number, customer name, IC reference, entry id, invoice number, or an amount like 123.45. */
  search: z.string().trim().max(200, 'Keep the search under 200 characters.').default(''),
  method: paymentMethodSchema.optional(),
  depositDate: isoDate.optional(),
  exceptionKind: exceptionKindSchema.optional(),
  minCents: amountBound.optional(),
  maxCents: amountBound.optional(),
  /** Posted today: only this user's posts (e.g. `IC Clerk` for the live-mode view). */
  postedBy: z.string().trim().max(100).optional(),
});
export type QueueFilter = z.output<typeof queueFilterSchema>;
export type QueueFilterInput = z.input<typeof queueFilterSchema>;

export const queueSortSchema = z.object({
  sort: z.enum(QUEUE_SORTS).default('paidAt'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

/** What happened to one entry of a bulk action. */
export const ITEM_OUTCOMES = [
  'posted',
  'held',
  'rejected',
  'undone',
  'reassigned',
  'already-posted',
  'failed',
] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export const itemResultSchema = z.object({
  entryId: z.string(),
  outcome: z.enum(ITEM_OUTCOMES),
  /** True when the action took effect (`already-posted` and `failed` did not). */
  ok: z.boolean(),
  /** One sentence for the clerk: "Posted.", "Already posted by mlopez at 10:42 AM.", "Failed: …". */
  message: z.string(),
  /** Who did it in InHANCE and when (for already-posted: the other clerk). */
  by: z.string().nullable(),
  at: z.string().nullable(),
  receiptId: z.string().nullable(),
  amountCents: cents.nullable(),
  code: z.enum(ERROR_CODES).nullable(),
});
export type ItemResult = z.output<typeof itemResultSchema>;

export const bulkResultSchema = z.object({
  operationId: z.string(),
  results: z.array(itemResultSchema),
  /** Entries the action took effect on, and their total. */
  done: z.number().int(),
  doneCents: cents,
  alreadyPosted: z.number().int(),
  failed: z.number().int(),
});
export type BulkResult = z.output<typeof bulkResultSchema>;

export const tabTotalsSchema = z.object({ count: z.number().int(), totalCents: cents });

export const accountMatchSchema = z.object({
  accountNumber: z.string(),
  name: z.string(),
  status: z.enum(['active', 'closed', 'final']),
  balanceCents: cents,
  /** One line: street, city, state zip. */
  address: z.string(),
});
export type AccountMatch = z.output<typeof accountMatchSchema>;

/**
 * One deposit day's control totals: what IC reported against what InHANCE holds for it.
 * `accountedCents` = posted + pending + held + exceptions + rejected; `differenceCents` = IC − accounted.
 */
export const controlTotalSchema = z.object({
  depositDate: isoDate,
  /** IC's total for the day: as this installation downloaded it, else as the job host set it on InHANCE's batch; null when neither is known. */
  icCents: cents.nullable(),
  icCount: z.number().int().nullable(),
  /**
   * Where IC's total came from InHANCE's batch (a workstation that is not the job host): when the
   * job host set it there (ISO instant). Null when it is this installation's own ledger, or unknown.
   */
  icTotalAt: z.string().nullable(),
  postedCents: cents,
  pendingCents: cents,
  heldCents: cents,
  exceptionCents: cents,
  rejectedCents: cents,
  /** Posted, then reversed or returned (included in posted: the money did land, then went back). */
  reversedCents: cents,
  /** Downloaded from IC but not yet in InHANCE (a run in flight or failing). */
  notWrittenCents: cents,
  accountedCents: cents,
  differenceCents: cents.nullable(),
  balanced: z.boolean().nullable(),
  /** "Balanced", "Off by $12.34 (InHANCE short)", or why it cannot be said. */
  message: z.string(),
  feeCents: cents,
});
export type ControlTotal = z.output<typeof controlTotalSchema>;

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.string().nullable(),
});
export type PaymentsAuditRow = z.output<typeof auditRowSchema>;

/** Audit actions this domain writes (subject = entry id; detail = what and why). */
export const PAYMENT_AUDIT_ACTIONS = [
  'payment.post',
  'payment.hold',
  'payment.reject',
  'payment.undo',
  'payment.reassign',
  'payment.reverse',
  'payment.pull',
] as const;
export type PaymentAuditAction = (typeof PAYMENT_AUDIT_ACTIONS)[number];

/** A file handed to the screen to download: its bytes as base64. */
export const downloadFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  bytes: z.number().int(),
  base64: z.string(),
});
export type DownloadFile = z.output<typeof downloadFileSchema>;

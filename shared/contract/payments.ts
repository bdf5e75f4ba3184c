import * as z from 'zod';
import { cents, isoDate } from '../domain/common';
import {
  ACTIONABLE_STATES,
  accountMatchSchema,
  auditRowSchema,
  bulkResultSchema,
  controlTotalSchema,
  downloadFileSchema,
  itemResultSchema,
  QUEUE_TABS,
  queueEntrySchema,
  queueFilterSchema,
  queueSortSchema,
  tabTotalsSchema,
} from '../domain/payments';
import { channel } from './define';

const billerId = z.string().min(1, 'Choose a biller.');
/** Bulk actions take up to 20,000 entries (a whole queue selected with "all that match"). */
const entryIds = z
  .array(z.string().trim().min(1, 'An entry id is empty.'))
  .min(1, 'Select at least one entry.')
  .max(20_000, 'Act on at most 20,000 entries at once.');
/** Chosen by the screen so it can follow `payments:progress` for this action; made up when left out. */
const operationId = z.string().trim().min(1).max(100).optional();
/**
 * The state the clerk saw the entries in (Ready and Exceptions: pending; Held; Rejected). An entry
 * InHANCE now holds in another state (another clerk or the Payments job moved it) is left alone and
 * reported with STATE_CHANGED, so nobody acts on a row that is no longer what the screen showed.
 */
const expectedState = z.enum(
  ACTIONABLE_STATES,
  'Say which state the entries were shown in (pending, held or rejected).',
);
const reason = z.string().trim().max(500, 'Keep the reason under 500 characters.');

export const queuePageSchema = z.object({
  rows: z.array(queueEntrySchema),
  /** Rows matching the filter (all pages), and their total. */
  total: z.number().int(),
  totalCents: cents,
  offset: z.number().int(),
  /** When the queue was last read from InHANCE (ISO), or null before the first read. */
  syncedAt: z.string().nullable(),
  /** True when the copy is older than the refresh interval (`refreshAfterMs`); a refresh is already on its way. */
  stale: z.boolean(),
});

/**
 * How fresh main keeps the queue copy: a copy older than `refreshAfterMs` is stale (main refreshes
 * it in the background when read), and an open Payments screen reads InHANCE this often. Main
 * decides it; the screen follows.
 */
const refreshAfterMs = z.number().int().positive();
export type QueuePage = z.output<typeof queuePageSchema>;

export const queueCountsSchema = z.object({
  tabs: z.object(
    Object.fromEntries(QUEUE_TABS.map((t) => [t, tabTotalsSchema])) as Record<
      (typeof QUEUE_TABS)[number],
      typeof tabTotalsSchema
    >,
  ),
  postingMode: z.enum(['pending', 'live']),
  /** The user live posting runs as (usually `IC Clerk`). */
  livePostingUser: z.string(),
  /** The biller's today (YYYY-MM-DD), which "Posted today" means. */
  today: isoDate,
  /** Now on the biller's clock (the embedded sandbox runs on simulated time): ages are measured from it. */
  now: z.string(),
  syncedAt: z.string().nullable(),
  refreshAfterMs,
  /** The person at this screen, as actions are recorded. */
  actor: z.object({ id: z.string(), name: z.string() }),
});
export type QueueCounts = z.output<typeof queueCountsSchema>;

export const reportRequestSchema = z.object({
  billerId,
  /** The biller's day the report covers. */
  date: isoDate,
  format: z.enum(['csv', 'pdf']),
});

const auditFilter = z.object({
  billerId,
  /** One action (payment.post, payment.hold, …) or all. */
  action: z.string().trim().max(50).optional(),
  /** Part of the OS user or display name. */
  actor: z.string().trim().max(100).optional(),
  /** Text in the subject (entry id) or detail. */
  search: z.string().trim().max(200).optional(),
  /** YYYY-MM-DD in the biller's time zone, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const paymentsContract = {
  /**
   * One page of a queue tab, filtered and sorted, from this installation's copy of InHANCE's batch
   * entries. A stale copy is returned at once and refreshed in the background (`payments:changed`
   * follows); the very first call waits for InHANCE.
   */
  list: channel(
    queueFilterSchema.extend(queueSortSchema.shape).extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(20_000, 'Ask for at most 20,000 rows at once.').default(500),
    }),
    queuePageSchema,
    'A page of the posting queue.',
  ),
  /** Count and total of every tab, the posting mode, and who is acting. */
  counts: channel(z.object({ billerId }), queueCountsSchema, 'Counts and totals per queue tab.'),
  /** Every entry id matching a filter ("select all that match"), with their count and total. */
  ids: channel(
    queueFilterSchema,
    z.object({ entryIds: z.array(z.string()), count: z.number().int(), totalCents: cents }),
    'Entry ids matching a filter.',
  ),
  /** Reads the queue from InHANCE now (the copy is otherwise refreshed when it goes stale). */
  refresh: channel(
    z.object({ billerId }),
    z.object({ syncedAt: z.string(), entries: z.number().int(), changed: z.number().int() }),
    'Read the queue from InHANCE now.',
  ),
  /**
   * Posts entries one by one, each with its own result (posted / already posted by X at T /
   * failed with the reason); `payments:progress` reports each one as it goes.
   */
  post: channel(z.object({ billerId, entryIds, expectedState, operationId }), bulkResultSchema, 'Post entries.'),
  /** Holds entries (they leave Ready for Held); the reason is optional. */
  hold: channel(
    z.object({ billerId, entryIds, expectedState, reason: reason.optional(), operationId }),
    bulkResultSchema,
    'Hold entries.',
  ),
  /** Rejects entries with a reason (required). */
  reject: channel(
    z.object({
      billerId,
      entryIds,
      expectedState,
      reason: reason.min(1, 'Say why the entries are rejected.'),
      operationId,
    }),
    bulkResultSchema,
    'Reject entries.',
  ),
  /**
   * Puts held or rejected entries back in the queue. An entry the Payments job pulled for an ACH
   * return or card reversal is refused (PAYMENT_RETURNED): the money never reached the biller.
   */
  undo: channel(
    z.object({ billerId, entryIds, expectedState, operationId }),
    bulkResultSchema,
    'Undo a hold or a rejection.',
  ),
  /** Moves an entry to another account (found with searchAccounts), and posts it when `post` is true. */
  reassign: channel(
    z.object({
      billerId,
      entryId: z.string().trim().min(1, 'Choose an entry.'),
      accountNumber: z.string().trim().min(1, 'Choose the account to move the payment to.'),
      post: z.boolean().default(false),
      /** The state the clerk saw the entry in; exceptions wait as pending, which is assumed when left out. */
      expectedState: expectedState.optional(),
    }),
    z.object({ reassigned: itemResultSchema, posted: itemResultSchema.nullable() }),
    'Reassign an exception to another account.',
  ),
  /** Accounts in InHANCE by number prefix or part of the name. */
  searchAccounts: channel(
    z.object({
      billerId,
      query: z.string().trim().min(1, 'Type an account number or a name.').max(100),
      status: z.enum(['active', 'closed', 'final']).optional(),
      limit: z.number().int().min(1).max(100).default(20),
    }),
    z.object({ accounts: z.array(accountMatchSchema) }),
    'Search InHANCE accounts.',
  ),
  /** Control totals per deposit day (newest first): IC's total against posted + pending + exceptions. */
  controlTotals: channel(
    z.object({ billerId, from: isoDate.optional(), to: isoDate.optional() }),
    z.object({ days: z.array(controlTotalSchema), generatedAt: z.string() }),
    'Control totals per deposit day.',
  ),
  /** The daily report for a date as a file to download (CSV or PDF, base64). */
  report: channel(
    reportRequestSchema,
    downloadFileSchema.extend({ date: isoDate, format: z.enum(['csv', 'pdf']) }),
    'The daily payments report.',
  ),
  /** The payments audit log, newest first, a page at a time. */
  audit: channel(
    auditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(100),
    }),
    z.object({ entries: z.array(auditRowSchema), total: z.number().int() }),
    'Payments audit log.',
  ),
  /** The audit log matching a filter as a CSV file (base64). */
  auditExport: channel(auditFilter, downloadFileSchema, 'Export the payments audit log.'),
};

export const paymentsEvents = {
  /** The queue or the ledger changed (a refresh, a clerk's action, a job run): re-fetch, debounced. */
  'payments:changed': z.object({
    billerId: z.string(),
    reason: z.enum(['sync', 'post', 'hold', 'reject', 'undo', 'reassign', 'job']),
  }),
  /** One more entry of a bulk action is done (sent for every entry; the screen may throttle). */
  'payments:progress': z.object({
    billerId: z.string(),
    operationId: z.string(),
    action: z.enum(['post', 'hold', 'reject', 'undo']),
    done: z.number().int(),
    total: z.number().int(),
    entryId: z.string(),
    outcome: itemResultSchema.shape.outcome,
    ok: z.boolean(),
  }),
};

import type { IcPaymentRecord } from '../clients/invoicecloud';
import type { Db } from '../store/database';

/** A plausible IC payment record for tests: the n-th ACH payment, $10 × n plus a $2.95 fee. */
export function icPaymentRecord(n: number, over: Partial<IcPaymentRecord> = {}): IcPaymentRecord {
  return {
    sequence: n,
    recordType: 'Payment',
    paymentGuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    originalPaymentGuid: null,
    paymentDate: '2025-03-03T10:15:00',
    depositDate: '2025-03-03',
    invoiceNumber: `INV-${n}`,
    accountNumber: `000${n}-00`,
    approved: true,
    customerName: `Customer ${n}`,
    amountCents: 1000 * n,
    convenienceFeeCents: 295,
    paymentTypeId: 2,
    paymentMethod: 'ach',
    cardType: '',
    billerReference: '',
    paymentMessage: 'ACH payment accepted',
    returnCode: null,
    returnReason: null,
    ...over,
  };
}

/** A biller row straight into SQLite, for store tests that need only the foreign key to hold. */
export function insertTestBiller(db: Db, id: string, at: string): void {
  db.prepare(
    `INSERT INTO billers (id, name, time_zone, biller_guid, invoice_type_id, ic_host, impresa_url, impresa_user, posting_mode, live_posting_user, created_at, updated_at)
     VALUES (?, 'Springfield Water', 'America/New_York', 'g', 1, 'h', 'u', 'u', 'pending', 'IC Clerk', ?, ?)`,
  ).run(id, at, at);
}

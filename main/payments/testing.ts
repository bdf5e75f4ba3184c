import type { IcPaymentRecord } from '../clients/invoicecloud';

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

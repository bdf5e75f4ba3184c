import type { IcDateTime } from './values';

/**
 * What InvoiceCloudClient returns: amounts in integer cents, dates as IC's local wall clock in
 * ISO form without a zone (`2025-03-01T13:05:00`) or null for IC's "no date", days `YYYY-MM-DD`.
 */
export type { IcDateTime } from './values';

export type SoapVersion = '1.1' | '1.2';

export interface IcInvoice {
  invoiceNumber: string;
  invoiceDate: IcDateTime | null;
  invoiceDueDate: IcDateTime | null;
  autoPayCollectionDate: IcDateTime | null;
  totalAmountDueCents: number;
  balanceDueCents: number;
  minimumAmountDueCents: number;
  allowPartialPayments: boolean;
  firstNotifyRequestedDate: IcDateTime | null;
  secondNotifyRequestedDate: IcDateTime | null;
  thirdNotifyRequestedDate: IcDateTime | null;
}

export interface IcCustomerRecord {
  customerId: string;
  accountNumber: string;
  customerName: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  emailAddress: string;
  autoPay: boolean;
  /** IC's PaperInvoices: true = the customer still gets paper (not paperless). */
  paperInvoices: boolean;
  registered: boolean;
  registrationDate: IcDateTime | null;
  loginName: string;
}

/** Fields to change; a field left out (or empty) keeps IC's current value. */
export interface IcCustomerUpdate {
  accountNumber: string;
  customerName?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state?: string;
  zip?: string;
  phone?: string;
  emailAddress?: string;
}

export interface IcRejectedRow {
  lineNumber: number;
  invoiceNumber: string;
  reason: string;
}

export interface IcUploadResult {
  fileId: string;
  rowsReceived: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejectedRows: IcRejectedRow[];
}

export interface IcBalanceUpdate {
  accountNumber: string;
  balanceDueCents: number;
}

export interface IcBalanceUpdateResult {
  recordsReceived: number;
  recordsUpdated: number;
  unknownAccounts: string[];
}

export interface IcAccountBalance {
  accountNumber: string;
  invoiceNumber: string;
  balanceDueCents: number;
  lastUpdated: IcDateTime | null;
}

export interface IcBalancePage {
  balances: IcAccountBalance[];
  hasMore: boolean;
  /** The cursor for the next page (pass as startAfterAccountNumber). */
  lastAccountNumber: string;
}

export type IcPaymentRecordType = 'Payment' | 'Reversal' | 'Return';

/** One record of IC's payments feed. */
export interface IcPaymentRecord {
  /** Position in IC's feed; the download cursor. */
  sequence: number;
  recordType: IcPaymentRecordType;
  /** The record's own GUID: the idempotency key (a repeated delivery repeats it). */
  paymentGuid: string;
  /** For a reversal or return, the payment it takes back. */
  originalPaymentGuid: string | null;
  paymentDate: IcDateTime;
  /** `YYYY-MM-DD`. */
  depositDate: string;
  invoiceNumber: string;
  accountNumber: string;
  approved: boolean;
  customerName: string;
  /** What the account is credited (or debited back): never includes the fee. */
  amountCents: number;
  convenienceFeeCents: number;
  paymentTypeId: number;
  paymentMethod: 'card' | 'ach' | 'other';
  cardType: string;
  billerReference: string;
  paymentMessage: string;
  /** NACHA return code (R01, R02, R03, ...) for an ACH return. */
  returnCode: string | null;
  returnReason: string | null;
}

export interface IcCustomerChange {
  sequence: number;
  accountNumber: string;
  changeDate: IcDateTime | null;
  changedFields: string[];
  paperInvoices: boolean;
  emailAddress: string;
  phone: string;
}

export interface IcAutoPayChange {
  sequence: number;
  accountNumber: string;
  changeDate: IcDateTime | null;
  autoPay: boolean;
  paymentTypeId: number;
}

/** One page of a sequence feed; `lastSequence` is the cursor to commit once the page is stored. */
export interface IcFeedPage<T> {
  records: T[];
  lastSequence: number;
  hasMore: boolean;
}

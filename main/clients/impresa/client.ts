import type {
  ImpresaAccount,
  ImpresaBankInfo,
  ImpresaBatch,
  ImpresaBatchEntry,
  ImpresaBill,
  ImpresaEntryState,
  ImpresaLookup,
  ImpresaReceipt,
  ImpresaReversal,
  ImpresaUser,
} from './schemas';

export type * from './schemas';

/**
 * What the product needs from InHANCE Impresa, and nothing more. HttpImpresaClient implements it
 * against the REST contract in CONTRACT.md; a site whose Impresa speaks otherwise gets its own
 * adapter implementing this interface. Errors are ClientErrors with IMPRESA_* codes; a 409 is
 * IMPRESA_CONFLICT carrying the existing record(s) in `existing` (an ImpresaExisting).
 */
export interface ImpresaPage<T> {
  items: T[];
  /** Pass back to get the next page; commit it only once the page is stored. */
  nextCursor: number;
  hasMore: boolean;
}

/** A page keyed by account number (Balance All's ordered listing). */
export interface ImpresaKeyPage<T> {
  items: T[];
  /** The last account number of this page: pass it back as `after` for the next page. */
  nextAfter: string;
  hasMore: boolean;
}

export interface NewBatchEntry {
  /** The IC PaymentGUID: InHANCE refuses a second entry or receipt with the same one. */
  externalRef: string;
  accountNumber: string;
  amountCents: number;
  convenienceFeeCents?: number;
  /** `YYYY-MM-DD`. */
  paymentDate: string;
  paymentType: 'card' | 'ach';
  invoiceNumber?: string;
  payerName?: string;
  memo?: string;
  /** This installation's id, so another job host's writes can be recognised. */
  installationId?: string;
}

export interface NewLiveReceipt extends NewBatchEntry {
  /** The posting user; live posting uses the biller's IC Clerk user. */
  user: string;
}

export interface AccountSearch {
  number?: string;
  name?: string;
  status?: 'active' | 'closed' | 'final';
  limit?: number;
}

export interface EntryFilter {
  state?: ImpresaEntryState;
  batchId?: string;
  depositDate?: string;
  accountNumber?: string;
  after?: number;
  limit?: number;
}

export interface ImpresaClient {
  /** Signs in (also done on demand, and again once when a token expires). */
  signIn(): Promise<void>;
  listUsers(): Promise<ImpresaUser[]>;

  /** Accounts whose version is above `cursor`, in version order. */
  listAccountsChangedSince(input: { cursor: number; limit?: number }): Promise<ImpresaPage<ImpresaAccount>>;
  accountPages(input?: { cursor?: number; limit?: number }): AsyncGenerator<ImpresaPage<ImpresaAccount>>;
  /**
   * ASSUMED. Every account in account-number order (ordinal string order), after `after`: what
   * Balance All merge-joins against IC's balance listing, a page at a time.
   */
  listAccountsByNumber(input?: { after?: string; limit?: number }): Promise<ImpresaKeyPage<ImpresaAccount>>;
  accountsByNumberPages(input?: { after?: string; limit?: number }): AsyncGenerator<ImpresaKeyPage<ImpresaAccount>>;
  searchAccounts(query: AccountSearch): Promise<ImpresaAccount[]>;
  getAccount(accountNumber: string): Promise<ImpresaAccount>;
  updateContact(
    accountNumber: string,
    patch: { email?: string; phone?: string; paperless?: boolean },
  ): Promise<ImpresaAccount>;
  /** Puts the account on autopay with dummy bank info (IC holds the real bank data). */
  setAutopay(accountNumber: string, bank: ImpresaBankInfo): Promise<ImpresaAccount>;
  clearAutopay(accountNumber: string): Promise<ImpresaAccount>;

  /** Bills issued after `cursor` (issue order). */
  listBillsSince(input: { cursor: number; limit?: number }): Promise<ImpresaPage<ImpresaBill>>;
  billPages(input?: { cursor?: number; limit?: number }): AsyncGenerator<ImpresaPage<ImpresaBill>>;
  getBill(invoiceNumber: string): Promise<ImpresaBill>;
  /** The bill image behind a bill's pdfUrl. */
  fetchBillPdf(bill: Pick<ImpresaBill, 'pdfUrl' | 'invoiceNumber'>): Promise<Buffer>;

  /** One batch per deposit day; a second create for the day is IMPRESA_CONFLICT with `existing.batch`. */
  createBatch(input: { depositDate: string; description?: string; installationId?: string }): Promise<ImpresaBatch>;
  /** `from`/`to` (inclusive deposit days) are ASSUMED; see CONTRACT.md. */
  listBatches(filter?: { depositDate?: string; from?: string; to?: string }): Promise<ImpresaBatch[]>;
  getBatch(batchId: string): Promise<ImpresaBatch>;
  /**
   * ASSUMED. Records IC's control total for the batch's deposit day (what the job host downloaded),
   * so every workstation can compare it with what InHANCE holds. Idempotent: the same values again change nothing.
   */
  setBatchIcTotal(
    batchId: string,
    input: { icTotalCents: number; icCount: number; installationId?: string },
  ): Promise<ImpresaBatch>;

  createEntry(batchId: string, entry: NewBatchEntry): Promise<ImpresaBatchEntry>;
  listEntries(filter?: EntryFilter): Promise<ImpresaPage<ImpresaBatchEntry>>;
  getEntry(entryId: string): Promise<ImpresaBatchEntry>;
  /** Posts an entry as `user`; already posted → IMPRESA_CONFLICT whose message names who and when. */
  postEntry(entryId: string, user: string): Promise<{ entry: ImpresaBatchEntry; receipt: ImpresaReceipt }>;
  holdEntry(entryId: string, user: string, reason?: string): Promise<ImpresaBatchEntry>;
  rejectEntry(entryId: string, user: string, reason: string): Promise<ImpresaBatchEntry>;
  /** Back to pending from held or rejected. */
  undoEntry(entryId: string, user: string): Promise<ImpresaBatchEntry>;
  reassignEntry(entryId: string, user: string, accountNumber: string): Promise<ImpresaBatchEntry>;

  /** Live posting: a receipt straight on the account (idempotent by externalRef: 409 with the existing one). */
  postLive(receipt: NewLiveReceipt): Promise<ImpresaReceipt>;
  listReceipts(filter?: { postedOn?: string; after?: number; limit?: number }): Promise<ImpresaPage<ImpresaReceipt>>;
  getReceipt(receiptId: string): Promise<ImpresaReceipt>;
  reverseReceipt(
    receiptId: string,
    input: { user: string; reasonCode: string; memo?: string; externalRef?: string },
  ): Promise<{ receipt: ImpresaReceipt; reversal: ImpresaReversal }>;

  /** Whatever landed under an external reference (nulls when nothing did). */
  lookupExternalRef(externalRef: string): Promise<ImpresaLookup>;
}

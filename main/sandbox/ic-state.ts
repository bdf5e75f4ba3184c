import { parseBif, type BifRejection } from './bif';
import { mix, Rng } from './rng';
import { addDays, localDay } from './time';
import { invoiceNumberOf } from './world-bills';
import type { IcCustomer, World } from './world';

/**
 * InvoiceCloud's mutable side: invoices received by upload, balance updates, customer record
 * edits. Deterministic like ImpresaState so the state log can replay it. The record shapes here
 * are the simulator's own (what IC would hold), not the client's types: the client reads them
 * only through the wire format of main/clients/invoicecloud/CONTRACT.md.
 */
export interface HeldInvoice {
  invoiceNumber: string;
  accountNumber: string;
  invoiceDate: string;
  dueDate: string;
  totalAmountDueCents: number;
  balanceDueCents: number;
  minimumAmountDueCents: number;
  allowPartialPayments: boolean;
  notifyDates: [string | null, string | null, string | null];
  pdfLink: string;
  uploadedFileId: string | null;
}

export interface UploadOutcome {
  success: boolean;
  errorMessage: string;
  fileId: string;
  rowsReceived: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejectedRows: BifRejection[];
}

export interface CustomerEdit {
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

type ProfileOverride = Partial<Pick<IcCustomer, 'customerName' | 'address1' | 'address2' | 'city' | 'state' | 'zip'>>;

export const MAX_BALANCES_PER_CALL = 1000;

export class IcState {
  readonly uploaded = new Map<string, HeldInvoice>();
  /** Per account, IC's latest invoice when it came by upload. */
  private readonly latestUploaded = new Map<number, string>();
  private readonly profileOverrides = new Map<number, ProfileOverride>();
  readonly uploads: Array<{
    fileId: string;
    fileName: string;
    at: number;
    received: number;
    accepted: number;
    rejected: number;
    columns: string[];
  }> = [];
  /** Accepted rows whose invoice number IC already had: IC replaces the invoice (ASSUMED), never duplicates it. */
  invoicesReplaced = 0;
  balanceUpdateCalls = 0;
  balanceUpdateRecords = 0;
  customerUpdates = 0;

  constructor(private readonly world: World) {}

  customer(index: number): IcCustomer {
    const override = this.profileOverrides.get(index);
    const customer = this.world.icCustomer(index);
    return override ? { ...customer, ...override } : customer;
  }

  /** An invoice IC knows: uploaded, or one of the world's bills from before the start. */
  invoice(invoiceNumber: string): HeldInvoice | null {
    const uploaded = this.uploaded.get(invoiceNumber);
    if (uploaded) return this.withLiveBalance(uploaded);
    const row = this.world.findBill(invoiceNumber);
    if (row < 0 || row >= this.world.initialBillCount) return null;
    const bill = this.world.bills.row(row);
    const invoiceDate = localDay(this.world.timeZone, bill.issuedAt);
    const dueDate = addDays(invoiceDate, 21);
    const invoice: HeldInvoice = {
      invoiceNumber: invoiceNumberOf(bill.period, bill.accountIndex),
      accountNumber: this.world.accountNumber(bill.accountIndex),
      invoiceDate,
      dueDate,
      totalAmountDueCents: bill.totalCents,
      balanceDueCents: bill.totalCents,
      minimumAmountDueCents: Math.min(bill.chargesCents, bill.totalCents),
      allowPartialPayments: true,
      notifyDates: [invoiceDate, addDays(dueDate, -3), null],
      pdfLink: '',
      uploadedFileId: null,
    };
    return this.withLiveBalance(invoice);
  }

  /** IC applies the account balance to the account's latest invoice; older ones keep theirs. */
  private withLiveBalance(invoice: HeldInvoice): HeldInvoice {
    const index = this.world.indexOf(invoice.accountNumber);
    if (index < 0 || this.latestInvoiceNumber(index) !== invoice.invoiceNumber) return invoice;
    const balanceDueCents = this.world.icBalance[index]!;
    // A bill never asks for a minimum above what is still owed (Minimum Due 163.60 on Balance Due 0.00).
    return {
      ...invoice,
      balanceDueCents,
      minimumAmountDueCents: Math.max(0, Math.min(invoice.minimumAmountDueCents, balanceDueCents)),
    };
  }

  latestInvoiceNumber(index: number): string {
    // The world's initial bills were added in account order, so account i's is row i.
    return this.latestUploaded.get(index) ?? invoiceNumberOf(this.world.bills.row(index).period, index);
  }

  upload(input: { invoiceTypeId: number; fileName: string; csv: string }): UploadOutcome {
    const fileId = new Rng(mix(this.world.seedN, 0xf11e0000 + this.uploads.length)).guid();
    const parsed = parseBif(input.csv, input.invoiceTypeId);
    const result: UploadOutcome = {
      success: parsed.fileError === null && parsed.accepted.length > 0,
      errorMessage:
        parsed.fileError ??
        (parsed.accepted.length === 0 ? 'No invoice in the file could be accepted; see the rejected rows.' : ''),
      fileId: parsed.fileError ? '' : fileId,
      rowsReceived: parsed.rowsReceived,
      rowsAccepted: parsed.fileError ? 0 : parsed.accepted.length,
      rowsRejected: parsed.rejected.length,
      rejectedRows: parsed.rejected,
    };
    if (!result.success) return result;
    for (const row of parsed.accepted) {
      if (this.uploaded.has(row.invoiceNumber)) this.invoicesReplaced++;
      this.uploaded.set(row.invoiceNumber, {
        invoiceNumber: row.invoiceNumber,
        accountNumber: row.accountNumber,
        invoiceDate: row.invoiceDate,
        dueDate: row.dueDate,
        totalAmountDueCents: row.totalAmountDueCents,
        balanceDueCents: row.balanceDueCents,
        minimumAmountDueCents: row.minimumAmountDueCents ?? row.totalAmountDueCents,
        allowPartialPayments: row.allowPartialPayments,
        notifyDates: row.notifyDates,
        pdfLink: row.pdfLink,
        uploadedFileId: fileId,
      });
      const index = this.world.indexOf(row.accountNumber);
      if (index >= 0) {
        this.latestUploaded.set(index, row.invoiceNumber);
        this.world.icBalance[index] = row.balanceDueCents;
      }
    }
    this.uploads.push({
      fileId,
      fileName: input.fileName,
      at: this.world.now(),
      received: result.rowsReceived,
      accepted: result.rowsAccepted,
      rejected: result.rowsRejected,
      columns: parsed.columns,
    });
    return result;
  }

  updateBalances(balances: Array<{ accountNumber: string; balanceDueCents: number }>): {
    updated: number;
    unknown: string[];
  } {
    const unknown: string[] = [];
    let updated = 0;
    for (const b of balances) {
      const index = this.world.indexOf(b.accountNumber);
      if (index < 0) {
        unknown.push(b.accountNumber);
        continue;
      }
      this.world.icBalance[index] = b.balanceDueCents;
      updated++;
    }
    this.balanceUpdateCalls++;
    this.balanceUpdateRecords += updated;
    return { updated, unknown };
  }

  /** Empty or missing fields leave the stored value unchanged (assumed, as ASMX forms send every field). */
  updateCustomer(update: CustomerEdit): boolean {
    const index = this.world.indexOf(update.accountNumber);
    if (index < 0) return false;
    const current = this.customer(index);
    const keep = (v: string | undefined, old: string) => (v === undefined || v === '' ? old : v);
    const override: ProfileOverride = { ...this.profileOverrides.get(index) };
    for (const k of ['customerName', 'address1', 'address2', 'city', 'state', 'zip'] as const) {
      if (update[k]) override[k] = update[k];
    }
    this.profileOverrides.set(index, override);
    this.world.icContact.set(index, {
      email: keep(update.emailAddress, current.email),
      phone: keep(update.phone, current.phone),
    });
    this.customerUpdates++;
    return true;
  }
}

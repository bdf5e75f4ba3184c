/**
 * Bills in compact columns (typed arrays that grow by doubling): one row per issued bill. The
 * invoice number encodes (period, account) so a lookup needs no index beyond the per-account
 * chain of rows.
 */
export interface BillRow {
  /** 1-based issue order: the "issued since" cursor of InHANCE's bills list. */
  seq: number;
  accountIndex: number;
  /** Months since year 0 (year * 12 + month0). */
  period: number;
  issuedAt: number;
  chargesCents: number;
  /** Account balance right after the bill: the bill's total amount due. */
  totalCents: number;
}

export class BillStore {
  private account = new Int32Array(1024);
  private period = new Uint16Array(1024);
  private issued = new Float64Array(1024);
  private charges = new Int32Array(1024);
  private total = new Int32Array(1024);
  private prev = new Int32Array(1024);
  private size = 0;
  /** Per account: row of its latest bill, or -1. */
  readonly latest: Int32Array;

  constructor(accounts: number) {
    this.latest = new Int32Array(accounts).fill(-1);
  }

  get count(): number {
    return this.size;
  }

  private grow(): void {
    const cap = this.account.length * 2;
    const g = <T extends Int32Array | Uint16Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.account = g(this.account, (n) => new Int32Array(n));
    this.period = g(this.period, (n) => new Uint16Array(n));
    this.issued = g(this.issued, (n) => new Float64Array(n));
    this.charges = g(this.charges, (n) => new Int32Array(n));
    this.total = g(this.total, (n) => new Int32Array(n));
    this.prev = g(this.prev, (n) => new Int32Array(n));
  }

  add(accountIndex: number, period: number, issuedAt: number, chargesCents: number, totalCents: number): number {
    if (this.size === this.account.length) this.grow();
    const row = this.size++;
    this.account[row] = accountIndex;
    this.period[row] = period;
    this.issued[row] = issuedAt;
    this.charges[row] = chargesCents;
    this.total[row] = totalCents;
    this.prev[row] = this.latest[accountIndex]!;
    this.latest[accountIndex] = row;
    return row;
  }

  row(row: number): BillRow {
    return {
      seq: row + 1,
      accountIndex: this.account[row]!,
      period: this.period[row]!,
      issuedAt: this.issued[row]!,
      chargesCents: this.charges[row]!,
      totalCents: this.total[row]!,
    };
  }

  /** Row of an account's bill for a period, or -1. */
  find(accountIndex: number, period: number): number {
    let row = this.latest[accountIndex] ?? -1;
    while (row >= 0) {
      if (this.period[row] === period) return row;
      row = this.prev[row]!;
    }
    return -1;
  }

  issuedAt(row: number): number {
    return this.issued[row]!;
  }
}

/** `2503-0012345`: YYMM of the period + the account's 7-digit customer number. */
export function invoiceNumberOf(period: number, accountIndex: number): string {
  const year = Math.floor(period / 12) % 100;
  const month = (period % 12) + 1;
  return `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}-${String(accountIndex + 1).padStart(7, '0')}`;
}

/** Inverse of invoiceNumberOf (century assumed 2000s), or null. */
export function parseInvoiceNumber(invoiceNumber: string): { period: number; accountIndex: number } | null {
  const m = /^(\d{2})(\d{2})-(\d{7})$/.exec(invoiceNumber.trim());
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { period: (2000 + Number(m[1])) * 12 + month - 1, accountIndex: Number(m[3]) - 1 };
}

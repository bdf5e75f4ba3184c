/** Bits of World.flags: IC's and InHANCE's views of enrollment are kept apart on purpose. */
export const FLAG = {
  registered: 1,
  icPaperless: 2,
  icAutopay: 4,
  inhPaperless: 8,
  inhAutopay: 16,
} as const;

export interface ContactOverride {
  email: string;
  phone: string;
}

/** Dummy bank info InHANCE keeps for an autopay account. */
export interface BankInfo {
  bankName: string;
  routingNumber: string;
  accountLast4: string;
}

/**
 * InHANCE's account change cursor. Every account starts at version index+1; a change gives it the
 * next version and appends it to a log, so "changed since N" is a scan, not a sort.
 */
export class AccountChangeLog {
  private readonly versions: Float64Array;
  private readonly updated: Float64Array;
  private log = new Int32Array(1024);
  private logSize = 0;

  constructor(
    private readonly accounts: number,
    startAt: number,
  ) {
    this.versions = new Float64Array(accounts);
    this.updated = new Float64Array(accounts).fill(startAt);
    for (let i = 0; i < accounts; i++) this.versions[i] = i + 1;
  }

  version(index: number): number {
    return this.versions[index]!;
  }

  updatedAt(index: number): number {
    return this.updated[index]!;
  }

  get latest(): number {
    return this.accounts + this.logSize;
  }

  bump(index: number, at: number): void {
    if (this.logSize === this.log.length) {
      const bigger = new Int32Array(this.log.length * 2);
      bigger.set(this.log);
      this.log = bigger;
    }
    this.log[this.logSize++] = index;
    this.versions[index] = this.accounts + this.logSize;
    this.updated[index] = at;
  }

  /** Indexes of accounts whose version is above `cursor`, in version order, at most `limit` (+1 to tell "more"). */
  since(cursor: number, limit: number): { indexes: number[]; hasMore: boolean } {
    const out: number[] = [];
    const start = Math.max(0, Math.floor(cursor));
    for (let i = start; i < this.accounts && out.length <= limit; i++) {
      if (this.versions[i] === i + 1) out.push(i);
    }
    for (let k = Math.max(0, start - this.accounts); k < this.logSize && out.length <= limit; k++) {
      const index = this.log[k]!;
      if (this.versions[index] === this.accounts + k + 1) out.push(index);
    }
    const hasMore = out.length > limit;
    return { indexes: out.slice(0, limit), hasMore };
  }
}

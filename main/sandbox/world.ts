import {
  accountIndexOf,
  accountNumberOf,
  accountProfile,
  cycleDay,
  draw,
  initialFlags,
  initialStatus,
  periodCharges,
  STATUS_CODES,
  unknownAccountNumber,
  type AccountProfile,
  type AccountStatus,
} from './world-accounts';
import { BillStore, invoiceNumberOf, parseInvoiceNumber } from './world-bills';
import {
  compareEvents,
  generateSlot,
  type PendingEvent,
  type SimAutopayChange,
  type SimCustomerChange,
  type SimPayment,
  type SlotContext,
} from './world-events';
import { Rng, seedNumber } from './rng';
import { DAY, instantOfLocal, localDate } from './time';
import { AccountChangeLog, FLAG, type BankInfo, type ContactOverride } from './world-state';
import { serviceArea, type Town } from './words';

export type { AccountStatus, AccountProfile } from './world-accounts';
export type { SimPayment, SimCustomerChange, SimAutopayChange } from './world-events';

const HOUR = 3_600_000;
/** The default sim start: Monday 3 March 2025, 9:00 in New York. Fixed so runs are reproducible. */
export const DEFAULT_START = Date.UTC(2025, 2, 3, 14, 0, 0);
export const DEFAULT_TIME_ZONE = 'America/New_York';
/** The dummy bank InHANCE gets for an autopay account: IC holds the real bank data. */
export const DUMMY_BANK: BankInfo = {
  bankName: 'INVOICECLOUD AUTOPAY',
  routingNumber: '000000000',
  accountLast4: '0000',
};

export interface WorldOptions {
  seed: string | number;
  accounts: number;
  /** The sim clock's start (an instant); defaults to DEFAULT_START. */
  startAt?: number;
  timeZone?: string;
  /** Days of IC feed already published before the start (so the first download finds payments). */
  historyDays?: number;
}

/** InHANCE's view of an account. */
export interface InhanceAccount extends AccountProfile {
  status: AccountStatus;
  balanceCents: number;
  paperless: boolean;
  autopay: { enrolled: boolean; bank: BankInfo | null };
  updatedAt: number;
  version: number;
}

/** IC's view of a customer (ViewCustomerRecord). */
export interface IcCustomer extends AccountProfile {
  registered: boolean;
  registrationDate: number | null;
  paperless: boolean;
  autopay: boolean;
  balanceCents: number;
}

/**
 * One deterministic world both simulators draw from. Per-account facts are derived from
 * (seed, index) on demand; what changes is kept in typed arrays and small sparse maps, so
 * 250,000 accounts fit in a few megabytes.
 */
export class World {
  readonly seed: string;
  readonly seedN: number;
  readonly accounts: number;
  readonly timeZone: string;
  /** The towns this utility serves, from its time zone: one state, as a real utility. */
  readonly area: readonly Town[];
  readonly startAt: number;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  /** InHANCE balance, cents. */
  readonly balance: Int32Array;
  /** IC's balance, cents (changed only by uploads and balance updates). */
  readonly icBalance: Int32Array;
  readonly bills: BillStore;
  /** Bills issued before the start are already at IC; rows below this count. */
  readonly initialBillCount: number;
  /** Accounts whose IC balance was made to differ from InHANCE (Balance All must find them). */
  readonly mismatches: number[];
  readonly changes: AccountChangeLog;
  readonly payments: SimPayment[] = [];
  readonly customerChanges: SimCustomerChange[] = [];
  readonly autopayChanges: SimAutopayChange[] = [];
  readonly inhanceContact = new Map<number, ContactOverride>();
  readonly icContact = new Map<number, ContactOverride>();
  readonly autopayBank = new Map<number, BankInfo>();
  private clock: number;
  private nextSlot: number;
  private pending: PendingEvent[] = [];
  private readonly ctx: SlotContext;

  constructor(options: WorldOptions) {
    if (!Number.isInteger(options.accounts) || options.accounts < 1 || options.accounts > 9_000_000)
      throw new Error('accounts must be a whole number from 1 to 9,000,000');
    this.seed = String(options.seed);
    this.seedN = seedNumber(options.seed);
    this.accounts = options.accounts;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.area = serviceArea(this.timeZone);
    this.startAt = options.startAt ?? DEFAULT_START;
    const n = this.accounts;
    this.status = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.balance = new Int32Array(n);
    this.icBalance = new Int32Array(n);
    this.bills = new BillStore(n);
    this.changes = new AccountChangeLog(n, this.startAt);
    this.ctx = {
      seed: this.seedN,
      accounts: n,
      localHour: (t) => localDate(this.timeZone, t).getUTCHours(),
      accountNumber: (i) => accountNumberOf(this.seedN, i),
      unknownAccountNumber: (k) => unknownAccountNumber(n, k),
      customerName: (i) => accountProfile(this.seedN, i, this.area).customerName,
      latestBill: (i, t) => {
        const period = this.latestPeriod(i, t);
        return { invoiceNumber: invoiceNumberOf(period, i), chargesCents: periodCharges(this.seedN, i, period) };
      },
    };
    this.seedAccounts();
    this.initialBillCount = this.bills.count;
    this.mismatches = this.seedMismatches();
    this.clock = this.startAt - (options.historyDays ?? 3) * DAY;
    this.nextSlot = Math.floor(this.clock / HOUR);
    this.releaseUntil(this.startAt);
  }

  now(): number {
    return this.clock;
  }

  /** Moves the sim clock forward, publishing what IC and InHANCE produce in that time. */
  advance(ms: number): { payments: number; customerChanges: number; autopayChanges: number; bills: number } {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance needs a non-negative number of milliseconds');
    const before = {
      p: this.payments.length,
      c: this.customerChanges.length,
      a: this.autopayChanges.length,
      b: this.bills.count,
    };
    this.releaseUntil(this.clock + ms);
    return {
      payments: this.payments.length - before.p,
      customerChanges: this.customerChanges.length - before.c,
      autopayChanges: this.autopayChanges.length - before.a,
      bills: this.bills.count - before.b,
    };
  }

  private releaseUntil(target: number): void {
    const startSlot = Math.floor(this.startAt / HOUR);
    while (this.nextSlot * HOUR <= target) {
      const slot = this.nextSlot++;
      this.pending.push(...generateSlot(this.ctx, slot));
      const local = localDate(this.timeZone, slot * HOUR);
      // Bills go out at 06:00 local on each account's cycle day, from the start on.
      if (slot >= startSlot && local.getUTCHours() === 6 && slot * HOUR > this.startAt) {
        this.pending.push({
          at: slot * HOUR,
          key: `${String(slot).padStart(9, '0')}:bills`,
          type: 'bills',
          day: local.getUTCDate(),
          month0: local.getUTCMonth(),
          year: local.getUTCFullYear(),
        });
      }
    }
    this.pending.sort(compareEvents);
    let i = 0;
    while (i < this.pending.length && this.pending[i]!.at <= target) {
      const event = this.pending[i++]!;
      this.clock = Math.max(this.clock, event.at);
      this.apply(event);
    }
    this.pending.splice(0, i);
    this.clock = Math.max(this.clock, target);
  }

  private apply(event: PendingEvent): void {
    switch (event.type) {
      case 'payment':
        this.payments.push({ ...event.payment, seq: this.payments.length + 1 });
        return;
      case 'bills':
        return this.issueBills(event.year, event.month0, event.day, event.at);
      case 'customer': {
        const i = event.accountIndex;
        this.flags[i]! |= FLAG.registered;
        const current = this.icCustomer(i);
        const rng = new Rng(event.draw);
        const change: SimCustomerChange = {
          seq: this.customerChanges.length + 1,
          accountIndex: i,
          changeDate: event.at,
          kind: event.kind,
          paperless: current.paperless,
          email: current.email,
          phone: current.phone,
        };
        if (event.kind === 'paperless') change.paperless = !current.paperless;
        if (event.kind === 'email')
          change.email = `${current.customerName
            .split(' ')[0]!
            .toLowerCase()
            .replace(/[^a-z]/g, '')}${rng.int(10, 9999)}@example.net`;
        if (event.kind === 'phone')
          change.phone = `${rng.int(201, 989)}-${rng.int(200, 999)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
        this.setFlag(i, FLAG.icPaperless, change.paperless);
        this.icContact.set(i, { email: change.email, phone: change.phone });
        this.customerChanges.push(change);
        return;
      }
      case 'autopay': {
        const i = event.accountIndex;
        this.flags[i]! |= FLAG.registered;
        const enrolled = this.status[i] === 0 ? !(this.flags[i]! & FLAG.icAutopay) : false;
        this.setFlag(i, FLAG.icAutopay, enrolled);
        this.autopayChanges.push({
          seq: this.autopayChanges.length + 1,
          accountIndex: i,
          changeDate: event.at,
          enrolled,
          paymentType: event.draw % 5 === 0 ? 'card' : 'ach',
        });
        return;
      }
    }
  }

  private setFlag(i: number, flag: number, on: boolean): void {
    this.flags[i] = on ? this.flags[i]! | flag : this.flags[i]! & ~flag;
  }

  /** Period (year*12+month0) of an account's latest bill as of `instant`. */
  latestPeriod(index: number, instant: number): number {
    const local = localDate(this.timeZone, instant);
    const c = cycleDay(this.seedN, index);
    const period = local.getUTCFullYear() * 12 + local.getUTCMonth();
    const day = local.getUTCDate();
    return day > c || (day === c && local.getUTCHours() >= 6) ? period : period - 1;
  }

  private seedAccounts(): void {
    const seed = this.seedN;
    const issued = new Map<number, number>();
    for (let i = 0; i < this.accounts; i++) {
      const status = initialStatus(seed, i);
      this.status[i] = status;
      const f = initialFlags(seed, i, status);
      this.flags[i] =
        (f.registered ? FLAG.registered : 0) |
        (f.paperless ? FLAG.icPaperless | FLAG.inhPaperless : 0) |
        (f.autopay ? FLAG.icAutopay | FLAG.inhAutopay : 0);
      const period = this.latestPeriod(i, this.startAt);
      const c = cycleDay(seed, i);
      const issueKey = period * 32 + c;
      let at = issued.get(issueKey);
      if (at === undefined) {
        at = instantOfLocal(this.timeZone, Math.floor(period / 12), period % 12, c, 6);
        issued.set(issueKey, at);
      }
      const charges = periodCharges(seed, i, period);
      const u = draw(seed, i, 20);
      let balance =
        u < 0.35
          ? 0
          : u < 0.85
            ? charges
            : u < 0.95
              ? charges + periodCharges(seed, i, period - 1)
              : -(500 + Math.floor(draw(seed, i, 21) * 4500));
      if (status === 1) balance = 0;
      this.balance[i] = balance;
      this.icBalance[i] = balance;
      this.bills.add(i, period, at, charges, Math.max(balance, charges));
    }
  }

  private seedMismatches(): number[] {
    const rng = new Rng(this.seedN ^ 0x1f2e3d4c);
    const want = Math.min(this.accounts, Math.max(3, Math.min(25, Math.round(this.accounts / 400))));
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < want && tries < want * 50; tries++) {
      const i = rng.int(0, this.accounts - 1);
      if (this.status[i] === 0 || this.accounts < 50) chosen.add(i);
    }
    const list = [...chosen].sort((a, b) => a - b);
    for (const i of list) this.icBalance[i] = this.balance[i]! + (rng.chance(0.5) ? 1 : -1) * rng.int(100, 9999);
    return list;
  }

  private issueBills(year: number, month0: number, day: number, at: number): void {
    const period = year * 12 + month0;
    for (let i = 0; i < this.accounts; i++) {
      if (this.status[i] === 1 || cycleDay(this.seedN, i) !== day) continue;
      if (this.bills.find(i, period) >= 0) continue;
      const charges = periodCharges(this.seedN, i, period);
      const total = this.balance[i]! + charges;
      this.balance[i] = total;
      this.bills.add(i, period, at, charges, total);
      this.changes.bump(i, at);
    }
  }

  accountNumber(index: number): string {
    return accountNumberOf(this.seedN, index);
  }

  /** Index of an account number, or -1 when this world has no such account. */
  indexOf(accountNumber: string): number {
    return accountIndexOf(this.seedN, this.accounts, accountNumber);
  }

  profile(index: number): AccountProfile {
    return accountProfile(this.seedN, index, this.area);
  }

  inhanceAccount(index: number): InhanceAccount {
    const p = accountProfile(this.seedN, index, this.area);
    const contact = this.inhanceContact.size ? this.inhanceContact.get(index) : undefined;
    const flags = this.flags[index]!;
    const enrolled = (flags & FLAG.inhAutopay) !== 0;
    // Field by field, not a spread of the profile: the spread cost eight times the profile itself
    // on a page of 1,000 accounts.
    return {
      index: p.index,
      accountNumber: p.accountNumber,
      customerId: p.customerId,
      customerName: p.customerName,
      address1: p.address1,
      address2: p.address2,
      city: p.city,
      state: p.state,
      zip: p.zip,
      email: contact?.email ?? p.email,
      phone: contact?.phone ?? p.phone,
      loginName: p.loginName,
      status: STATUS_CODES[this.status[index]!]!,
      balanceCents: this.balance[index]!,
      paperless: (flags & FLAG.inhPaperless) !== 0,
      autopay: { enrolled, bank: enrolled ? (this.autopayBank.get(index) ?? DUMMY_BANK) : null },
      updatedAt: this.changes.updatedAt(index),
      version: this.changes.version(index),
    };
  }

  icCustomer(index: number): IcCustomer {
    const p = accountProfile(this.seedN, index, this.area);
    const contact = this.icContact.size ? this.icContact.get(index) : undefined;
    const flags = this.flags[index]!;
    const registered = (flags & FLAG.registered) !== 0;
    // Field by field, as inhanceAccount.
    return {
      index: p.index,
      accountNumber: p.accountNumber,
      customerId: p.customerId,
      customerName: p.customerName,
      address1: p.address1,
      address2: p.address2,
      city: p.city,
      state: p.state,
      zip: p.zip,
      email: contact?.email ?? p.email,
      phone: contact?.phone ?? p.phone,
      loginName: p.loginName,
      registered,
      registrationDate: registered ? this.startAt - (30 + Math.floor(draw(this.seedN, index, 22) * 700)) * DAY : null,
      paperless: (flags & FLAG.icPaperless) !== 0,
      autopay: (flags & FLAG.icAutopay) !== 0,
      balanceCents: this.icBalance[index]!,
    };
  }

  /** InHANCE side writes (the Impresa simulator calls these); each bumps the account's version. */
  setInhanceContact(index: number, patch: { email?: string; phone?: string; paperless?: boolean }, at: number): void {
    const current = this.inhanceAccount(index);
    this.inhanceContact.set(index, { email: patch.email ?? current.email, phone: patch.phone ?? current.phone });
    if (patch.paperless !== undefined) this.setFlag(index, FLAG.inhPaperless, patch.paperless);
    this.changes.bump(index, at);
  }

  setInhanceAutopay(index: number, bank: BankInfo | null, at: number): void {
    this.setFlag(index, FLAG.inhAutopay, bank !== null);
    if (bank) this.autopayBank.set(index, bank);
    else this.autopayBank.delete(index);
    this.changes.bump(index, at);
  }

  adjustBalance(index: number, deltaCents: number, at: number): void {
    this.balance[index] = this.balance[index]! + deltaCents;
    this.changes.bump(index, at);
  }

  /** Bill row of an invoice number, or -1. */
  findBill(invoiceNumber: string): number {
    const parsed = parseInvoiceNumber(invoiceNumber);
    if (!parsed || parsed.accountIndex >= this.accounts) return -1;
    return this.bills.find(parsed.accountIndex, parsed.period);
  }
}

import { mix, Rng } from './rng';
import { CARD_TYPES } from './words';

/**
 * What InvoiceCloud publishes over time: payments (card and ACH, with convenience fees),
 * reversals, ACH returns, repeated deliveries, and customer / autopay changes. Each hour slot is
 * generated from (seed, slot) alone, so the stream does not depend on how time was advanced.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type PaymentRecordType = 'Payment' | 'Reversal' | 'Return';
export type NachaReturnCode = 'R01' | 'R02' | 'R03';

export const NACHA_REASONS: Record<NachaReturnCode, string> = {
  R01: 'Insufficient Funds',
  R02: 'Account Closed',
  R03: 'No Account/Unable to Locate Account',
};

/** One record of IC's payment feed as the simulator holds it. */
export interface SimPayment {
  /** Position in IC's feed (1-based); assigned when the record becomes visible. */
  seq: number;
  recordType: PaymentRecordType;
  paymentGuid: string;
  /** For a reversal or return: the payment it undoes. */
  originalPaymentGuid: string | null;
  /** When the money moved (payment) or was taken back (reversal/return). */
  paymentDate: number;
  accountNumber: string;
  invoiceNumber: string;
  customerName: string;
  amountCents: number;
  convenienceFeeCents: number;
  paymentType: 'card' | 'ach';
  cardType: string;
  returnCode: NachaReturnCode | null;
  message: string;
  /** True on IC's second delivery of the same record. */
  redelivery: boolean;
}

export interface SimCustomerChange {
  seq: number;
  accountIndex: number;
  changeDate: number;
  kind: 'paperless' | 'email' | 'phone';
  /** Resolved when the change becomes visible (a paperless change toggles the current value). */
  paperless: boolean;
  email: string;
  phone: string;
}

export interface SimAutopayChange {
  seq: number;
  accountIndex: number;
  changeDate: number;
  enrolled: boolean;
  paymentType: 'card' | 'ach';
}

export type PendingEvent =
  | { at: number; key: string; type: 'payment'; payment: Omit<SimPayment, 'seq'> }
  | { at: number; key: string; type: 'customer'; accountIndex: number; kind: SimCustomerChange['kind']; draw: number }
  | { at: number; key: string; type: 'autopay'; accountIndex: number; draw: number }
  | { at: number; key: string; type: 'bills'; day: number; month0: number; year: number };

/** What slot generation needs to know about the world (all pure functions of seed and index). */
export interface SlotContext {
  seed: number;
  accounts: number;
  localHour(instant: number): number;
  accountNumber(index: number): string;
  unknownAccountNumber(k: number): string;
  customerName(index: number): string;
  /** Invoice number and charges of the latest bill as of `instant`. */
  latestBill(index: number, instant: number): { invoiceNumber: string; chargesCents: number };
}

/** Relative activity by local hour (people pay bills in the day and evening). */
const HOURLY = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.6, 1.6, 1.5, 1.5, 1.4, 1.4, 1.4, 1.5, 1.6, 1.6, 1.4, 1.1, 0.7,
  0.4,
];
const HOURLY_MEAN = HOURLY.reduce((a, b) => a + b, 0) / HOURLY.length;

/** Expected events per account per 30 days. */
export const RATES = { payments: 0.6, customerChanges: 0.15, autopayChanges: 0.05 } as const;

function count(rng: Rng, perAccountMonthly: number, accounts: number, hourFactor: number): number {
  const lambda = ((perAccountMonthly * accounts) / 720) * hourFactor;
  const whole = Math.floor(lambda);
  return whole + (rng.next() < lambda - whole ? 1 : 0);
}

const key = (slot: number, n: number, sub = 0) =>
  `${String(slot).padStart(9, '0')}:${String(n).padStart(6, '0')}:${sub}`;

/** Everything IC will publish that originates in hour `slot` (hours since the Unix epoch). */
export function generateSlot(ctx: SlotContext, slot: number): PendingEvent[] {
  const start = slot * HOUR;
  const rng = new Rng(mix(ctx.seed, slot ^ 0x5a5a5a5a));
  const factor = HOURLY[ctx.localHour(start)]! / HOURLY_MEAN;
  const events: PendingEvent[] = [];
  const payments = count(rng, RATES.payments, ctx.accounts, factor);
  for (let n = 0; n < payments; n++) {
    const at = start + Math.floor(rng.next() * HOUR);
    const unknown = rng.chance(0.015);
    const index = rng.int(0, ctx.accounts - 1);
    const ach = rng.chance(0.4);
    const bill = ctx.latestBill(index, at);
    const shape = rng.next();
    const amountCents =
      shape < 0.7 ? bill.chargesCents : shape < 0.9 ? rng.int(2, 10) * 1000 : bill.chargesCents + rng.int(1, 50) * 100;
    const payment: Omit<SimPayment, 'seq'> = {
      recordType: 'Payment',
      paymentGuid: rng.guid(),
      originalPaymentGuid: null,
      paymentDate: at,
      accountNumber: unknown ? ctx.unknownAccountNumber(mix(ctx.seed, slot * 1000 + n)) : ctx.accountNumber(index),
      invoiceNumber: unknown ? '' : bill.invoiceNumber,
      customerName: ctx.customerName(index),
      amountCents,
      convenienceFeeCents: 295 + 5 * rng.int(0, 10),
      paymentType: ach ? 'ach' : 'card',
      cardType: ach ? '' : rng.pick(CARD_TYPES),
      returnCode: null,
      message: ach ? 'ACH payment accepted' : 'Approved',
      redelivery: false,
    };
    events.push({ at, key: key(slot, n), type: 'payment', payment });
    // IC sometimes hands the same payment over twice (a retried postback): the feed repeats it.
    if (rng.chance(0.01)) {
      events.push({
        at: at + rng.int(5, 60) * 60_000,
        key: key(slot, n, 1),
        type: 'payment',
        payment: { ...payment, redelivery: true },
      });
    }
    const undo = rng.next();
    if (ach && undo < 0.04) {
      const u = rng.next();
      const code: NachaReturnCode = u < 0.6 ? 'R01' : u < 0.85 ? 'R02' : 'R03';
      const when = at + rng.int(2, 4) * DAY + rng.int(0, 8) * HOUR;
      events.push({
        at: when,
        key: key(slot, n, 2),
        type: 'payment',
        payment: {
          ...payment,
          recordType: 'Return',
          paymentGuid: rng.guid(),
          originalPaymentGuid: payment.paymentGuid,
          paymentDate: when,
          returnCode: code,
          message: `ACH return ${code}: ${NACHA_REASONS[code]}`,
        },
      });
    } else if (!ach && undo < 0.01) {
      const when = at + rng.int(1, 5) * DAY + rng.int(0, 8) * HOUR;
      events.push({
        at: when,
        key: key(slot, n, 3),
        type: 'payment',
        payment: {
          ...payment,
          recordType: 'Reversal',
          paymentGuid: rng.guid(),
          originalPaymentGuid: payment.paymentGuid,
          paymentDate: when,
          message: 'Card payment reversed (chargeback)',
        },
      });
    }
  }
  const changes = count(rng, RATES.customerChanges, ctx.accounts, factor);
  for (let n = 0; n < changes; n++) {
    const u = rng.next();
    const kind = u < 0.4 ? 'paperless' : u < 0.75 ? 'email' : 'phone';
    events.push({
      at: start + Math.floor(rng.next() * HOUR),
      key: key(slot, 100_000 + n),
      type: 'customer',
      accountIndex: rng.int(0, ctx.accounts - 1),
      kind,
      draw: rng.nextU32(),
    });
  }
  const autopay = count(rng, RATES.autopayChanges, ctx.accounts, factor);
  for (let n = 0; n < autopay; n++) {
    events.push({
      at: start + Math.floor(rng.next() * HOUR),
      key: key(slot, 200_000 + n),
      type: 'autopay',
      accountIndex: rng.int(0, ctx.accounts - 1),
      draw: rng.nextU32(),
    });
  }
  return events;
}

export function compareEvents(a: PendingEvent, b: PendingEvent): number {
  return a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

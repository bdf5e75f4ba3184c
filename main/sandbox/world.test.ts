import { describe, expect, it } from 'vitest';
import { World } from './world';

const HOUR = 3_600_000;

function fingerprint(w: World): string {
  const parts: string[] = [];
  for (let i = 0; i < w.accounts; i += 7) {
    const a = w.inhanceAccount(i);
    parts.push(
      `${a.accountNumber}|${a.customerName}|${a.address1}|${a.status}|${a.balanceCents}|${w.icBalance[i]}|${a.email}|${a.paperless}`,
    );
  }
  for (const p of w.payments)
    parts.push(
      `${p.seq}|${p.paymentGuid}|${p.accountNumber}|${p.amountCents}|${p.convenienceFeeCents}|${p.recordType}`,
    );
  for (const c of w.customerChanges) parts.push(`${c.seq}|${c.accountIndex}|${c.kind}|${c.email}`);
  return parts.join('\n');
}

describe('World', () => {
  it('is the same for the same seed and different for another seed', () => {
    const a = new World({ seed: 'alpha', accounts: 800 });
    const b = new World({ seed: 'alpha', accounts: 800 });
    const c = new World({ seed: 'beta', accounts: 800 });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
    a.advance(5 * 24 * HOUR);
    b.advance(5 * 24 * HOUR);
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('serves one area: every customer lives in the utility’s own state, with that area’s phone codes', () => {
    const states = (w: World) => new Set(Array.from({ length: w.accounts }, (_, i) => w.profile(i).state));
    const ny = new World({ seed: 'area', accounts: 2000 });
    expect([...states(ny)]).toEqual(['NY']);
    const chicago = new World({ seed: 'area', accounts: 2000, timeZone: 'America/Chicago' });
    expect([...states(chicago)]).toEqual(['IL']);
    const phones = new Set(
      Array.from({ length: 2000 }, (_, i) => chicago.profile(i).phone.slice(0, 3)).filter(Boolean),
    );
    expect([...phones].every((code) => ['217', '309'].includes(code))).toBe(true);
    // More than one town, and the same towns for the same seed.
    const towns = new Set(Array.from({ length: 2000 }, (_, i) => ny.profile(i).city));
    expect(towns.size).toBeGreaterThan(3);
    expect(new World({ seed: 'area', accounts: 2000 }).profile(17)).toEqual(ny.profile(17));
  });

  it('publishes the same feed whether time is advanced in one step or many', () => {
    const one = new World({ seed: 7, accounts: 500 });
    const many = new World({ seed: 7, accounts: 500 });
    one.advance(3 * 24 * HOUR);
    for (let i = 0; i < 72; i++) many.advance(HOUR);
    expect(fingerprint(many)).toBe(fingerprint(one));
    expect(many.bills.count).toBe(one.bills.count);
  });

  it('has realistic accounts: statuses, enrollments, numbers that resolve back to their account', () => {
    const w = new World({ seed: 1, accounts: 2000 });
    const statuses = { active: 0, closed: 0, final: 0 };
    let registered = 0;
    let paperless = 0;
    let autopay = 0;
    for (let i = 0; i < w.accounts; i++) {
      const a = w.inhanceAccount(i);
      statuses[a.status]++;
      const ic = w.icCustomer(i);
      if (ic.registered) registered++;
      if (ic.paperless) paperless++;
      if (ic.autopay) autopay++;
      expect(w.indexOf(a.accountNumber)).toBe(i);
      expect(Number.isInteger(a.balanceCents)).toBe(true);
    }
    expect(statuses.closed).toBeGreaterThan(20);
    expect(statuses.final).toBeGreaterThan(10);
    expect(statuses.active).toBeGreaterThan(1800);
    expect(registered).toBeGreaterThan(700);
    expect(paperless).toBeGreaterThan(200);
    expect(autopay).toBeGreaterThan(100);
    expect(w.indexOf('9999999-99')).toBe(-1);
  });

  it('streams card and ACH payments with fees apart from amounts, unknown accounts, returns and repeats', () => {
    const w = new World({ seed: 'feed', accounts: 3000 });
    w.advance(10 * 24 * HOUR);
    const payments = w.payments.filter((p) => p.recordType === 'Payment');
    expect(payments.length).toBeGreaterThan(300);
    for (const p of payments) {
      expect(p.convenienceFeeCents).toBeGreaterThanOrEqual(295);
      expect(p.convenienceFeeCents).toBeLessThanOrEqual(345);
      expect(p.amountCents).toBeGreaterThan(0);
      expect(Number.isInteger(p.amountCents)).toBe(true);
    }
    expect(payments.some((p) => p.paymentType === 'ach')).toBe(true);
    expect(payments.some((p) => p.paymentType === 'card' && p.cardType !== '')).toBe(true);
    expect(payments.some((p) => w.indexOf(p.accountNumber) === -1)).toBe(true);
    expect(payments.some((p) => w.status[w.indexOf(p.accountNumber)] === 1)).toBe(true);
    const returns = w.payments.filter((p) => p.recordType === 'Return');
    expect(returns.length).toBeGreaterThan(0);
    for (const r of returns) {
      expect(['R01', 'R02', 'R03']).toContain(r.returnCode);
      const original = w.payments.find((p) => p.paymentGuid === r.originalPaymentGuid);
      expect(original?.paymentType).toBe('ach');
      expect(original!.seq).toBeLessThan(r.seq);
    }
    expect(w.payments.some((p) => p.redelivery)).toBe(true);
    expect(w.payments.map((p) => p.seq)).toEqual(w.payments.map((_, i) => i + 1));
  });

  it('issues bills on cycle days, raising InHANCE balances but not IC balances', () => {
    const w = new World({ seed: 3, accounts: 1000 });
    const before = w.bills.count;
    const balances = Array.from(w.balance);
    const ic = Array.from(w.icBalance);
    w.advance(2 * 24 * HOUR);
    expect(w.bills.count).toBeGreaterThan(before);
    const row = w.bills.row(w.bills.count - 1);
    expect(w.balance[row.accountIndex]).toBe(balances[row.accountIndex]! + row.chargesCents);
    expect(w.icBalance[row.accountIndex]).toBe(ic[row.accountIndex]);
    expect(w.changes.since(1000, 10_000).indexes).toContain(row.accountIndex);
  });

  it('makes a handful of deliberate IC/InHANCE balance mismatches and no others', () => {
    const w = new World({ seed: 5, accounts: 2000 });
    const differing: number[] = [];
    for (let i = 0; i < w.accounts; i++) if (w.balance[i] !== w.icBalance[i]) differing.push(i);
    expect(differing).toEqual(w.mismatches);
    expect(differing.length).toBeGreaterThanOrEqual(3);
  });

  it('pages accounts by change cursor, putting changed accounts after the rest', () => {
    const w = new World({ seed: 9, accounts: 50 });
    w.adjustBalance(3, -1000, w.now());
    const first = w.changes.since(0, 100);
    expect(first.indexes.length).toBe(50);
    expect(first.indexes.at(-1)).toBe(3);
    expect(w.changes.since(50, 10).indexes).toEqual([3]);
    expect(w.changes.since(51, 10).indexes).toEqual([]);
  });
});

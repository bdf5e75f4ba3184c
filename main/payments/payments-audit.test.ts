import { describe, expect, it } from 'vitest';
import { describeEntry, parseEntryDetail, type EntryEvent } from './payments-audit';
import { laterNote } from './report-history';

const entry = { amountCents: 12_345, accountNumber: '0001234-00', entryId: 'E42', externalRef: '9b1f3c2a-guid' };

describe('the audit detail of an entry action', () => {
  it('reads the IC reference and the reason back from what the clerk action wrote', () => {
    expect(
      parseEntryDetail('payment.hold', `Held ${describeEntry(entry)}: Waiting on the customer: call back Friday`),
    ).toEqual({
      paymentGuid: '9b1f3c2a-guid',
      reason: 'Waiting on the customer: call back Friday',
    });
    expect(parseEntryDetail('payment.hold', `Held ${describeEntry(entry)}`)).toEqual({
      paymentGuid: '9b1f3c2a-guid',
      reason: null,
    });
    expect(parseEntryDetail('payment.post', `Posted ${describeEntry(entry)}; receipt R7`)).toEqual({
      paymentGuid: '9b1f3c2a-guid',
      reason: null,
    });
    expect(parseEntryDetail('payment.reject', null)).toEqual({ paymentGuid: null, reason: null });
  });

  it("reads a pull's return and payment from what the Payments job wrote", () => {
    expect(
      parseEntryDetail(
        'payment.pull',
        'ACH return R01 (Insufficient funds) of IC payment 9b1f3c2a-guid on account 0001234-00: pulled from the queue; account flagged',
      ),
    ).toEqual({
      paymentGuid: '9b1f3c2a-guid',
      reason: 'ACH return R01 (Insufficient funds)',
    });
  });
});

describe('what came of a hold or rejection later', () => {
  const ev = (id: number, kind: EntryEvent['kind'], over: Partial<EntryEvent> = {}): EntryEvent => ({
    id,
    at: '2025-03-03T15:00:00.000Z',
    actor: 'mlopez',
    actorName: 'Maria Lopez',
    kind,
    entryId: 'E42',
    paymentGuid: 'g',
    reason: null,
    ...over,
  });
  const name = (e: EntryEvent) => e.actorName;
  const tz = 'America/New_York';

  it("the entry's next recorded action, who and when", () => {
    const hold = ev(1, 'hold', { reason: 'Waiting' });
    const history = [
      hold,
      ev(2, 'hold', { entryId: 'E7' }),
      ev(3, 'post', { actorName: 'Jay Patel', at: '2025-03-04T14:05:00.000Z' }),
    ];
    expect(laterNote(hold, history, null, tz, name)).toBe('Later: Posted by Jay Patel at 9:05 AM on Mar 4, 2025');
    const reject = ev(4, 'reject', { reason: 'Wrong utility' });
    expect(laterNote(reject, [reject, ev(5, 'undo')], null, tz, name)).toBe(
      'Later: Rejection undone by Maria Lopez at 10:00 AM on Mar 3, 2025',
    );
    expect(
      laterNote(
        hold,
        [hold, ev(6, 'pull', { actorName: 'IC Clerk (Payments job)', reason: 'ACH return R01 (Insufficient funds)' })],
        null,
        tz,
        name,
      ),
    ).toBe(
      'Later: Pulled from the queue by IC Clerk (Payments job) at 10:00 AM on Mar 3, 2025: ACH return R01 (Insufficient funds)',
    );
  });

  it("else InHANCE's state now when another workstation changed it, else nothing", () => {
    const hold = ev(1, 'hold');
    expect(laterNote(hold, [hold], { state: 'posted', by: 'jpatel', at: '2025-03-05T14:00:00.000Z' }, tz, name)).toBe(
      'Later: posted in InHANCE by jpatel at 9:00 AM on Mar 5, 2025',
    );
    expect(laterNote(hold, [hold], { state: 'held', by: 'mlopez', at: hold.at }, tz, name)).toBe('');
    expect(laterNote(hold, [hold], null, tz, name)).toBe('');
  });
});

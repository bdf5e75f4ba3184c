import { describe, expect, it } from 'vitest';
import type { ImpresaBatchEntry, ImpresaReceipt } from '../clients/impresa';
import { CrashHook } from './crash-hook';
import {
  dayIn,
  exceptionMemo,
  exceptionOf,
  ledgerStateOf,
  localMoment,
  parsePulledReason,
  pulledReason,
  tabOf,
} from './payment-states';

const entry = (over: Partial<ImpresaBatchEntry> = {}): ImpresaBatchEntry => ({
  entryId: 'E000001',
  batchId: 'B000001',
  externalRef: '5f0c8a4e-1111-4222-8333-944455556666',
  accountNumber: '0000123-01',
  originalAccountNumber: '0000123-01',
  amountCents: 12345,
  convenienceFeeCents: 295,
  paymentDate: '2025-03-03',
  paymentType: 'ach',
  invoiceNumber: 'INV-1',
  payerName: 'Ana Silva',
  memo: '',
  state: 'pending',
  stateReason: '',
  stateBy: '',
  stateAt: null,
  receiptId: null,
  installationId: null,
  createdAt: '2025-03-03T14:00:00.000Z',
  ...over,
});

const receipt = (over: Partial<ImpresaReceipt> = {}): ImpresaReceipt => ({
  receiptId: 'R000001',
  externalRef: '5f0c8a4e-1111-4222-8333-944455556666',
  accountNumber: '0000123-01',
  amountCents: 12345,
  convenienceFeeCents: 295,
  paymentDate: '2025-03-03',
  paymentType: 'ach',
  invoiceNumber: 'INV-1',
  source: 'live',
  entryId: null,
  postedBy: 'IC Clerk',
  postedAt: '2025-03-03T15:00:00.000Z',
  installationId: null,
  reversalId: null,
  ...over,
});

describe('markers written into InHANCE', () => {
  it('an exception travels in the entry memo and reads back with its reason', () => {
    const memo = exceptionMemo('account-closed', 'Account 0000123-01 is closed in InHANCE.');
    expect(memo).toBe('[exception:account-closed] Account 0000123-01 is closed in InHANCE.');
    expect(exceptionOf(entry({ memo }))).toEqual({
      kind: 'account-closed',
      reason: 'Account 0000123-01 is closed in InHANCE.',
    });
  });

  it('a reassigned entry is no longer an exception; an unknown kind or a plain memo is none', () => {
    const memo = exceptionMemo('account-not-found', 'Account 9 does not exist.');
    expect(exceptionOf(entry({ memo, accountNumber: '0000456-00' }))).toBeNull();
    expect(exceptionOf(entry({ memo: '[exception:made-up] x' }))).toBeNull();
    expect(exceptionOf(entry({ memo: 'paid at the counter' }))).toBeNull();
  });

  it('a pulled return carries its NACHA code in the rejection reason, and a card reversal says so', () => {
    const reason = pulledReason('return', 'R01', 'Insufficient Funds', 'aa7c0a7e-0000-4000-8000-000000000001');
    expect(reason).toBe('ACH return R01: Insufficient Funds (IC aa7c0a7e-0000-4000-8000-000000000001)');
    expect(parsePulledReason(reason)).toEqual({ kind: 'return', code: 'R01', reason: 'Insufficient Funds' });
    expect(pulledReason('return', 'R02', '', 'g')).toBe('ACH return R02: Account closed (IC g)');
    expect(
      parsePulledReason(pulledReason('reversal', 'REVERSAL', 'Chargeback', 'aa7c0a7e-0000-4000-8000-000000000002')),
    ).toEqual({ kind: 'reversal', code: 'REVERSAL', reason: 'Chargeback' });
    expect(parsePulledReason('Wrong utility')).toBeNull();
  });
});

describe('ledger state from what InHANCE holds', () => {
  it('maps entries and receipts, including take-backs', () => {
    const none = { returnKind: null };
    expect(ledgerStateOf({ entry: null, receipt: null }, none)).toBeNull();
    expect(ledgerStateOf({ entry: entry(), receipt: null }, none)).toBe('queued');
    expect(ledgerStateOf({ entry: entry({ memo: exceptionMemo('account-final', 'x') }), receipt: null }, none)).toBe(
      'exception',
    );
    expect(ledgerStateOf({ entry: entry({ state: 'held' }), receipt: null }, none)).toBe('held');
    expect(
      ledgerStateOf({ entry: entry({ state: 'rejected', stateReason: 'Wrong utility' }), receipt: null }, none),
    ).toBe('rejected');
    expect(
      ledgerStateOf(
        { entry: entry({ state: 'rejected', stateReason: pulledReason('return', 'R03', '', 'g') }), receipt: null },
        none,
      ),
    ).toBe('returned');
    expect(ledgerStateOf({ entry: entry({ state: 'posted' }), receipt: null }, none)).toBe('posted');
    expect(ledgerStateOf({ entry: null, receipt: receipt() }, none)).toBe('posted');
    expect(ledgerStateOf({ entry: null, receipt: receipt({ reversalId: 'V000001' }) }, { returnKind: 'return' })).toBe(
      'returned',
    );
    expect(
      ledgerStateOf({ entry: null, receipt: receipt({ reversalId: 'V000001' }) }, { returnKind: 'reversal' }),
    ).toBe('reversed');
  });

  it('puts a row in its tab', () => {
    const ret = { kind: 'return' as const, code: 'R01', reason: 'x', at: null, action: 'pulled' as const };
    expect(tabOf({ state: 'pending', exception: null, returnInfo: null })).toBe('ready');
    expect(tabOf({ state: 'pending', exception: { kind: 'account-closed' }, returnInfo: null })).toBe('exceptions');
    expect(tabOf({ state: 'held', exception: { kind: 'account-closed' }, returnInfo: null })).toBe('held');
    expect(tabOf({ state: 'rejected', exception: null, returnInfo: null })).toBe('rejected');
    expect(tabOf({ state: 'rejected', exception: null, returnInfo: ret })).toBe('returns');
    expect(tabOf({ state: 'posted', exception: null, returnInfo: null })).toBe('posted');
  });
});

describe('days and moments in the biller’s time zone', () => {
  it('takes the day in the biller’s zone, not UTC', () => {
    expect(dayIn('2025-03-04T03:30:00Z', 'America/New_York')).toBe('2025-03-03');
    expect(dayIn('2025-03-04T05:30:00Z', 'America/New_York')).toBe('2025-03-04');
    expect(dayIn('2025-03-04T03:30:00Z', 'UTC')).toBe('2025-03-04');
  });

  it('says when in words a clerk reads', () => {
    expect(localMoment('2025-03-03T15:42:00Z', 'America/New_York')).toBe('10:42 AM on Mar 3, 2025');
    expect(localMoment(null, 'America/New_York')).toBe('an unknown time');
  });
});

describe('the crash hook (test-only)', () => {
  it('does nothing without IMPRESA_BRIDGE_CRASH_AT, and dies at the n-th arrival at its step otherwise', () => {
    let deaths = 0;
    const hook = new CrashHook({ step: 'written', n: 3 }, () => deaths++);
    for (let i = 0; i < 5; i++) hook.reach('intent');
    hook.reach('written');
    hook.reach('written');
    expect(deaths).toBe(0);
    hook.reach('written');
    expect(deaths).toBe(1);
    hook.reach('written');
    expect(deaths).toBe(1);
    expect(() => CrashHook.fromEnv('')).not.toThrow();
    expect(() => CrashHook.fromEnv('written:2')).not.toThrow();
    expect(() => CrashHook.fromEnv('nowhere:1')).toThrow(/IMPRESA_BRIDGE_CRASH_AT="nowhere:1"/);
    expect(() => CrashHook.fromEnv('written:0')).toThrow();
  });
});

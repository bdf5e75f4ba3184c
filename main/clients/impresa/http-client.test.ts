import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../ground/logger';
import { startSandbox, type Sandbox } from '../../sandbox';
import { failure } from '../testing';
import type { ImpresaExisting } from './client';
import { testImpresaConnection } from './connection-test';
import { HttpImpresaClient } from './http-client';

let sandbox: Sandbox;
const fast = { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const ref = (n: number) => `0f0e0d0c-0000-4000-8000-${String(n).padStart(12, '0')}`;

function client(options: Partial<ConstructorParameters<typeof HttpImpresaClient>[0]> = {}) {
  return new HttpImpresaClient({
    baseUrl: sandbox.impresaBaseUrl,
    username: sandbox.impresaUser,
    password: sandbox.impresaPassword,
    retry: fast,
    ...options,
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: 400, seed: 'impresa-contract' });
});
afterAll(async () => sandbox.close());

describe('HttpImpresaClient against the Impresa simulator', () => {
  it('signs in, lists users, and tests the connection in plain words', async () => {
    const users = await client().listUsers();
    expect(users.map((u) => u.username)).toContain('IC Clerk');
    expect(await testImpresaConnection(client())).toEqual({
      ok: true,
      message: 'InHANCE Impresa accepted the sign-in.',
    });
    const bad = await testImpresaConnection(client({ password: 'wrong-password' }));
    expect(bad).toEqual({ ok: false, message: 'InHANCE Impresa rejected the user name or password.' });
  });

  it('signs in again once when the token expires', async () => {
    const logger = new MemoryLogger();
    const c = client({ logger });
    await c.getAccount(sandbox.world.accountNumber(0));
    sandbox.expireImpresaTokens();
    const account = await c.getAccount(sandbox.world.accountNumber(1));
    expect(account.accountNumber).toBe(sandbox.world.accountNumber(1));
    expect(logger.lines.join('\n')).not.toContain(sandbox.impresaPassword);
  });

  it('pages accounts by change cursor and finds changed ones after the cursor', async () => {
    const c = client();
    let count = 0;
    let cursor = 0;
    for await (const page of c.accountPages({ limit: 150 })) {
      count += page.items.length;
      cursor = page.nextCursor;
    }
    expect(count).toBe(400);
    const number = sandbox.world.accountNumber(7);
    const updated = await c.updateContact(number, { email: 'new.address@example.org', paperless: true });
    expect(updated).toMatchObject({ email: 'new.address@example.org', paperless: true });
    const changed = await c.listAccountsChangedSince({ cursor });
    expect(changed.items.map((a) => a.accountNumber)).toEqual([number]);
  });

  it('searches accounts by number, name and status', async () => {
    const c = client();
    const profile = sandbox.world.profile(12);
    const byNumber = await c.searchAccounts({ number: profile.accountNumber });
    expect(byNumber.map((a) => a.accountNumber)).toEqual([profile.accountNumber]);
    const byName = await c.searchAccounts({ name: profile.customerName.toUpperCase() });
    expect(byName.some((a) => a.accountNumber === profile.accountNumber)).toBe(true);
    const closed = await c.searchAccounts({ status: 'closed', limit: 5 });
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((a) => a.status === 'closed')).toBe(true);
    expect((await failure(c.getAccount('0000000-00'))).code).toBe('IMPRESA_NOT_FOUND');
  });

  it('sets and clears autopay with dummy bank info', async () => {
    const c = client();
    const number = sandbox.world.accountNumber(3);
    const on = await c.setAutopay(number, {
      bankName: 'INVOICECLOUD AUTOPAY',
      routingNumber: '000000000',
      accountLast4: '0000',
    });
    expect(on.autopay).toEqual({
      enrolled: true,
      bank: { bankName: 'INVOICECLOUD AUTOPAY', routingNumber: '000000000', accountLast4: '0000' },
    });
    const off = await c.clearAutopay(number);
    expect(off.autopay).toEqual({ enrolled: false, bank: null });
    expect((await failure(c.setAutopay(number, { bankName: 'x', routingNumber: '12', accountLast4: '1' }))).code).toBe(
      'IMPRESA_PROTOCOL',
    );
  });

  it('lists bills since a cursor, each with a real PDF', async () => {
    const c = client();
    const first = await c.listBillsSince({ cursor: 0, limit: 3 });
    expect(first.items.length).toBe(3);
    expect(first.nextCursor).toBe(3);
    const pdf = await c.fetchBillPdf(first.items[0]!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(first.items[0]!.invoiceNumber);
    expect((await c.getBill(first.items[1]!.invoiceNumber)).accountNumber).toBe(first.items[1]!.accountNumber);
  });

  it('creates batch entries once per external reference and posts them once', async () => {
    const c = client();
    const batch = await c.createBatch({ depositDate: '2025-03-03', installationId: 'install-a' });
    expect(batch.installationId).toBe('install-a');
    const again = await failure(c.createBatch({ depositDate: '2025-03-03', installationId: 'install-b' }));
    expect(again.code).toBe('IMPRESA_CONFLICT');
    expect((again.existing as ImpresaExisting).batch?.installationId).toBe('install-a');

    const account = sandbox.world.inhanceAccount(20);
    const entry = await c.createEntry(batch.batchId, {
      externalRef: ref(1),
      accountNumber: account.accountNumber,
      amountCents: 4321,
      convenienceFeeCents: 295,
      paymentDate: '2025-03-03',
      paymentType: 'card',
      installationId: 'install-a',
    });
    expect(entry).toMatchObject({ state: 'pending', amountCents: 4321, installationId: 'install-a' });
    const dup = await failure(
      c.createEntry(batch.batchId, {
        externalRef: ref(1),
        accountNumber: account.accountNumber,
        amountCents: 4321,
        paymentDate: '2025-03-03',
        paymentType: 'card',
      }),
    );
    expect(dup.code).toBe('IMPRESA_CONFLICT');
    expect((dup.existing as ImpresaExisting).entry?.entryId).toBe(entry.entryId);

    const posted = await c.postEntry(entry.entryId, 'mlopez');
    expect(posted.entry.state).toBe('posted');
    expect(posted.receipt).toMatchObject({ source: 'entry', postedBy: 'mlopez', amountCents: 4321 });
    expect((await c.getAccount(account.accountNumber)).balanceCents).toBe(account.balanceCents - 4321);
    const second = await failure(c.postEntry(entry.entryId, 'jpatel'));
    expect(second.code).toBe('IMPRESA_CONFLICT');
    expect(second.message).toMatch(/already posted by mlopez at 2025-/);
    expect((second.existing as ImpresaExisting).receipt?.receiptId).toBe(posted.receipt.receiptId);
    const lookup = await c.lookupExternalRef(ref(1));
    expect(lookup.entry?.entryId).toBe(entry.entryId);
    expect(lookup.receipt?.receiptId).toBe(posted.receipt.receiptId);
  });

  it('reads batches back one by one and by deposit day, with their running count and total', async () => {
    const c = client();
    const monday = await c.createBatch({
      depositDate: '2025-03-10',
      description: 'IC payments Monday',
      installationId: 'install-a',
    });
    const tuesday = await c.createBatch({ depositDate: '2025-03-11' });
    const entry = (n: number, cents: number) =>
      c.createEntry(monday.batchId, {
        externalRef: ref(300 + n),
        accountNumber: sandbox.world.accountNumber(60 + n),
        amountCents: cents,
        paymentDate: '2025-03-10',
        paymentType: 'card',
      });
    await entry(1, 1250);
    const second = await entry(2, 3075);
    await c.rejectEntry(second.entryId, 'kwong', 'wrong utility');

    // A rejected entry still belongs to its batch: the batch's figures are what was received that day.
    expect(await c.getBatch(monday.batchId)).toEqual({
      batchId: monday.batchId,
      depositDate: '2025-03-10',
      description: 'IC payments Monday',
      installationId: 'install-a',
      createdAt: monday.createdAt,
      entryCount: 2,
      totalCents: 4325,
      icTotalCents: null,
      icCount: null,
      icTotalAt: null,
      icTotalBy: null,
    });
    expect(await c.getBatch(tuesday.batchId)).toMatchObject({
      depositDate: '2025-03-11',
      installationId: null,
      entryCount: 0,
      totalCents: 0,
    });
    expect(
      (await c.listBatches({ depositDate: '2025-03-10' })).map((b) => [b.batchId, b.entryCount, b.totalCents]),
    ).toEqual([[monday.batchId, 2, 4325]]);
    expect(await c.listBatches({ depositDate: '2025-03-12' })).toEqual([]);
    const all = await c.listBatches();
    expect(all.map((b) => b.batchId)).toEqual(expect.arrayContaining([monday.batchId, tuesday.batchId]));
    expect(new Set(all.map((b) => b.depositDate)).size).toBe(all.length);
    const missing = await failure(c.getBatch('B-does-not-exist'));
    expect(missing.code).toBe('IMPRESA_NOT_FOUND');
    expect(missing.message).toMatch(/^InHANCE Impresa GetBatch: /);
  });

  it("carries IC's day total on a batch: set, set again unchanged, changed, validated; batches listed by day range", async () => {
    const c = client();
    const batch = await c.createBatch({ depositDate: '2025-04-07', installationId: 'install-a' });
    const set = await c.setBatchIcTotal(batch.batchId, {
      icTotalCents: 12_345,
      icCount: 3,
      installationId: 'install-a',
    });
    expect(set).toMatchObject({ batchId: batch.batchId, icTotalCents: 12_345, icCount: 3, icTotalBy: 'install-a' });
    expect(set.icTotalAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Idempotent: the same values again change nothing, not even the time they were set.
    sandbox.advance(60_000);
    expect(
      await c.setBatchIcTotal(batch.batchId, { icTotalCents: 12_345, icCount: 3, installationId: 'install-a' }),
    ).toEqual(set);
    const changed = await c.setBatchIcTotal(batch.batchId, {
      icTotalCents: 15_000,
      icCount: 4,
      installationId: 'install-a',
    });
    expect(changed).toMatchObject({ icTotalCents: 15_000, icCount: 4 });
    expect(changed.icTotalAt! > set.icTotalAt!).toBe(true);
    expect(await c.getBatch(batch.batchId)).toEqual(changed);

    const fractional = await failure(c.setBatchIcTotal(batch.batchId, { icTotalCents: 12.5, icCount: 1 }));
    expect([fractional.kind, fractional.status]).toEqual(['PROTOCOL', 400]);
    const negativeCount = await failure(c.setBatchIcTotal(batch.batchId, { icTotalCents: 100, icCount: -1 }));
    expect([negativeCount.kind, negativeCount.status]).toEqual(['PROTOCOL', 400]);
    expect((await c.getBatch(batch.batchId)).icTotalCents).toBe(15_000);
    expect((await failure(c.setBatchIcTotal('B-does-not-exist', { icTotalCents: 1, icCount: 1 }))).code).toBe(
      'IMPRESA_NOT_FOUND',
    );

    await c.createBatch({ depositDate: '2025-04-09' });
    await c.createBatch({ depositDate: '2025-04-12' });
    expect((await c.listBatches({ from: '2025-04-07', to: '2025-04-10' })).map((b) => b.depositDate).sort()).toEqual([
      '2025-04-07',
      '2025-04-09',
    ]);
  });

  it('holds, rejects, undoes and reassigns entries; lists them by state, paged', async () => {
    const c = client();
    const batch = await c.createBatch({ depositDate: '2025-03-04' });
    const make = (n: number, account = sandbox.world.accountNumber(30 + n)) =>
      c.createEntry(batch.batchId, {
        externalRef: ref(100 + n),
        accountNumber: account,
        amountCents: 1000 + n,
        paymentDate: '2025-03-04',
        paymentType: 'ach',
      });
    const a = await make(1);
    const b = await make(2);
    const unknown = await make(3, '9999999-99');
    expect((await c.holdEntry(a.entryId, 'kwong', 'call customer')).state).toBe('held');
    expect((await failure(c.rejectEntry(b.entryId, 'kwong', ''))).code).toBe('IMPRESA_PROTOCOL');
    const rejected = await c.rejectEntry(b.entryId, 'kwong', 'wrong utility');
    expect(rejected).toMatchObject({ state: 'rejected', stateReason: 'wrong utility', stateBy: 'kwong' });
    expect((await failure(c.postEntry(b.entryId, 'kwong'))).code).toBe('IMPRESA_CONFLICT');
    expect((await c.undoEntry(b.entryId, 'kwong')).state).toBe('pending');
    expect((await failure(c.postEntry(unknown.entryId, 'kwong'))).code).toBe('IMPRESA_NOT_FOUND');
    const moved = await c.reassignEntry(unknown.entryId, 'kwong', sandbox.world.accountNumber(40));
    expect(moved).toMatchObject({
      accountNumber: sandbox.world.accountNumber(40),
      originalAccountNumber: '9999999-99',
    });
    const held = await c.listEntries({ state: 'held', batchId: batch.batchId });
    expect(held.items.map((e) => e.entryId)).toEqual([a.entryId]);
    const page1 = await c.listEntries({ batchId: batch.batchId, limit: 2 });
    expect(page1.items.length).toBe(2);
    expect(page1.hasMore).toBe(true);
    const page2 = await c.listEntries({ batchId: batch.batchId, limit: 2, after: page1.nextCursor });
    expect(page2.items.map((e) => e.entryId)).toEqual([unknown.entryId]);
    expect(page2.hasMore).toBe(false);
  });

  it('posts live as IC Clerk once per external reference and reverses with a reason code', async () => {
    const c = client();
    const account = sandbox.world.inhanceAccount(50);
    const receipt = await c.postLive({
      externalRef: ref(200),
      accountNumber: account.accountNumber,
      amountCents: 2500,
      paymentDate: '2025-03-03',
      paymentType: 'ach',
      user: 'IC Clerk',
      installationId: 'install-a',
    });
    expect(receipt).toMatchObject({ source: 'live', postedBy: 'IC Clerk', entryId: null });
    const dup = await failure(
      c.postLive({
        externalRef: ref(200),
        accountNumber: account.accountNumber,
        amountCents: 2500,
        paymentDate: '2025-03-03',
        paymentType: 'ach',
        user: 'IC Clerk',
      }),
    );
    expect((dup.existing as ImpresaExisting).receipt?.receiptId).toBe(receipt.receiptId);
    const reversed = await c.reverseReceipt(receipt.receiptId, {
      user: 'IC Clerk',
      reasonCode: 'R01',
      externalRef: ref(201),
    });
    expect(reversed.reversal).toMatchObject({ reasonCode: 'R01', amountCents: 2500 });
    expect((await c.getAccount(account.accountNumber)).balanceCents).toBe(account.balanceCents);
    expect((await failure(c.reverseReceipt(receipt.receiptId, { user: 'IC Clerk', reasonCode: 'R01' }))).code).toBe(
      'IMPRESA_CONFLICT',
    );
    const listed = await c.listReceipts({ limit: 1000 });
    expect(
      listed.items.some((r) => r.receiptId === receipt.receiptId && r.reversalId === reversed.reversal.reversalId),
    ).toBe(true);
    const summary = sandbox.summary().impresa;
    expect(summary.duplicateExternalRefs).toBe(0);
    expect(summary.reversals.count).toBe(1);
    expect(summary.receipts.byUser['IC Clerk']!.count).toBe(1);
  });

  it('answers nothing-landed lookups with nulls', async () => {
    expect(await client().lookupExternalRef(ref(999))).toEqual({
      externalRef: ref(999),
      entry: null,
      receipt: null,
      reversal: null,
    });
  });
});

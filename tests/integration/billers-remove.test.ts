import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import type { IcPaymentRecord } from '../../main/clients/invoicecloud';
import { PaymentLedger } from '../../main/payments/ledger';
import { icPaymentRecord } from '../../main/payments/testing';
import { KEYCHAIN_SERVICE, loadKeytar } from '../../main/secrets/secret-store';
import { springfieldFields } from '../support/biller-fields';
import { requireSecretService, tempDataDir } from '../support/temp';

const fields = springfieldFields;

const payment: IcPaymentRecord = icPaymentRecord(1, {
  amountCents: 4250,
  accountNumber: '0001-00',
  customerName: 'Customer 1',
});

let core: Core;
let cleanup: () => void;
beforeAll(() => requireSecretService());
afterEach(async () => {
  await core.close();
  cleanup();
});

function start(): Core {
  const tmp = tempDataDir();
  cleanup = tmp.cleanup;
  core = createCore({ dataDir: tmp.dir, shell: 'cli', logger: new MemoryLogger() });
  return core;
}

const remove = (id: string) =>
  core.router.dispatch('billers:remove', { id }, { shell: 'browser', trustedSender: true });

describe('deleting a biller', () => {
  it('is refused while its payments ledger holds a payment: profile, secrets and the payment all stay', async () => {
    start();
    const biller = await core.billers.create(fields);
    await core.billers.setSecret(biller.id, 'web-service-key', 'kept-key');
    new PaymentLedger(core.db).recordPage(biller.id, [payment], '2025-03-03T15:00:00.000Z', null);

    const refused = await remove(biller.id);
    expect(refused).toMatchObject({ error: { code: 'CONFLICT' } });
    expect('error' in refused && refused.error.message).toBe(
      '"Springfield Water" cannot be deleted: its payments ledger holds 1 payment record, and payment records are never deleted. To stop it, pause its jobs on the Jobs screen; to keep a copy elsewhere, export its payments from the Payments screen.',
    );
    expect(core.billers.profiles().map((b) => b.id)).toEqual([biller.id]);
    expect(await loadKeytar().getPassword(KEYCHAIN_SERVICE, `${biller.id}/web-service-key`)).toBe('kept-key');
    expect(core.db.prepare('SELECT amount_cents FROM payments WHERE biller_id = ?').all(biller.id)).toEqual([
      { amount_cents: 4250 },
    ]);
    await core.billers.removeSecret(biller.id, 'web-service-key');
  });

  it('goes through for a biller with no payments, taking its keychain entries along', async () => {
    start();
    const biller = await core.billers.create(fields);
    await core.billers.setSecret(biller.id, 'impresa-password', 'to-be-deleted');
    expect(await remove(biller.id)).toEqual({ result: { ok: true } });
    expect(core.billers.profiles()).toEqual([]);
    expect(await loadKeytar().getPassword(KEYCHAIN_SERVICE, `${biller.id}/impresa-password`)).toBeNull();
  });
});

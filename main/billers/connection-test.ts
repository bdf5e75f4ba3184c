import type { ConnectionResult } from '../../shared/contract/billers';
import { isAppError } from '../../shared/errors';
import type { ClientFactory } from '../clients/client-factory';
import { testImpresaConnection } from '../clients/impresa';
import { testInvoiceCloudConnection } from '../clients/invoicecloud';

const NAMES = { invoicecloud: 'InvoiceCloud', impresa: 'InHANCE Impresa' } as const;

/**
 * "Test connection" for one system of a biller: never throws, always a sentence. It uses probe
 * clients (one try, about 10 s at most), so an unreachable host answers promptly instead of hanging.
 */
export async function testConnection(
  clients: ClientFactory,
  billerId: string,
  system: 'invoicecloud' | 'impresa',
): Promise<ConnectionResult> {
  const started = Date.now();
  let result: { ok: boolean; message: string };
  try {
    const probe = await clients.probe(billerId);
    result =
      system === 'invoicecloud'
        ? await testInvoiceCloudConnection(probe.ic)
        : await testImpresaConnection(probe.impresa);
  } catch (error) {
    // Building the clients failed: a secret is missing or the keychain is locked.
    result = { ok: false, message: isAppError(error) ? error.message : `${NAMES[system]} could not be tested.` };
  }
  return { system, ...result, elapsedMs: Date.now() - started };
}

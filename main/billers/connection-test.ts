import type { ConnectionResult } from '../../shared/contract/billers';
import { isAppError } from '../../shared/errors';
import type { ClientFactory } from '../clients/client-factory';
import { testImpresaConnection } from '../clients/impresa';
import { testInvoiceCloudConnection } from '../clients/invoicecloud';

const NAMES = { invoicecloud: 'InvoiceCloud', impresa: 'InHANCE Impresa' } as const;

/** "Test connection" for one system of a biller: never throws, always a sentence. */
export async function testConnection(clients: ClientFactory, billerId: string, system: 'invoicecloud' | 'impresa'): Promise<ConnectionResult> {
  const started = Date.now();
  let result: { ok: boolean; message: string };
  try {
    result = system === 'invoicecloud' ? await testInvoiceCloudConnection(await clients.invoiceCloud(billerId)) : await testImpresaConnection(await clients.impresa(billerId));
  } catch (error) {
    // Building the clients failed: a secret is missing or the keychain is locked.
    result = { ok: false, message: isAppError(error) ? error.message : `${NAMES[system]} could not be tested.` };
  }
  return { system, ...result, elapsedMs: Date.now() - started };
}

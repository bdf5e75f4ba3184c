import { ClientError } from '../errors';
import type { InvoiceCloudClient } from './client';

export interface ConnectionResult {
  ok: boolean;
  message: string;
}

/** A probe account no real biller has: IC answers "not found" once it accepts the key. */
const PROBE_ACCOUNT = 'IMPRESA-BRIDGE-CONNECTION-TEST';

/**
 * "Test connection" for InvoiceCloud: a harmless read that proves the host answers SOAP and
 * accepts the biller GUID and web service key. The answer is a sentence for the Billers screen.
 */
export async function testInvoiceCloudConnection(client: InvoiceCloudClient): Promise<ConnectionResult> {
  try {
    await client.viewCustomerRecord(PROBE_ACCOUNT);
    return { ok: true, message: 'InvoiceCloud accepted the biller GUID and web service key.' };
  } catch (error) {
    if (!(error instanceof ClientError))
      return { ok: false, message: `InvoiceCloud could not be tested: ${(error as Error).message}` };
    switch (error.kind) {
      case 'NOT_FOUND':
      case 'BUSINESS':
        return { ok: true, message: 'InvoiceCloud accepted the biller GUID and web service key.' };
      case 'AUTH':
        return {
          ok: false,
          message: 'InvoiceCloud rejected the web service key. Check the biller GUID and the web service key.',
        };
      case 'TRANSIENT':
        return {
          ok: false,
          message: `InvoiceCloud could not be reached or failed to answer: ${error.message.replace(/^InvoiceCloud ViewCustomerRecord: /, '')}`,
        };
      default:
        return {
          ok: false,
          message: `InvoiceCloud answered, but not as expected (is the InvoiceCloud host right?): ${error.message.replace(/^InvoiceCloud ViewCustomerRecord: /, '')}`,
        };
    }
  }
}

import { ClientError } from '../errors';
import type { ImpresaClient } from './client';

export interface ConnectionResult {
  ok: boolean;
  message: string;
}

/** "Test connection" for InHANCE Impresa: sign in, then one harmless read. */
export async function testImpresaConnection(client: ImpresaClient): Promise<ConnectionResult> {
  try {
    await client.signIn();
    await client.listUsers();
    return { ok: true, message: 'InHANCE Impresa accepted the sign-in.' };
  } catch (error) {
    if (!(error instanceof ClientError))
      return { ok: false, message: `InHANCE Impresa could not be tested: ${(error as Error).message}` };
    const detail = error.message.replace(/^InHANCE Impresa \w+: /, '');
    switch (error.kind) {
      case 'AUTH':
        return { ok: false, message: 'InHANCE Impresa rejected the user name or password.' };
      case 'TRANSIENT':
        return { ok: false, message: `InHANCE Impresa could not be reached or failed to answer: ${detail}` };
      default:
        return {
          ok: false,
          message: `InHANCE Impresa answered, but not as expected (is the Impresa address right?): ${detail}`,
        };
    }
  }
}

import { ClientError } from './errors';

/** For tests: the ClientError a call fails with; anything else (or success) fails the test. */
export async function failure(p: Promise<unknown>): Promise<ClientError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ClientError) return error;
    throw error;
  }
  throw new Error('expected the call to fail with a ClientError');
}

import { ClientError } from '../errors';
import type { ImpresaExisting } from './schemas';

/**
 * What an InHANCE 409 carries: the record that already holds the external reference (a batch, an
 * entry, a receipt, a reversal), or null for any other error. The client puts it on
 * `ClientError.existing` when InHANCE refuses a second record with the same reference.
 */
export function existingOf(error: unknown): ImpresaExisting | null {
  if (!(error instanceof ClientError) || error.code !== 'IMPRESA_CONFLICT' || !error.existing) return null;
  return error.existing as ImpresaExisting;
}

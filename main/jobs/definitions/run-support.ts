import { AppError, isAppError } from '../../../shared/errors';
import type { BillerClients } from '../../clients/client-factory';
import { ClientError } from '../../clients/errors';
import type { CompiledMapping, CompileOptions } from '../../mapping/apply';
import type { MappingRow } from '../../../shared/domain/mapping';
import type { InvoiceFileSettings } from '../../../shared/contract/bif';
import type { JobContext } from '../job-definition';

/** What the six jobs need from the rest of the app; core.ts builds it from its services. */
export interface JobDeps {
  /** The biller's InvoiceCloud and InHANCE clients (ClientFactory.forBiller). */
  clients(billerId: string): Promise<BillerClients>;
  /** The active CRM field mapping (MappingService.activeForJob). */
  mapping: {
    activeForJob(
      billerId: string,
      options?: CompileOptions,
    ): { version: number; rows: MappingRow[]; compiled: CompiledMapping };
  };
  /** The biller's notification date rules and PDF linking (InvoiceFileSettingsStore). */
  invoiceFileSettings: { get(billerId: string): InvoiceFileSettings };
}

/** Stops between pages once someone cancelled the run (the engine records it as cancelled). */
export function throwIfCancelled(ctx: JobContext): void {
  if (!ctx.signal.aborted) return;
  throw isAppError(ctx.signal.reason) ? ctx.signal.reason : new AppError('CANCELLED', 'The run was cancelled.');
}

/**
 * A client error the job lets through: a failure worth repeating later (a timeout, an answer cut
 * short) becomes *_TRANSIENT, so a scheduled run is retried with backoff by the engine.
 */
export function asJobError(error: unknown): unknown {
  if (error instanceof ClientError && error.retryable && !error.code.endsWith('_TRANSIENT')) {
    return new AppError(error.system === 'InvoiceCloud' ? 'IC_TRANSIENT' : 'IMPRESA_TRANSIENT', error.message, {
      cause: error,
    });
  }
  return error;
}

/** Runs `fn` and rethrows whatever it throws through `asJobError`. */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asJobError(error);
  }
}

/** The biller's clients, with the keychain's "not stored" error left as it is (it says what to do). */
export async function clientsFor(deps: JobDeps, ctx: JobContext): Promise<BillerClients> {
  return deps.clients(ctx.biller.id);
}

/** True for the client's "no such record" answers (IC_NOT_FOUND, IMPRESA_NOT_FOUND). */
export function isNotFound(error: unknown): boolean {
  return isAppError(error) && (error.code === 'IC_NOT_FOUND' || error.code === 'IMPRESA_NOT_FOUND');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A short list for a log line: the first few, then how many more. */
export function sample(items: readonly string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** A cursor value stored as text, read back as a whole number (0 when none yet). */
export function numericCursor(ctx: JobContext, name: string): number {
  const raw = ctx.cursor.get(name);
  if (raw === null || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new AppError(
      'INTERNAL',
      `The stored ${ctx.job} cursor "${name}" is "${raw}", which is not a position. Send the run details to support.`,
    );
  return n;
}

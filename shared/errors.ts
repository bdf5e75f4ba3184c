/**
 * Errors cross IPC as `{code, message}`. `code` is stable (scripts and tests match on it);
 * `message` is a sentence a clerk can act on. Stack traces stay in main's log.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED_SENDER',
  'KEYCHAIN_UNAVAILABLE',
  'DATABASE_CORRUPT',
  'IC_AUTH',
  'IC_NOT_FOUND',
  'IC_BUSINESS',
  'IC_TRANSIENT',
  'IC_PROTOCOL',
  'IMPRESA_AUTH',
  'IMPRESA_NOT_FOUND',
  'IMPRESA_CONFLICT',
  'IMPRESA_TRANSIENT',
  'IMPRESA_PROTOCOL',
  'JOB_BUSY',
  'CANCELLED',
  'NOT_JOB_HOST',
  'ALREADY_POSTED',
  /** A clerk acted on an entry whose state in InHANCE is no longer the one the screen showed. */
  'STATE_CHANGED',
  /** A payment IC took back (ACH return, card reversal) cannot be put back in the queue or posted. */
  'PAYMENT_RETURNED',
  /** The installation is in clerk mode and the request is for project managers only. */
  'PM_MODE_REQUIRED',
  /** A go-live step (schedules on, live posting) was refused: required checklist items are open. */
  'GO_LIVE_BLOCKED',
  /** Too many wrong passphrases: the switch is locked for a while. */
  'LOCKED',
  /** Smartsheet or Confluence refused or could not be reached; the message says which and why. */
  'SYNC_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms: path → sentence. */
  fields?: Record<string, string>;
}

/** An error meant to be shown: its message is safe to cross IPC and to log. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options?: { fields?: Record<string, string>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    if (options?.fields) this.fields = options.fields;
  }

  toEnvelope(): ErrorEnvelope {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }

  static fromEnvelope(envelope: ErrorEnvelope): AppError {
    return new AppError(envelope.code, envelope.message, envelope.fields ? { fields: envelope.fields } : undefined);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Result envelope of one IPC call. */
export type Envelope<T = unknown> = { result: T } | { error: ErrorEnvelope };

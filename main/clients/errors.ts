import { AppError, type ErrorCode } from '../../shared/errors';
import type { Redactor } from '../ground/logger';

/**
 * What both API clients throw: an AppError whose code is one of IC_* / IMPRESA_* and whose
 * message names the system and operation ("InvoiceCloud ViewCustomerRecord: ..."), already
 * redacted. `retryable` says whether repeating the same call may succeed.
 */
export type ClientSystem = 'InvoiceCloud' | 'InHANCE Impresa';

export type ClientErrorKind = 'AUTH' | 'NOT_FOUND' | 'BUSINESS' | 'CONFLICT' | 'TRANSIENT' | 'PROTOCOL';

export class ClientError extends AppError {
  readonly system: ClientSystem;
  readonly operation: string;
  readonly kind: ClientErrorKind;
  readonly retryable: boolean;
  /** HTTP status when there was one. */
  readonly status: number | null;
  /** For a conflict (409): the record that already exists, as the server returned it. */
  readonly existing: unknown;
  /** Structured detail of a business failure (e.g. an upload's rejected rows). */
  readonly details: unknown;

  constructor(init: {
    code: ErrorCode;
    kind: ClientErrorKind;
    system: ClientSystem;
    operation: string;
    message: string;
    retryable?: boolean;
    status?: number | null;
    existing?: unknown;
    details?: unknown;
  }) {
    super(init.code, init.message);
    this.name = 'ClientError';
    this.system = init.system;
    this.operation = init.operation;
    this.kind = init.kind;
    this.retryable = init.retryable ?? false;
    this.status = init.status ?? null;
    this.existing = init.existing;
    this.details = init.details;
  }
}

const CODES: Record<ClientSystem, Partial<Record<ClientErrorKind, ErrorCode>>> = {
  InvoiceCloud: {
    AUTH: 'IC_AUTH',
    NOT_FOUND: 'IC_NOT_FOUND',
    BUSINESS: 'IC_BUSINESS',
    TRANSIENT: 'IC_TRANSIENT',
    PROTOCOL: 'IC_PROTOCOL',
    CONFLICT: 'IC_BUSINESS',
  },
  'InHANCE Impresa': {
    AUTH: 'IMPRESA_AUTH',
    NOT_FOUND: 'IMPRESA_NOT_FOUND',
    BUSINESS: 'IMPRESA_CONFLICT',
    CONFLICT: 'IMPRESA_CONFLICT',
    TRANSIENT: 'IMPRESA_TRANSIENT',
    PROTOCOL: 'IMPRESA_PROTOCOL',
  },
};

/** Builds a ClientError; the detail is redacted before it becomes part of the message. */
export function clientError(
  system: ClientSystem,
  operation: string,
  kind: ClientErrorKind,
  detail: string,
  redactor: Redactor,
  extra: { retryable?: boolean; status?: number | null; existing?: unknown; details?: unknown } = {},
): ClientError {
  return new ClientError({
    code: CODES[system][kind]!,
    kind,
    system,
    operation,
    message: redactor.redact(`${system} ${operation}: ${detail}`),
    retryable: extra.retryable ?? kind === 'TRANSIENT',
    status: extra.status ?? null,
    existing: extra.existing,
    details: extra.details,
  });
}

export interface RetryPolicy {
  /** Total tries including the first (1 = no retry). */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 5000 };

/** Full-jitter exponential backoff: a random wait up to base·2^(n−1), capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `fn`, repeating it after a retryable ClientError while attempts remain. Callers pass
 * `safe: false` for operations a repeat could duplicate: those run exactly once.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    safe: boolean;
    onRetry?: (error: ClientError, attempt: number, delayMs: number) => void;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = options.safe ? Math.max(1, options.policy.attempts) : 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof ClientError) || !error.retryable || attempt >= attempts) throw error;
      const delay = backoffDelay(options.policy, attempt);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

/** Network-level failure (no usable HTTP answer) in plain words, from a Node or transport error (its code). */
export function describeNetworkError(error: unknown, timeoutMs: number): { detail: string; timeout: boolean } | null {
  const e = error as { code?: string; message?: string; name?: string };
  const code = e?.code ?? '';
  if (
    code === 'ECONNABORTED' ||
    code === 'ETIMEDOUT' ||
    code === 'ERR_CANCELED' ||
    e?.name === 'CanceledError' ||
    /timeout/i.test(e?.message ?? '')
  ) {
    return { detail: `no answer within ${Math.round(timeoutMs / 100) / 10} s (timed out)`, timeout: true };
  }
  if (code === 'ECONNREFUSED')
    return { detail: 'the connection was refused (is the host and port right, and the service up?)', timeout: false };
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(e?.message ?? ''))
    return { detail: 'the connection was reset before an answer arrived', timeout: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { detail: 'the host name cannot be resolved (check the address and the network)', timeout: false };
  if (code === 'ERR_BAD_RESPONSE' || code === 'HPE_INVALID_CONSTANT' || /^HPE_/.test(code))
    return { detail: 'the connection broke mid-answer', timeout: false };
  const tls = TLS_DETAILS[code];
  if (tls) return { detail: `${tls[0]} (${code})${tls[1] ?? ''}`, timeout: false };
  if (code) return { detail: `network error ${code}`, timeout: false };
  return null;
}

const UNTRUSTED: [string, string] = [
  "the server's certificate is not trusted",
  ": it is self-signed or from an authority this computer does not know. Check the address; a server of the utility's own may need its authority installed",
];
/** Certificate failures (Node's TLS codes) in words a PM setting up a biller can act on: the words, the code, more words. */
const TLS_DETAILS: Record<string, [string, string?]> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
  CERT_UNTRUSTED: UNTRUSTED,
  CERT_HAS_EXPIRED: ["the server's certificate has expired"],
  CERT_NOT_YET_VALID: ["the server's certificate is not valid yet", ": is this computer's date and time right?"],
  ERR_TLS_CERT_ALTNAME_INVALID: [
    "the server's certificate is for another name than the address",
    ': check the address',
  ],
};

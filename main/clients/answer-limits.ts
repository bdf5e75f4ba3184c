import { TextDecoder } from 'node:util';

/**
 * Hostile or broken answers, handled the same way in both clients: a bound on each operation's
 * answer size, given to the transport (http-transport.ts, `maxAnswerBytes`) so an oversized answer
 * is dropped while it streams in (AnswerTooLargeError), a bound on each request's size checked
 * before it is sent, and strict UTF-8 decoding, so a byte sequence that is not UTF-8 is refused
 * rather than turned into U+FFFD and passed on (into an account number, say).
 */
export const KB = 1024;
export const MB = 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= MB) return `${Math.round((n / MB) * 10) / 10} MB`;
  if (n >= KB) return `${Math.round(n / KB)} KB`;
  return `${n} bytes`;
}

/** The sentence for a size bound hit: the operation, the bound and (when known) the size. */
export function sizeLimitDetail(
  hit: { side: 'answer' | 'request'; announced: number | null },
  limit: number,
  requestBytes?: number,
): string {
  if (hit.side === 'request') {
    return `the request${requestBytes ? ` (${formatBytes(requestBytes)})` : ''} is larger than ${formatBytes(limit)}, the most this operation sends; it was not sent.`;
  }
  return `the answer${hit.announced ? ` (${formatBytes(hit.announced)})` : ''} is larger than ${formatBytes(limit)}, the most this operation accepts; it was not read.`;
}

const strict = new TextDecoder('utf-8', { fatal: true });

/** UTF-8, strictly: null when the bytes are not valid UTF-8 (a leading BOM is dropped). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

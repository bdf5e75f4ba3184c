import type http from 'node:http';
import { Agent, type Dispatcher } from 'undici';

/**
 * A lean HTTP exchange on undici's dispatcher for both API clients (the IC SOAP client's POSTs, the
 * InHANCE REST client's GET/POST/PATCH/PUT/DELETE and its bill PDFs): one keep-alive agent per client
 * (a pool per origin, one request at a time per socket, idle sockets closed after 5 s), redirects
 * never followed (a 3xx is an answer like any other), no proxy, TLS verified by Node's defaults, one
 * timer for the whole exchange, and the answer cut off at its size bound while it streams in.
 * undici's errors come out with the Node codes describeNetworkError reads (a reset, a timeout, an
 * answer that is not HTTP). Axios did the same at several times the CPU per call, and node:http
 * at 10 to 20% more (the jobs' figures are in the README, "Performance").
 *
 * Tests replace a client's transport (its `transport` property) to replay recorded answers.
 */
export type TransportMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface TransportRequest {
  method: TransportMethod;
  url: URL;
  /**
   * The path and query to ask for on `url`'s host, when the caller builds them itself (a client
   * parses its base address once and only joins a path per call); `url`'s own when absent.
   */
  path?: string;
  /** None for a body-less request (no content-length is sent for a GET or DELETE). */
  body?: string;
  headers: Record<string, string>;
  /** The answer is dropped (AnswerTooLargeError) once it passes this many bytes. */
  maxAnswerBytes: number;
  /** The whole exchange, connecting included. */
  timeoutMs: number;
}

export interface TransportAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Transport = (request: TransportRequest) => Promise<TransportAnswer>;

/** The answer passed its bound; `announced` is its content-length when it gave one. */
export class AnswerTooLargeError extends Error {
  constructor(readonly announced: number | null) {
    super('the answer is larger than its bound');
  }
}

/** No complete answer within the time allowed (describeNetworkError reads the code). */
export class TransportTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`timeout after ${ms} ms`);
  }
}

/** undici's own error codes, as the Node codes describeNetworkError reads. */
const UNDICI_CODES: Record<string, string> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
};

function asNodeError(error: Error): Error {
  const code = (error as { code?: string }).code;
  // An answer that is not HTTP: llhttp's code when it gives one, else the one Node would give.
  if (error.name === 'HTTPParserError')
    return Object.assign(new Error(error.message), { code: code?.startsWith('HPE_') ? code : 'HPE_INVALID_CONSTANT' });
  const mapped = code ? UNDICI_CODES[code] : undefined;
  if (!mapped) return error;
  return Object.assign(new Error(mapped === 'ECONNRESET' ? 'socket hang up' : error.message), { code: mapped });
}

export function createHttpTransport(): Transport {
  // One pool per origin; idle sockets closed after 5 s (as Node's agent); one request per socket at a time.
  const agent = new Agent({ keepAliveTimeout: 5000, keepAliveMaxTimeout: 5000, pipelining: 1 });
  return (request) =>
    new Promise<TransportAnswer>((resolve, reject) => {
      const { url, body } = request;
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        return reject(Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: 'ERR_BAD_PROTOCOL' }));
      let settled = false;
      let controller: Dispatcher.DispatchController | null = null;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (controller && !controller.aborted) controller.abort(error);
        reject(error);
      };
      const timer = setTimeout(() => fail(new TransportTimeoutError(request.timeoutMs)), request.timeoutMs);
      let status = 0;
      let headers: http.IncomingHttpHeaders = {};
      const chunks: Buffer[] = [];
      let size = 0;
      let announced: number | null = null;
      agent.dispatch(
        {
          origin: url.origin,
          path: request.path ?? url.pathname + url.search,
          method: request.method,
          headers: request.headers,
          body: body ?? null,
          headersTimeout: request.timeoutMs,
          bodyTimeout: request.timeoutMs,
        },
        {
          onRequestStart(c) {
            controller = c;
            if (settled) c.abort(new TransportTimeoutError(request.timeoutMs));
          },
          onResponseStart(c, statusCode, responseHeaders) {
            status = statusCode;
            headers = responseHeaders as http.IncomingHttpHeaders;
            const header = headers['content-length'];
            announced = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : null;
            if (announced !== null && announced > request.maxAnswerBytes) fail(new AnswerTooLargeError(announced));
          },
          onResponseData(_c, chunk) {
            size += chunk.length;
            if (size > request.maxAnswerBytes) fail(new AnswerTooLargeError(announced));
            else chunks.push(chunk);
          },
          onResponseEnd() {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({ status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
          },
          onResponseError(_c, error) {
            fail(asNodeError(error));
          },
        },
      );
    });
}

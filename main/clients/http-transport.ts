import http from 'node:http';
import https from 'node:https';

/**
 * A lean HTTP exchange on node:http / node:https for both API clients (the IC SOAP client's POSTs,
 * the InHANCE REST client's GET/POST/PATCH/PUT/DELETE and its bill PDFs): one keep-alive agent per
 * client (as Node's global agent: keep-alive, LIFO, idle sockets closed after 5 s), redirects never
 * followed (a 3xx is an answer like any other), no proxy, TLS verified by Node's defaults, one
 * timer for the whole exchange, and the answer cut off at its size bound while it streams in.
 * Axios did the same at several times the CPU per call (config merging, an AbortSignal per
 * request, interceptor chains); the clients' own figures are in the README ("Performance").
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
  /**
   * None for a body-less request (no content-length is sent for a GET or DELETE). A string, not a
   * Buffer: Node then sends the headers and the body in one write; a Buffer goes out as a separate
   * chunk through writev, which cost a third of the client's CPU per call.
   */
  body?: string;
  /** Buffer.byteLength(body), counted once by the caller (with a body). */
  bodyBytes?: number;
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

export function createHttpTransport(): Transport {
  const agentOptions = { keepAlive: true, scheduling: 'lifo' as const, timeout: 5000 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  return (request) =>
    new Promise<TransportAnswer>((resolve, reject) => {
      const { url, body } = request;
      const secure = url.protocol === 'https:';
      if (!secure && url.protocol !== 'http:')
        return reject(Object.assign(new Error(`unsupported protocol ${url.protocol}`), { code: 'ERR_BAD_PROTOCOL' }));
      const headers: Record<string, string | number> =
        body === undefined
          ? request.headers
          : { ...request.headers, 'content-length': request.bodyBytes ?? Buffer.byteLength(body) };
      const host = url.hostname;
      const options: http.RequestOptions = {
        method: request.method,
        // An IPv6 literal comes bracketed in a URL ("[::1]"), and bare in a host name.
        host: host.startsWith('[') ? host.slice(1, -1) : host,
        port: url.port || (secure ? 443 : 80),
        path: request.path ?? url.pathname + url.search,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      };
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(error);
      };
      const req = (secure ? https : http).request(options, (res) => {
        const header = res.headers['content-length'];
        const announced = header !== undefined && /^\d+$/.test(header) ? Number(header) : null;
        if (announced !== null && announced > request.maxAnswerBytes) {
          fail(new AnswerTooLargeError(announced));
          return res.destroy();
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxAnswerBytes) {
            fail(new AnswerTooLargeError(announced));
            res.destroy();
          } else chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return fail(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
          settled = true;
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size),
          });
        });
      });
      const timer = setTimeout(() => fail(new TransportTimeoutError(request.timeoutMs)), request.timeoutMs);
      req.on('error', fail);
      if (body === undefined) req.end();
      else req.end(body);
    });
}

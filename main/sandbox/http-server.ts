import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultSpecError, type FaultDecision, type FaultInjector } from './faults';

/** A simulator's answer; kept as data so faults can delay, drop or corrupt it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface RequestInfo {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The fault decision for this request (list handlers honour `duplicate`). */
  fault: FaultDecision;
}

export type Handler = (request: RequestInfo) => Promise<Reply> | Reply;

export interface RunningServer {
  baseUrl: string;
  port: number;
  /** Requests received so far outside /__sandbox/ (answered, faulted or left hanging): tests count tries with it. */
  requests(): number;
  /** When the latest requests outside /__sandbox/ arrived (ms since the epoch, oldest first, at most 10,000). */
  arrivals(): number[];
  close(): Promise<void>;
}

const MAX_BODY = 200 * 1024 * 1024;
const NO_FAULT: FaultDecision = { latencyMs: 0, action: null, duplicate: false, sparse: false };

export class BodyTooLarge extends Error {}

let echoBuffer = Buffer.alloc(0);
/** `size` bytes for /__sandbox/echo, made once and reused (the echo does no work per request). */
function echoBody(size: number): Buffer {
  if (echoBuffer.length < size) echoBuffer = Buffer.alloc(size, 'x');
  return echoBuffer.subarray(0, size);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Cuts a body short, as a dropped proxy connection would. */
export function truncate(body: string | Buffer): Buffer {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return buf.subarray(0, Math.max(1, Math.floor(buf.length * 0.6)));
}

/**
 * Starts a loopback HTTP server. Paths under /__sandbox/ are control endpoints and never get
 * faults; every other request draws from the injector first.
 */
export function startHttpServer(options: {
  port?: number;
  host?: string;
  handler: Handler;
  faults: FaultInjector;
  /** The simulator's answer for an injected HTTP 5xx (IC answers 500 with a SOAP fault). */
  statusReply: (status: number, request: RequestInfo) => Reply;
  onError: (error: unknown, request: RequestInfo) => Reply;
}): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const arrivals: number[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const control = url.pathname.startsWith('/__sandbox/');
    if (!control) {
      requests++;
      arrivals.push(Date.now());
      if (arrivals.length > 10_000) arrivals.shift();
    }
    const fault = control ? NO_FAULT : options.faults.decide();
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      if (!res.headersSent) res.writeHead(413, { 'content-type': 'text/plain' }).end('Request body too large');
      return;
    }
    if (control && url.pathname === '/__sandbox/echo') {
      // The benchmark's raw-transport limit: a round trip of the asked size with no work on either side.
      const size = Math.min(MAX_BODY, Math.max(0, Number(url.searchParams.get('bytes')) || 0));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
      res.end(echoBody(size));
      return;
    }
    const info: RequestInfo = { method: req.method ?? 'GET', url, headers: req.headers, body, fault };
    if (fault.latencyMs > 0) await new Promise((r) => setTimeout(r, fault.latencyMs));
    const action = fault.action;
    if (action?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'timeout') return; // never answers; the socket is destroyed on close()
    let reply: Reply;
    if (action?.kind === 'status' && action.status === 429)
      reply = { status: 429, headers: { 'content-type': 'text/plain', 'retry-after': '1' }, body: 'Too many requests' };
    else if (action?.kind === 'status') reply = options.statusReply(action.status, info);
    else {
      try {
        reply = await options.handler(info);
      } catch (error) {
        reply = options.onError(error, info);
      }
    }
    const payload = action?.kind === 'malformed' ? truncate(reply.body) : reply.body;
    if (res.destroyed) return;
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        port,
        requests: () => requests,
        arrivals: () => [...arrivals],
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/**
 * `POST /__sandbox/faults {"spec": "…"}` on either simulator: 200 with the spec now in force, or 400
 * saying what is wrong with it (a control request is never answered as the simulated system would).
 */
export function faultsControl(body: Buffer, onFaults: (spec: string) => void): Reply {
  let spec: unknown;
  try {
    spec = (JSON.parse(body.toString('utf8') || '{}') as { spec?: unknown } | null)?.spec;
  } catch {
    spec = undefined;
  }
  if (typeof spec !== 'string')
    return json(400, {
      error: {
        code: 'VALIDATION',
        message: 'Send a JSON body {"spec": "<rules>"}, e.g. {"spec": "ic:500@0.05"}; an empty spec clears the faults.',
      },
    });
  try {
    onFaults(spec);
  } catch (error) {
    if (error instanceof FaultSpecError) return json(400, { error: { code: 'VALIDATION', message: error.message } });
    throw error;
  }
  return json(200, { ok: true, spec });
}

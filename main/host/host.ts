import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { isLoopbackHost } from '../../shared/domain/common';
import type { Core } from '../app/core';
import { contentSecurityPolicy } from './csp';

const COOKIE = 'ib_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface HostOptions {
  core: Core;
  /** The built renderer (dist/renderer) and the browser shim (dist/preload/browser-shim.js). */
  rendererDir: string;
  shimFile: string;
  port?: number;
  bind?: string;
  token?: string;
}

export interface Host {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** decodeURIComponent throws URIError on a malformed escape (`%E0%A4%A`); anyone can send one. */
function decoded(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function cookieToken(req: http.IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decoded(v.join('='));
  }
  return null;
}

/** Security headers on every answer the host gives, refusals and errors included. */
function securityHeaders(port: number, bindHost: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy({ connect: [`ws://${bindHost}:${port}`] }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy':
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), clipboard-read=(), display-capture=()',
  };
}

/** How a bind address is written in a URL: IPv6 in brackets. */
function urlHost(bind: string): string {
  return bind.includes(':') ? `[${bind.replace(/^\[|\]$/g, '')}]` : bind;
}

/**
 * DNS rebinding: a page on evil.example whose name later resolves to 127.0.0.1 reaches this host
 * with `Host: evil.example:<port>`. Only a loopback name with this host's own port is answered.
 */
export function hostHeaderOk(header: string | undefined, port: number): boolean {
  if (!header) return false;
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(header.trim());
  if (!match) return false;
  return Number(match[2]) === port && isLoopbackHost(match[1]!);
}

/**
 * The browser host: the same core as Electron, served on loopback to a browser. The renderer
 * gets `window.api` from the shim, which carries the contract over a WebSocket that needs the
 * per-start token. Nothing is served to a request without the token (query or cookie).
 */
export async function startHost(options: HostOptions): Promise<Host> {
  const bind = options.bind ?? '127.0.0.1';
  if (!isLoopbackHost(bind))
    throw new Error(`The browser host binds only to this computer (127.0.0.1), not to "${bind}".`);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  const indexHtml = fs.readFileSync(path.join(options.rendererDir, 'index.html'), 'utf8');
  let port = 0;

  const page = () => indexHtml.replace('<!--shell-->', '<script src="/__host/shim.js"></script>');

  const bindHost = urlHost(bind);
  const text = { 'content-type': 'text/plain; charset=utf-8' };

  const server = http.createServer((req, res) => {
    // One bad request must never take the whole host (and the jobs it runs) down with it.
    try {
      serve(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500, { ...securityHeaders(port, bindHost), ...text });
      res.end('The request could not be served.');
    }
  });
  // A malformed request line or header, or a peer that resets: that connection alone ends.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (!hostHeaderOk(req.headers.host, port)) {
      res
        .writeHead(403, { ...securityHeaders(port, bindHost), ...text })
        .end(`This host answers only to its own address (${bindHost}:${port}).`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorized = sameToken(url.searchParams.get('token'), token) || sameToken(cookieToken(req), token);
    if (!authorized) {
      res
        .writeHead(403, { ...securityHeaders(port, bindHost), ...text })
        .end('Open the address printed by "npm run host", including its token.');
      return;
    }
    const headers = securityHeaders(port, bindHost);
    if (url.searchParams.has('token')) {
      headers['set-cookie'] = `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    if (url.pathname === '/__host/shim.js') {
      res.writeHead(200, { ...headers, 'content-type': MIME['.js']! }).end(fs.readFileSync(options.shimFile));
      return;
    }
    const pathname = decoded(url.pathname);
    if (pathname === null) {
      res
        .writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
        .end('The address is not valid: it has a malformed %-escape.');
      return;
    }
    const rel = path.normalize(pathname).replace(/^([/\\])+/, '');
    const file = path.join(options.rendererDir, rel);
    if (rel && file.startsWith(options.rendererDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { ...headers, 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
      return;
    }
    // Single-page app: every other path is the app itself.
    res.writeHead(200, { ...headers, 'content-type': MIME['.html']! }).end(page());
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  // With noServer the server itself emits no socket errors, but a listener costs nothing and an
  // unhandled 'error' anywhere would end the process (and the scheduler and sandbox with it).
  wss.on('error', () => undefined);
  server.on('upgrade', (req, socket, head) => {
    // A reset during the handshake is this connection's problem alone.
    socket.on('error', () => socket.destroy());
    if (!hostHeaderOk(req.headers.host, port)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      socket.write('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const origin = req.headers.origin;
    const originOk =
      !origin ||
      origin === `http://127.0.0.1:${port}` ||
      origin === `http://localhost:${port}` ||
      origin === `http://${bindHost}:${port}`;
    if (url.pathname !== '/__host/ipc' || !sameToken(url.searchParams.get('token'), token) || !originOk) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  // The address actually bound: `--bind 127.0.0.2` prints 127.0.0.2, never a guess.
  const url = `http://${bindHost}:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface CallMessage {
  id: number;
  channel: string;
  input: unknown;
}

/** The largest frame a client may send; a bigger one closes that socket with 1009. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

function serveSocket(ws: WebSocket, core: Core): void {
  // A bad frame (invalid UTF-8, unmasked, over MAX_FRAME_BYTES) makes ws close this socket with
  // the right code (1007, 1002, 1009) and then emit 'error'. Unhandled, that error would end the
  // whole process; handled, only this socket ends and the host keeps serving everyone else.
  ws.on('error', () => {
    if (ws.readyState === ws.OPEN) ws.close(1011);
  });
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', unsubscribe);
  ws.on('message', async (data) => {
    let message: CallMessage;
    try {
      message = JSON.parse(String(data)) as CallMessage;
      if (typeof message.id !== 'number' || typeof message.channel !== 'string') throw new Error('bad frame');
    } catch {
      ws.send(
        JSON.stringify({
          id: null,
          error: { code: 'INVALID_INPUT', message: 'The request frame was not understood.' },
        }),
      );
      return;
    }
    const envelope = await core.router.dispatch(message.channel, message.input, {
      shell: 'browser',
      trustedSender: true,
    });
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, ...envelope }));
  });
}

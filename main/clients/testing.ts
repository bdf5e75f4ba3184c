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

/**
 * For tests: a proxy in front of a simulator that can change an answer on its way back. `tamper`
 * gets the request path and the answer's bytes; it returns the bytes to send instead (or null to
 * pass them through), or 'stream' with a size to send that many bytes of filler instead
 * (announced with content-length when `announce` is set). `answers` records every answer seen.
 */
export interface TamperingProxy {
  url: string;
  hits: Map<string, number>;
  answers: Array<{ path: string; body: Buffer }>;
  close(): Promise<void>;
}

export type Tamper = (path: string, body: Buffer) => Buffer | null | { stream: number; announce: boolean };

export async function startTamperingProxy(target: string, tamper: Tamper): Promise<TamperingProxy> {
  const http = await import('node:http');
  const hits = new Map<string, number>();
  const answers: Array<{ path: string; body: Buffer }> = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '/').split('?')[0]!;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    const upstream = await fetch(target + req.url, {
      method: req.method ?? 'GET',
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const body = Buffer.from(await upstream.arrayBuffer());
    answers.push({ path, body });
    const out = tamper(path, body);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    res.on('error', () => undefined);
    if (out && 'stream' in out) {
      res.writeHead(upstream.status, {
        'content-type': type,
        ...(out.announce ? { 'content-length': String(out.stream) } : {}),
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < out.stream && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (sent = out.stream));
      pump();
      return;
    }
    const bytes = out ?? body;
    res.writeHead(upstream.status, { 'content-type': type, 'content-length': String(bytes.length) }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

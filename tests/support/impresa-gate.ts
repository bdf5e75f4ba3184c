import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it passes through the gate. */
export interface GatedRequest {
  method: string;
  path: string;
  body: string;
}

/**
 * A loopback HTTP relay in front of the InHANCE simulator. A test arms it to run something at the
 * exact moment a given request arrives, before the request is passed on: a clerk's action in the
 * middle of a queue refresh, an account closed between the Payments job's lookup and its post.
 * Everything else passes through unchanged. Deterministic, no timing.
 */
export class ImpresaGate {
  private readonly traps: Array<{
    match: (r: GatedRequest) => boolean;
    run: (r: GatedRequest) => Promise<void> | void;
  }> = [];
  private server: Server | null = null;
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          const request: GatedRequest = {
            method: req.method ?? 'GET',
            path: (req.url ?? '/').split('?')[0]!,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          try {
            const at = this.traps.findIndex((t) => t.match(request));
            if (at >= 0) await this.traps.splice(at, 1)[0]!.run(request);
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(req.headers))
              if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
            const answer = await fetch(`${this.target}${req.url ?? '/'}`, {
              method: request.method,
              headers,
              ...(request.body ? { body: request.body } : {}),
            });
            const text = await answer.text();
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            res.end(text);
          } catch (error) {
            res.writeHead(599, { 'content-type': 'text/plain' });
            res.end(`gate: ${(error as Error).message}`);
          }
        })();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Runs `run` once, when the first request matching `match` arrives, then lets that request through. */
  once(match: (r: GatedRequest) => boolean, run: (r: GatedRequest) => Promise<void> | void): void {
    this.traps.push({ match, run });
  }

  /** Traps armed but not sprung yet. */
  get armed(): number {
    return this.traps.length;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

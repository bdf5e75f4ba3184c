import { connect } from 'node:net';
import type { BillerProfile } from '../billers/billers.service';

/** Host and port of a service URL (https by default), or null when it cannot be read. */
export function hostPort(url: string): { host: string; port: number } | null {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
    const port = u.port ? Number(u.port) : u.protocol === 'http:' ? 80 : 443;
    return u.hostname ? { host: u.hostname.replace(/^\[|\]$/g, ''), port } : null;
  } catch {
    return null;
  }
}

/** Whether a TCP connection to host:port opens within `timeoutMs`. Never throws. */
export function tcpAnswers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * The default reachability check for "run only when the network is reachable": a cheap TCP
 * connect (no request, no credentials) to the InvoiceCloud host and to the InHANCE URL, both
 * within `timeoutMs`. A URL that cannot be read counts as not reachable.
 */
export function tcpReachability(timeoutMs = 3000): (biller: BillerProfile) => Promise<boolean> {
  return async (biller) => {
    const targets = [hostPort(biller.icHost), hostPort(biller.impresaUrl)];
    if (targets.some((t) => t === null)) return false;
    const answers = await Promise.all(targets.map((t) => tcpAnswers(t!.host, t!.port, timeoutMs)));
    return answers.every(Boolean);
  };
}

import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { startHost, type Host } from '../../main/host/host';
import { allChannels } from '../../shared/contract';
import { connectIpc } from '../support/ws-client';
import { requireBuild, requireSecretService, ROOT, tempDataDir } from '../support/temp';

let core: Core;
let host: Host;
let cleanup: () => void;

beforeAll(async () => {
  requireBuild();
  requireSecretService();
  const tmp = tempDataDir();
  cleanup = tmp.cleanup;
  core = createCore({ dataDir: tmp.dir, shell: 'browser', logger: new MemoryLogger() });
  host = await startHost({
    core,
    rendererDir: path.join(ROOT, 'dist/renderer'),
    shimFile: path.join(ROOT, 'dist/preload/browser-shim.js'),
  });
});
afterAll(async () => {
  await host.close();
  await core.close();
  cleanup();
});

const base = () => `http://127.0.0.1:${host.port}`;

describe('browser host', () => {
  it('serves nothing without the token', async () => {
    for (const p of ['/', '/index.html', '/__host/shim.js', '/assets/x.js']) {
      const res = await fetch(base() + p);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('<script');
    }
    const wrong = await fetch(`${base()}/?token=${host.token.slice(1)}x`);
    expect(wrong.status).toBe(403);
  });

  it('serves the app with the shim, a CSP without unsafe-eval, and a cookie for its assets', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="/__host/shim.js"></script>');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const asset = html.match(/src="\.\/(assets\/[^"]+\.js)"/)![1]!;
    const withCookie = await fetch(`${base()}/${asset}`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers 400 to a malformed %-escape, and keeps serving afterwards', async () => {
    const cookie = `ib_token=${encodeURIComponent(host.token)}`;
    const raw = (p: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: host.port, path: p, headers }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const bad = await raw('/%E0%A4%A', { cookie });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/malformed %-escape/);
    const badWithQueryToken = await raw(`/assets/%E0%A4%A?token=${host.token}`);
    expect(badWithQueryToken.status).toBe(400);
    // A malformed cookie is just "no token", not a crash.
    expect((await raw('/', { cookie: 'ib_token=%E0%A4%A' })).status).toBe(403);
    // The host is still up.
    expect((await raw('/', { cookie })).status).toBe(200);
  });

  it('refuses the IPC socket without the token or from another origin', async () => {
    await expect(connectIpc(`ws://127.0.0.1:${host.port}/__host/ipc`)).rejects.toThrow(/403/);
    await expect(
      connectIpc(`ws://127.0.0.1:${host.port}/__host/ipc?token=${host.token}`, { origin: 'http://evil.example' }),
    ).rejects.toThrow(/403/);
  });

  it('carries the contract: calls, validation errors and events', async () => {
    const ipc = await connectIpc(`ws://127.0.0.1:${host.port}/__host/ipc?token=${host.token}`, { origin: base() });
    const info = await ipc.call('app:info');
    expect(info).toMatchObject({
      result: { name: 'Impresa Bridge', shell: 'browser', installationId: core.installationId },
    });
    const bad = await ipc.call('billers:create', { name: 'X', billerGuid: 'nope' });
    expect(bad).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const created = await ipc.call('billers:create', {
      name: 'Shelbyville Power',
      timeZone: 'America/Chicago',
      billerGuid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      invoiceTypeId: 3,
      impresaUrl: 'https://impresa.shelbyville.gov',
      impresaUser: 'bridge',
      postingMode: 'live',
    });
    expect(created).toMatchObject({
      result: { name: 'Shelbyville Power', postingMode: 'live', livePostingUser: 'IC Clerk' },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.events).toContainEqual({
      event: 'billers:changed',
      payload: { id: (created.result as { id: string }).id },
    });
    ipc.close();
  });

  it('has a handler for every channel of the contract', () => {
    expect(core.router.registered().sort()).toEqual(allChannels().sort());
  });

  it('binds only to loopback', async () => {
    await expect(
      startHost({ core, rendererDir: path.join(ROOT, 'dist/renderer'), shimFile: 'x', bind: '0.0.0.0' }),
    ).rejects.toThrow(/only to this computer/);
  });
});

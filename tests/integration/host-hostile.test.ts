import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../main/app/core';
import { MemoryLogger } from '../../main/ground/logger';
import { MAX_FRAME_BYTES, startHost, type Host } from '../../main/host/host';
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

/** A WebSocket handshake by hand, so the test can then write any bytes it likes. */
async function rawSocket(): Promise<{ socket: net.Socket; closeCode: Promise<number | null> }> {
  const socket = net.connect(host.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(
    [
      `GET /__host/ipc?token=${host.token} HTTP/1.1`,
      `Host: 127.0.0.1:${host.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const closeCode = new Promise<number | null>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) return;
      // Server frames are unmasked: byte 0 = FIN|opcode, byte 1 = length (< 126 for a close frame).
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        const len = buffer[1]! & 0x7f;
        if (buffer.length < 2 + len) return;
        if (opcode === 0x8) return resolve(len >= 2 ? buffer.readUInt16BE(2) : null);
        buffer = buffer.subarray(2 + len);
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', () => resolve(null));
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', check);
      const head = buffer.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(head));
      buffer = buffer.subarray(end + 4);
      upgraded = true;
      resolve();
    };
    socket.on('data', check);
  });
  return { socket, closeCode };
}

/** A client frame: FIN + opcode, masked unless told otherwise. */
function frame(opcode: number, payload: Buffer, options: { masked?: boolean; declaredLength?: number } = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.declaredLength ?? payload.length;
  const head: number[] = [0x80 | opcode];
  if (length < 126) head.push((masked ? 0x80 : 0) | length);
  else if (length < 65536) head.push((masked ? 0x80 : 0) | 126, length >> 8, length & 0xff);
  else {
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push((masked ? 0x80 : 0) | 127, ...big);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), mask, body]);
}

async function stillServes(): Promise<void> {
  const ipc = await connectIpc(`ws://127.0.0.1:${host.port}/__host/ipc?token=${host.token}`);
  expect(await ipc.call('app:info')).toMatchObject({ result: { name: 'Impresa Bridge' } });
  ipc.close();
  expect((await fetch(host.url)).status).toBe(200);
}

describe('browser host under hostile frames', () => {
  it('closes a socket that sends invalid UTF-8 with 1007, and keeps serving', async () => {
    const { socket, closeCode } = await rawSocket();
    socket.write(frame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28])));
    expect(await closeCode).toBe(1007);
    socket.destroy();
    await stillServes();
  });

  it('closes a socket that sends an unmasked frame with 1002, and keeps serving', async () => {
    const { socket, closeCode } = await rawSocket();
    socket.write(frame(0x1, Buffer.from('{"id":1,"channel":"app:info"}'), { masked: false }));
    expect(await closeCode).toBe(1002);
    socket.destroy();
    await stillServes();
  });

  it('closes a socket that announces a frame over the limit with 1009, and keeps serving', async () => {
    const { socket, closeCode } = await rawSocket();
    socket.write(frame(0x1, Buffer.alloc(0), { declaredLength: MAX_FRAME_BYTES + 1 }));
    expect(await closeCode).toBe(1009);
    socket.destroy();
    await stillServes();
  });

  it('survives a peer that resets mid-handshake and a garbage request line', async () => {
    const s = net.connect(host.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    s.write(`GET /__host/ipc?token=${host.token} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\n`);
    s.resetAndDestroy();
    const g = net.connect(host.port, '127.0.0.1');
    await new Promise((r) => g.once('connect', r));
    let answer = '';
    g.on('data', (d: Buffer) => (answer += d.toString()));
    g.write('\x00\x01garbage\r\n\r\n');
    await new Promise((r) => g.once('close', r));
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await stillServes();
  });
});

function get(
  p: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: p, headers, setHost: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser host: Host header and security headers', () => {
  it('refuses a request whose Host is not a loopback name with its port (DNS rebinding), even with the token', async () => {
    const p = `/?token=${host.token}`;
    for (const h of [
      'evil.example',
      `evil.example:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      '127.0.0.1',
      `attacker.localhost.evil:${host.port}`,
    ]) {
      expect((await get(p, { host: h })).status, h).toBe(403);
    }
    // No Host at all: Node itself refuses an HTTP/1.1 request without one (400).
    expect((await get(p, {})).status).toBeGreaterThanOrEqual(400);
    for (const h of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `LOCALHOST:${host.port}`]) {
      expect((await get(p, { host: h })).status, h).toBe(200);
    }
  });

  it('refuses the IPC upgrade with a foreign Host header', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port: host.port,
          path: `/__host/ipc?token=${host.token}`,
          setHost: false,
          headers: {
            host: `rebind.example:${host.port}`,
            upgrade: 'websocket',
            connection: 'Upgrade',
            'sec-websocket-key': randomBytes(16).toString('base64'),
            'sec-websocket-version': '13',
          },
        });
        req.on('upgrade', () => resolve('upgraded'));
        req.on('response', (res) => reject(new Error(`HTTP ${res.statusCode}`)));
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/403/);
  });

  it('sends the security headers on every answer, 403s included', async () => {
    const own = `127.0.0.1:${host.port}`;
    const answers = [
      await get('/', { host: own }), // 403: no token
      await get('/', { host: 'evil.example' }), // 403: foreign Host
      await get(`/%E0%A4%A?token=${host.token}`, { host: own }), // 400
      await get(`/?token=${host.token}`, { host: own }), // 200
    ];
    expect(answers.map((a) => a.status)).toEqual([403, 403, 400, 200]);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
      expect(a.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(a.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(a.headers['permissions-policy']).toContain('camera=()');
    }
  });

  it('prints the address it really bound', async () => {
    const other = await startHost({
      core,
      bind: '127.0.0.2',
      rendererDir: path.join(ROOT, 'dist/renderer'),
      shimFile: path.join(ROOT, 'dist/preload/browser-shim.js'),
    });
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/\?token=/);
      expect((await fetch(other.url)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

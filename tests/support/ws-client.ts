import WebSocket from 'ws';

/** A bare client of the host's IPC socket: what the browser shim does, without a browser. */
export async function connectIpc(url: string, options: { origin?: string } = {}) {
  const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const events: Array<{ event: string; payload: unknown }> = [];
  const waiting = new Map<number, (v: unknown) => void>();
  let id = 0;
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data));
    if (msg.event) events.push(msg);
    else waiting.get(msg.id)?.(msg);
  });
  return {
    events,
    call(channel: string, input: unknown = {}): Promise<Record<string, unknown>> {
      const n = ++id;
      return new Promise((resolve) => {
        waiting.set(n, resolve as (v: unknown) => void);
        ws.send(JSON.stringify({ id: n, channel, input }));
      });
    },
    close: () => ws.close(),
  };
}

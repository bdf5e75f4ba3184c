import { buildApi, type Transport } from '../shared/api';
import type { Envelope } from '../shared/errors';

/**
 * The browser host's stand-in for preload: builds `window.api` with the same `buildApi` that
 * preload uses, carried over the token-protected WebSocket instead of Electron IPC.
 */
function tokenFromPage(): string {
  const fromQuery = new URLSearchParams(location.search).get('token');
  if (fromQuery) {
    sessionStorage.setItem('ib_token', fromQuery);
    return fromQuery;
  }
  return sessionStorage.getItem('ib_token') ?? '';
}

interface Pending {
  resolve: (envelope: Envelope) => void;
  frame: string;
}

function socketTransport(): Transport {
  const token = tokenFromPage();
  const url = `ws://${location.host}/__host/ipc?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let open = false;
  let nextId = 1;
  let retryMs = 250;

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      open = true;
      retryMs = 250;
      // Calls made while the connection was down go out now, in order.
      for (const p of pending.values()) socket?.send(p.frame);
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as {
        id?: number | null;
        event?: string;
        payload?: unknown;
      } & Envelope;
      if (typeof data.event === 'string') {
        for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
        return;
      }
      if (typeof data.id === 'number') {
        const p = pending.get(data.id);
        if (!p) return;
        pending.delete(data.id);
        p.resolve('error' in data ? { error: data.error } : { result: data.result });
      }
    };
    socket.onclose = () => {
      open = false;
      window.dispatchEvent(new CustomEvent('impresa-bridge:connection', { detail: { connected: false } }));
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  return {
    invoke(channel, input) {
      const id = nextId++;
      const frame = JSON.stringify({ id, channel, input });
      return new Promise<Envelope>((resolve) => {
        pending.set(id, { resolve, frame });
        if (open) socket?.send(frame);
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

Object.defineProperty(window, 'api', { value: buildApi(socketTransport()), writable: false, configurable: false });

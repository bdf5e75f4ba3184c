import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../shared/api';
import { EVENT_CHANNEL, type EventMessage } from '../shared/contract';
import type { Envelope } from '../shared/errors';

const listeners = new Map<string, Set<(payload: unknown) => void>>();
ipcRenderer.on(EVENT_CHANNEL, (_e, message: EventMessage) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
});

const api = buildApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Envelope>,
  subscribe(event, listener) {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
});

contextBridge.exposeInMainWorld('api', api);

import type * as z from 'zod';
import { contract, type Contract, type EventName, type EventPayload } from './contract';
import type { ContractDef } from './contract/define';
import { AppError, type Envelope } from './errors';

type Fn<C> = C extends { input: infer I extends z.ZodType; output: infer O extends z.ZodType }
  ? Record<never, never> extends z.input<I>
    ? (input?: z.input<I>) => Promise<z.output<O>>
    : (input: z.input<I>) => Promise<z.output<O>>
  : never;

/** `window.api`: one typed function per channel, grouped by domain, plus `on()` for events. */
export type Api = {
  [D in keyof Contract]: { [V in keyof Contract[D]]: Fn<Contract[D][V]> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** How a shell carries calls: Electron's ipcRenderer or the browser host's WebSocket. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds `window.api` from the contract. Preload and the browser shim both call this, so the
 * renderer meets exactly the same surface in Electron and in the browser host.
 */
export function buildApi(transport: Transport): Api {
  const api: Record<string, unknown> = {};
  for (const [domain, verbs] of Object.entries(contract as ContractDef)) {
    const group: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const verb of Object.keys(verbs)) {
      const name = `${domain}:${verb}`;
      group[verb] = async (input?: unknown) => {
        const envelope = await transport.invoke(name, input ?? {});
        if ('error' in envelope) throw AppError.fromEnvelope(envelope.error);
        return envelope.result;
      };
    }
    api[domain] = Object.freeze(group);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return Object.freeze(api) as Api;
}

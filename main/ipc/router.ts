import type * as z from 'zod';
import {
  channelDef,
  contract,
  type Contract,
  type EventMessage,
  type EventName,
  type EventPayload,
  events,
} from '../../shared/contract';
import { AppError, type Envelope, isAppError } from '../../shared/errors';
import type { Logger } from '../ground/logger';

type Handler<C> = C extends { input: infer I extends z.ZodType; output: infer O extends z.ZodType }
  ? (input: z.output<I>, context: CallContext) => Promise<z.input<O>> | z.input<O>
  : never;

/** One handler per verb of a domain, typed from the contract. */
export type DomainHandlers<D extends keyof Contract> = { [V in keyof Contract[D]]: Handler<Contract[D][V]> };

/** Who is calling: the person at the screen, from which shell. */
export interface CallContext {
  shell: 'electron' | 'browser' | 'cli';
  /** Set by the transport once it has checked the sender; the router refuses calls without it. */
  trustedSender: boolean;
}

/** Field errors from zod, keyed by dotted path, in the schema's own words. */
export function zodFieldErrors(
  error: z.ZodError,
  rename: (field: string) => string = (f) => f,
): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = rename(issue.path.join('.')) || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalidInput(error: z.ZodError, what = 'The request', rename?: (field: string) => string): AppError {
  const fields = zodFieldErrors(error, rename);
  const first = Object.entries(fields)[0];
  if (!first) return new AppError('INVALID_INPUT', `${what} was not accepted: it is malformed.`, { fields });
  const [field, message] = first;
  // A person reads this message (a clerk on a screen): never a contract path such as "entryIds: …".
  // The schemas of shared/ speak in sentences; one of them stands alone. The path stays in `fields`
  // for forms, and is shown only when the caller renamed it to words a person typed (a CLI flag).
  if (rename && field !== '_')
    return new AppError('INVALID_INPUT', `${what} was not accepted: ${field}: ${message}`, { fields });
  if (/^[A-Z].*[.?!]$/.test(message)) return new AppError('INVALID_INPUT', message, { fields });
  return new AppError('INVALID_INPUT', `${what} was not accepted: ${message.replace(/[.]?$/, '.')}`, { fields });
}

/**
 * The one place IPC calls enter main. Every call is checked (sender, channel, input schema)
 * before its handler runs, and every answer is an envelope: `{result}` or `{error: {code, message}}`.
 */
export class Router {
  private readonly handlers = new Map<string, (input: unknown, ctx: CallContext) => unknown>();
  private guard: ((channel: string, ctx: CallContext) => void) | null = null;

  constructor(private readonly log: Logger) {}

  /** Registers a whole domain at once, so a missing verb is a type error. */
  register<D extends keyof Contract>(domain: D, handlers: DomainHandlers<D>): void {
    for (const verb of Object.keys(contract[domain])) {
      const handler = (handlers as Record<string, (input: unknown, ctx: CallContext) => unknown>)[verb];
      if (!handler) throw new Error(`No handler for ${String(domain)}:${verb}`);
      this.handlers.set(`${String(domain)}:${verb}`, handler);
    }
  }

  /** A check every call passes before its input is read (the installation's clerk/PM mode); throws to refuse. */
  guardWith(guard: (channel: string, ctx: CallContext) => void): void {
    this.guard = guard;
  }

  /** Channels with a handler (tests check this equals the contract). */
  registered(): string[] {
    return [...this.handlers.keys()];
  }

  async dispatch(channelName: string, rawInput: unknown, ctx: CallContext): Promise<Envelope> {
    try {
      if (!ctx.trustedSender)
        throw new AppError('UNAUTHORIZED_SENDER', 'This window is not allowed to call Impresa Bridge.');
      const def = channelDef(channelName);
      const handler = this.handlers.get(channelName);
      if (!def || !handler) throw new AppError('NOT_FOUND', `Unknown request "${String(channelName).slice(0, 60)}".`);
      this.guard?.(channelName, ctx);
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw invalidInput(parsed.error);
      const result = await handler(parsed.data, ctx);
      return { result: def.output.parse(result) };
    } catch (error) {
      if (isAppError(error)) {
        if (error.code === 'INTERNAL') this.log.error(`${channelName} failed`, error);
        return { error: error.toEnvelope() };
      }
      this.log.error(`${channelName} failed unexpectedly`, error);
      return {
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong inside Impresa Bridge. The details are in the log file.',
        },
      };
    }
  }
}

/** A listener hears every event; checking `event` narrows `payload` to that event's contract type. */
export type EventListener = (...message: { [E in EventName]: [event: E, payload: EventPayload<E>] }[EventName]) => void;

/** Events main pushes to every connected window (Electron webContents or browser-host sockets). */
export class EventBus {
  private readonly listeners = new Set<(event: EventName, payload: unknown) => void>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) {
      try {
        listener(event, checked);
      } catch {
        // A window that went away must not stop the others from hearing the event.
      }
    }
  }

  /** Subscribes to every event; returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
  subscribe(listener: (event: EventName) => void): () => void;
  subscribe(listener: EventListener | ((event: EventName) => void)): () => void {
    // emit hands each listener an event with its payload just parsed by that event's own schema:
    // the pair the listener's type promises.
    const heard = listener as (event: EventName, payload: unknown) => void;
    this.listeners.add(heard);
    return () => this.listeners.delete(heard);
  }

  /** Subscribes to every event as one message (what a window is sent); returns the unsubscribe. */
  subscribeMessages(listener: (message: EventMessage) => void): () => void {
    // `event` and `payload` come from one emit, checked by that event's schema: a matching pair.
    return this.subscribe((event, payload) => listener({ event, payload } as EventMessage));
  }
}

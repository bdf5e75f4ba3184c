import * as z from 'zod';
import { appContract } from './app';
import { bifContract } from './bif';
import { billersContract, secretsContract } from './billers';
import { checklistContract, setupContract } from './conversion';
import { modeContract } from './mode';
import { callsContract, callsEvents } from './calls';
import type { ChannelDef, ContractDef } from './define';
import { desktopContract, desktopEvents } from './desktop';
import { mappingContract } from './mapping';
import { jobsContract, jobsEvents } from './jobs';
import { paymentsContract, paymentsEvents } from './payments';
import { icContract, icEvents } from './ic';
import { retentionContract } from './retention';

/**
 * The whole IPC contract: every channel main serves (`domain:verb`) and every event it pushes.
 * main, preload and the browser shim are all built from this object; nothing else names a channel.
 */
export const contract = {
  app: appContract,
  billers: billersContract,
  secrets: secretsContract,
  mapping: mappingContract,
  jobs: jobsContract,
  bif: bifContract,
  payments: paymentsContract,
  mode: modeContract,
  setup: setupContract,
  checklist: checklistContract,
  calls: callsContract,
  ic: icContract,
  desktop: desktopContract,
  retention: retentionContract,
} satisfies ContractDef;

/** Events main pushes. Payloads are small: listeners re-fetch what changed. */
export const events = {
  'billers:changed': z.object({ id: z.string().optional() }),
  'secrets:changed': z.object({ billerId: z.string() }),
  /** A biller's mapping got a new version or a confirmation; `version` is the one concerned. */
  'mapping:changed': z.object({ billerId: z.string(), version: z.number().int() }),
  /** A message for the person at the screen (a toast); also an OS notification in Electron. */
  'app:notice': z.object({
    level: z.enum(['info', 'success', 'warning', 'error']),
    title: z.string(),
    message: z.string(),
    /** Also an OS notification in Electron whatever the level (a call reminder). */
    osNotification: z.boolean().optional(),
    /** The screen an OS notification's click opens, and the biller it is about. */
    screen: z.enum(['billers', 'jobs', 'payments', 'mapping', 'calls', 'conversion', 'lookups', 'batch']).optional(),
    billerId: z.string().optional(),
  }),
  ...jobsEvents,
  ...paymentsEvents,
  /** A biller's setup items or checklist changed: re-fetch the checklist. */
  'setup:changed': z.object({ billerId: z.string() }),
  'checklist:changed': z.object({ billerId: z.string() }),
  ...callsEvents,
  ...icEvents,
  ...desktopEvents,
};

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
/** One event as it travels to a window: its name and its payload, the name deciding the payload's type. */
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

/** The Electron IPC channel main pushes every event on (as an EventMessage); the renderer never sees it, only `window.api.on`. */
export const EVENT_CHANNEL = 'impresa-bridge:event';

export type ChannelName = {
  [D in Domain]: `${D & string}:${keyof Contract[D] & string}`;
}[Domain];

export function channelDef(name: string): ChannelDef | undefined {
  const [domain, verb] = name.split(':');
  if (!domain || !verb || !Object.hasOwn(contract, domain)) return undefined;
  const d = (contract as ContractDef)[domain]!;
  return Object.hasOwn(d, verb) ? d[verb] : undefined;
}

export function allChannels(): string[] {
  return Object.entries(contract as ContractDef).flatMap(([d, verbs]) => Object.keys(verbs).map((v) => `${d}:${v}`));
}

import * as z from 'zod';
import { channel, noInput } from './define';

export const APP_MODES = ['pm', 'clerk'] as const;
export type AppMode = (typeof APP_MODES)[number];

export const modeStateSchema = z.object({
  /** null until the first-run screen's choice. */
  mode: z.enum(APP_MODES).nullable(),
  /** Whether a PM passphrase is stored (its hash, in the keychain). */
  passphraseSet: z.boolean(),
  /** While five wrong tries lock the switch to PM mode: until when (ISO). */
  lockedUntil: z.string().nullable(),
});
export type ModeState = z.output<typeof modeStateSchema>;

const passphrase = z.string().max(200, 'Keep the passphrase under 200 characters.');

export const modeContract = {
  /** The installation's mode and whether the switch is locked. */
  get: channel(noInput, modeStateSchema, 'Read the installation’s mode.'),
  /** The first-run choice; refused once a mode is chosen. */
  choose: channel(
    z.object({
      mode: z.enum(APP_MODES, { error: 'Choose PM mode or clerk mode.' }),
      passphrase: passphrase.min(8, 'The PM passphrase needs at least 8 characters.'),
    }),
    modeStateSchema,
    'Choose the installation’s mode on first run and set the PM passphrase.',
  ),
  /** To clerk mode freely; to PM mode with the PM passphrase (five wrong tries lock it for a minute). */
  switch: channel(
    z.object({ mode: z.enum(APP_MODES), passphrase: passphrase.optional() }),
    modeStateSchema,
    'Switch between clerk mode and PM mode.',
  ),
};

/**
 * What clerk mode may call: the posting queue and daily report, the job dashboard read-only, the
 * biller list for the picker, and the mode itself. Everything else is PM-only, new channels included.
 */
const CLERK_CHANNELS = new Set([
  'app:info',
  'mode:get',
  'mode:choose',
  'mode:switch',
  'billers:list',
  'billers:get',
  'secrets:status',
  'jobs:list',
  'jobs:history',
  'jobs:runDetail',
  'jobs:exportReport',
  'jobs:stats',
]);
// Desktop preferences (theme, tray, reminders), diagnostics and updates are the workstation's own.
const CLERK_DOMAINS = new Set(['payments', 'desktop']);

export function isClerkChannel(channel: string): boolean {
  return CLERK_CHANNELS.has(channel) || CLERK_DOMAINS.has(channel.split(':')[0] ?? '');
}

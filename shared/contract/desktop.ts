import * as z from 'zod';
import { downloadFileSchema } from '../domain/payments';
import { themePreferenceSchema } from '../domain/theme';
import { channel, noInput } from './define';

const timeOfDay = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give the time as HH:MM on the 24-hour clock, e.g. 15:30.');

/** How the app behaves on this computer. */
export const desktopPreferencesSchema = z.object({
  theme: themePreferenceSchema,
  /** Closing the window keeps the app (and its jobs) in the tray. */
  closeToTray: z.boolean(),
  /** What the OS has: start at login, hidden in the tray. null where the shell cannot (the browser host). */
  startAtLogin: z.boolean().nullable(),
  /** A notification at this time each day when payments wait in the queue; null for none. */
  paymentsReminderAt: timeOfDay.nullable(),
});
export type DesktopPreferences = z.output<typeof desktopPreferencesSchema>;

export const updateStatusSchema = z.object({
  phase: z.enum(['disabled', 'idle', 'checking', 'none', 'available', 'downloading', 'downloaded', 'error']),
  version: z.string().nullable(),
  percent: z.number().min(0).max(100).nullable(),
  message: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type UpdateStatusDto = z.output<typeof updateStatusSchema>;

export const screenSchema = z.enum(['billers', 'jobs', 'payments', 'mapping', 'calls']);

export const desktopContract = {
  /** The preferences of this installation (start at login as the OS reports it). */
  preferences: channel(noInput, desktopPreferencesSchema, 'Desktop preferences.'),
  /** Changes some preferences; returns all of them as they now are. */
  setPreferences: channel(
    desktopPreferencesSchema.omit({ startAtLogin: true }).extend({ startAtLogin: z.boolean() }).partial().strict(),
    desktopPreferencesSchema,
    'Change desktop preferences.',
  ),
  /** A zip for support: logs, configuration without secrets, run history, database integrity, versions. */
  exportDiagnostics: channel(
    noInput,
    downloadFileSchema.extend({ entries: z.array(z.string()) }),
    'Export diagnostics.',
  ),
  /** Where the updater stands (disabled, with the reason, outside the packaged desktop app). */
  updateStatus: channel(noInput, updateStatusSchema, 'Update status.'),
  /** Looks for an update now (it downloads in the background and installs on quit). */
  checkForUpdates: channel(noInput, updateStatusSchema, 'Check for updates.'),
};

export const desktopEvents = {
  'desktop:preferences': desktopPreferencesSchema,
  /** The updater moved on: checking, downloading (with percent), downloaded, failed. */
  'desktop:update': updateStatusSchema,
  /** Open a screen (a notification or the tray was clicked). */
  'desktop:navigate': z.object({ screen: screenSchema, billerId: z.string().nullable() }),
};

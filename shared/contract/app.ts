import * as z from 'zod';
import { channel, noInput } from './define';

export const appInfoSchema = z.object({
  name: z.literal('Impresa Bridge'),
  version: z.string(),
  /** 'electron' for the desktop shell, 'browser' for the browser host. */
  shell: z.enum(['electron', 'browser']),
  installationId: z.string(),
  dataDir: z.string(),
  keychain: z.object({ available: z.boolean(), message: z.string() }),
});
export type AppInfo = z.output<typeof appInfoSchema>;

export const appContract = {
  /** Version, shell, installation id and whether the OS keychain can be reached. */
  info: channel(noInput, appInfoSchema, 'About this installation.'),
};

import * as z from 'zod';
import { guid, optionalGuid, serviceUrl, timeZone } from './common';

export const POSTING_MODES = ['pending', 'live'] as const;
export type PostingMode = (typeof POSTING_MODES)[number];

export const DEFAULT_IC_HOST = 'https://www.invoicecloud.com';
export const DEFAULT_LIVE_POSTING_USER = 'IC Clerk';

/** The secrets a biller has; their values live only in the OS keychain. */
export const SECRET_NAMES = ['web-service-key', 'impresa-password'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export const SECRET_LABELS: Record<SecretName, string> = {
  'web-service-key': 'InvoiceCloud web service key',
  'impresa-password': 'InHANCE Impresa password',
};

/** What a PM types into the biller form; the same schema validates it in main. */
export const billerInputSchema = z.object({
  name: z
    .string({ error: 'Enter the biller name.' })
    .trim()
    .min(1, 'Enter the biller name.')
    .max(120, 'Keep the name under 120 characters.'),
  timeZone,
  billerGuid: guid('InvoiceCloud biller GUID'),
  // Digits only: `0x10` and `1e3` are not read as 16 and 1000.
  invoiceTypeId: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{1,10}\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: 'The invoice type ID is a whole number given by InvoiceCloud, in digits.' })
      .int('The invoice type ID is a whole number given by InvoiceCloud.')
      .positive('The invoice type ID is a whole number above zero.'),
  ),
  /** Optional until InvoiceCloud's Track 70 request (which creates it) delivers it. */
  invoiceFormatGuid: optionalGuid('invoice format GUID'),
  icHost: serviceUrl('InvoiceCloud host').default(DEFAULT_IC_HOST),
  impresaUrl: serviceUrl('InHANCE Impresa endpoint URL'),
  impresaUser: z
    .string({ error: 'Enter the InHANCE Impresa username.' })
    .trim()
    .min(1, 'Enter the InHANCE Impresa username.'),
  postingMode: z.enum(POSTING_MODES, { error: 'Choose pending or live posting.' }),
  livePostingUser: z
    .string({ error: 'Enter the live-posting user (usually IC Clerk).' })
    .trim()
    .min(1, 'Enter the live-posting user (usually IC Clerk).')
    .default(DEFAULT_LIVE_POSTING_USER),
  /** Whether this installation runs the biller's scheduled jobs (one job host per biller). */
  isJobHost: z
    .boolean({ error: 'Say yes or no to whether this installation is the job host for this biller.' })
    .default(false),
});
export type BillerInput = z.input<typeof billerInputSchema>;
export type BillerFields = z.output<typeof billerInputSchema>;

/**
 * Per secret: true = stored, false = not stored, null = unknown because the OS keychain cannot be
 * reached (the biller still lists; the app shows the keychain banner). Never treat null as stored.
 */
export const secretStatusSchema = z.object({
  'web-service-key': z.boolean().nullable(),
  'impresa-password': z.boolean().nullable(),
});
export type SecretStatus = z.output<typeof secretStatusSchema>;

export const billerSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  billerGuid: z.string(),
  invoiceTypeId: z.number().int(),
  invoiceFormatGuid: z.string().nullable(),
  icHost: z.string(),
  impresaUrl: z.string(),
  impresaUser: z.string(),
  postingMode: z.enum(POSTING_MODES),
  livePostingUser: z.string(),
  isJobHost: z.boolean(),
  /** True for the embedded sandbox biller. */
  sandbox: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secrets: secretStatusSchema,
});
export type Biller = z.output<typeof billerSchema>;

import * as z from 'zod';
import { billerInputSchema, billerSchema, SECRET_NAMES, secretStatusSchema } from '../domain/biller';
import { channel, noInput, ok } from './define';

const byId = z.object({ id: z.string().min(1, 'Choose a biller.') });

const secretValue = z.string().min(1, 'Enter the secret value.').max(4096);

/** A new biller with the secrets typed on its form: created together, or not at all. */
export const createBillerInputSchema = billerInputSchema.extend({
  secrets: z
    .object({ 'web-service-key': secretValue.optional(), 'impresa-password': secretValue.optional() })
    .strict()
    .optional(),
});

export const connectionResultSchema = z.object({
  system: z.enum(['invoicecloud', 'impresa']),
  ok: z.boolean(),
  /** A plain sentence: "InvoiceCloud accepted the biller GUID and web service key." */
  message: z.string(),
  elapsedMs: z.number(),
});
export type ConnectionResult = z.output<typeof connectionResultSchema>;

export const billersContract = {
  /** Every biller profile, by name. */
  list: channel(noInput, z.array(billerSchema), 'List biller profiles.'),
  /** One biller profile. */
  get: channel(byId, billerSchema, 'Read one biller profile.'),
  /**
   * Creates a profile with the secrets given (later changes go through `secrets:set`). All or
   * nothing: if the keychain cannot store them, no profile is left behind.
   */
  create: channel(createBillerInputSchema, billerSchema, 'Create a biller profile and store its secrets.'),
  /** Replaces a profile's fields. */
  update: channel(z.object({ id: z.string(), fields: billerInputSchema }), billerSchema, 'Update a biller profile.'),
  /**
   * Deletes a profile, its keychain entries and what this computer keeps for it (job history,
   * schedules, mappings, queue copy). CONFLICT while its payments ledger holds any payment.
   */
  remove: channel(
    byId,
    ok,
    'Delete a biller profile, its stored secrets and its local history; refused while it has payments.',
  ),
  /** Calls InvoiceCloud or InHANCE with the stored settings and says in plain words what happened. */
  testConnection: channel(
    z.object({ id: z.string().min(1), system: z.enum(['invoicecloud', 'impresa']) }),
    connectionResultSchema,
    'Test the connection to InvoiceCloud or InHANCE Impresa.',
  ),
};

const secretRef = z.object({ billerId: z.string().min(1), name: z.enum(SECRET_NAMES) });

export const secretsContract = {
  /** Stores or replaces a secret in the OS keychain. The value never comes back. */
  set: channel(secretRef.extend({ value: secretValue }), ok, 'Store or replace a secret in the OS keychain.'),
  /** Removes a secret from the OS keychain. */
  remove: channel(secretRef, ok, 'Remove a secret from the OS keychain.'),
  /** Which of a biller's secrets are stored (booleans only). */
  status: channel(z.object({ billerId: z.string().min(1) }), secretStatusSchema, 'Report which secrets are stored.'),
};

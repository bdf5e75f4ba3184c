import * as z from 'zod';
import { notifyDatesSchema } from '../domain/notify-dates';
import { channel } from './define';

const billerId = z.string().min(1, 'Choose a biller.');

/** One biller's Invoice File settings: what the Invoice File job reads at the start of each run. */
export const invoiceFileSettingsSchema = z.object({
  billerId: z.string(),
  /** The first, second and third email notification dates, as offsets from the bill or due date. */
  dates: notifyDatesSchema,
  /** True while the notification dates are the defaults (none saved). */
  isDefault: z.boolean(),
  /** Each date in words ("3 days before the due date"), first to third. */
  described: z.array(z.string()),
  /** Whether the biller uses PDF linking; when off the BIF's PDF Link column is written empty. Default on. */
  pdfLinking: z.boolean(),
});
export type InvoiceFileSettings = z.output<typeof invoiceFileSettingsSchema>;

export const invoiceFileSettingsInputSchema = z.object({
  billerId,
  /** null: back to the default notification dates. */
  dates: notifyDatesSchema.nullable(),
  pdfLinking: z.boolean({ error: 'Say whether the biller uses PDF linking.' }),
});
export type InvoiceFileSettingsInput = z.output<typeof invoiceFileSettingsInputSchema>;

/** The Biller Invoice File's per-biller settings (the Invoice File job reads them each run). */
export const bifContract = {
  /** The notification date rules and PDF linking of a biller, defaults filled in. */
  settings: channel(z.object({ billerId }), invoiceFileSettingsSchema, 'The Invoice File settings of a biller.'),
  /** Replaces them (dates null: the default dates); the next Invoice File run uses them. */
  setSettings: channel(
    invoiceFileSettingsInputSchema,
    invoiceFileSettingsSchema,
    'Change the Invoice File settings of a biller.',
  ),
};

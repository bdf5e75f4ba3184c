import * as z from 'zod';
import { notifyDatesSchema } from '../domain/notify-dates';
import { channel } from './define';

const billerId = z.string().min(1, 'Choose a biller.');

export const notifyDatesSettingSchema = z.object({
  billerId: z.string(),
  dates: notifyDatesSchema,
  /** True while the biller uses the defaults (nothing saved). */
  isDefault: z.boolean(),
  /** Each date in words ("3 days before the due date"), first to third. */
  described: z.array(z.string()),
});
export type NotifyDatesSetting = z.output<typeof notifyDatesSettingSchema>;

/** The Biller Invoice File's per-biller settings (the Invoice File job reads them each run). */
export const bifContract = {
  /** The first/second/third email notification dates the Invoice File job writes into each invoice. */
  notifyDates: channel(z.object({ billerId }), notifyDatesSettingSchema, 'The BIF notification date rules of a biller.'),
  /** Changes them (null: back to the defaults); the next Invoice File run uses them. */
  setNotifyDates: channel(z.object({ billerId, dates: notifyDatesSchema.nullable() }), notifyDatesSettingSchema, 'Change the BIF notification date rules.'),
};

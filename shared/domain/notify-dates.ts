import * as z from 'zod';
import { addDays } from './dates';

/**
 * The BIF's first, second and third email notification dates (the source document: "BIF
 * customization must include the email notification dates"). Each is a number of days from the
 * bill date or from the due date, or off. Per biller, kept with the Invoice File job's options.
 */
export const NOTIFY_ANCHORS = ['bill', 'due'] as const;
export type NotifyAnchor = (typeof NOTIFY_ANCHORS)[number];

export const NOTIFY_ANCHOR_LABELS: Record<NotifyAnchor, string> = { bill: 'bill date', due: 'due date' };

export const notifyRuleSchema = z.object({
  from: z.enum(NOTIFY_ANCHORS, { error: 'Count the days from the bill date or the due date.' }),
  days: z
    .number({ error: 'Enter the number of days as a whole number.' })
    .int('Enter the number of days as a whole number.')
    .min(-90, 'Keep the offset within 90 days.')
    .max(90, 'Keep the offset within 90 days.'),
});
export type NotifyRule = z.output<typeof notifyRuleSchema>;

export const notifyDatesSchema = z.object({
  first: notifyRuleSchema.nullable(),
  second: notifyRuleSchema.nullable(),
  third: notifyRuleSchema.nullable(),
});
export type NotifyDates = z.output<typeof notifyDatesSchema>;

/**
 * Defaults (ours; the source document gives none): on the bill date, three days before the due
 * date, and the day after it (a past-due reminder). IC's own invoices use the first two.
 */
export const DEFAULT_NOTIFY_DATES: NotifyDates = {
  first: { from: 'bill', days: 0 },
  second: { from: 'due', days: -3 },
  third: { from: 'due', days: 1 },
};

/** The three dates for one bill (`YYYY-MM-DD` or null when that notice is off). */
export function notifyDatesFor(
  bill: { billDate: string; dueDate: string },
  rules: NotifyDates,
): { first: string | null; second: string | null; third: string | null } {
  const at = (rule: NotifyRule | null) =>
    rule ? addDays(rule.from === 'bill' ? bill.billDate : bill.dueDate, rule.days) : null;
  return { first: at(rules.first), second: at(rules.second), third: at(rules.third) };
}

/** "3 days before the due date", "on the bill date", "off". */
export function describeNotifyRule(rule: NotifyRule | null): string {
  if (!rule) return 'off';
  const anchor = NOTIFY_ANCHOR_LABELS[rule.from];
  if (rule.days === 0) return `on the ${anchor}`;
  const n = Math.abs(rule.days);
  return `${n} day${n === 1 ? '' : 's'} ${rule.days < 0 ? 'before' : 'after'} the ${anchor}`;
}

/**
 * Reads a rule as a person types it (the CLI's `--first "3 before due"`): "off", "on bill",
 * "on the due date", "3 before due", "1 day after the bill date". Also reads back what
 * describeNotifyRule says. Throws a sentence naming the accepted forms.
 */
export function parseNotifyRule(text: string): NotifyRule | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'off' || t === 'none') return null;
  const on = /^(?:on )?(?:the )?(bill|due)(?: date)?$/.exec(t);
  if (on) return notifyRuleSchema.parse({ from: on[1], days: 0 });
  const offset = /^(\d+) (?:days? )?(before|after) (?:the )?(bill|due)(?: date)?$/.exec(t);
  if (!offset)
    throw new Error(
      `"${text}" is not a notification date: write "off", "on bill", "on due", or e.g. "3 before due" / "2 after bill".`,
    );
  const days = Number(offset[1]) * (offset[2] === 'before' ? -1 : 1);
  const parsed = notifyRuleSchema.safeParse({ from: offset[3], days });
  if (!parsed.success) throw new Error(`"${text}": ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

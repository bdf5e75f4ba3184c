import type { InvoiceFileSettings } from '../../shared/contract/bif';
import { parseNotifyRule, type NotifyDates } from '../../shared/domain/notify-dates';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import type { CliContext, Command } from '../cli/command';

const ORDINALS = ['first', 'second', 'third'] as const;

function describeSettings(name: string, s: InvoiceFileSettings): string {
  return [
    `Invoice File settings for ${name}`,
    ...ORDINALS.map((o, i) => `  ${`${o} notification`.padEnd(21)}${s.described[i]}`),
    `  ${'PDF linking'.padEnd(21)}${s.pdfLinking ? 'on: each invoice carries its PDF link' : 'off: the PDF Link column is sent empty'}`,
    s.isDefault ? '  (the notification dates are the defaults)' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The change the flags ask for, read (and checked) before anything is written; null when none. */
function requestedChange(
  ctx: CliContext,
  current: InvoiceFileSettings,
): { dates: NotifyDates | null; pdfLinking: boolean } | null {
  const flags = ctx.args.flags;
  const reset = flags.reset === true;
  const changes = [...ORDINALS, 'pdf-linking'].filter((f) => f in flags);
  if (reset && changes.length > 0)
    throw new AppError(
      'INVALID_INPUT',
      `--reset puts every Invoice File setting back to its default; leave out --${changes.join(', --')}, or drop --reset.`,
    );
  if (reset) return { dates: null, pdfLinking: true };
  if (changes.length === 0) return null;
  const dates: NotifyDates = { ...current.dates };
  for (const ordinal of ORDINALS) {
    const text = flagString(ctx.args, ordinal);
    if (text === undefined) continue;
    try {
      dates[ordinal] = parseNotifyRule(text);
    } catch (error) {
      throw new AppError('INVALID_INPUT', `--${ordinal}: ${(error as Error).message}`);
    }
  }
  let pdfLinking = current.pdfLinking;
  const linking = flagString(ctx.args, 'pdf-linking');
  if (linking !== undefined) {
    if (linking !== 'yes' && linking !== 'no')
      throw new AppError('INVALID_INPUT', `--pdf-linking takes yes or no, not "${linking}".`);
    pdfLinking = linking === 'yes';
  }
  // Only PDF linking asked for: a biller on the default dates stays on them.
  const datesAsked = ORDINALS.some((o) => o in flags);
  return { dates: datesAsked || !current.isDefault ? dates : null, pdfLinking };
}

/** `billers invoice-file`: shows, and with flags changes, a biller's Invoice File settings. */
export const invoiceFileSettingsCommand: Command = {
  domain: 'billers',
  verb: 'invoice-file',
  usage: 'billers invoice-file --biller X [--first|--second|--third RULE] [--pdf-linking yes|no] [--reset]',
  flags: ['biller', 'first', 'second', 'third', 'pdf-linking', 'reset'],
  summary:
    'Show or change the Invoice File settings: notification dates (RULE: "3 before due", "2 after bill", "on bill", "off") and PDF linking.',
  async run(ctx) {
    const biller = ctx.biller();
    const store = ctx.core.invoiceFileSettings;
    const change = requestedChange(ctx, store.get(biller.id));
    const settings = change ? store.set(biller.id, change) : store.get(biller.id);
    return {
      json: settings,
      text: `${change ? 'Saved; the next Invoice File run uses these.\n' : ''}${describeSettings(biller.name, settings)}`,
    };
  },
};

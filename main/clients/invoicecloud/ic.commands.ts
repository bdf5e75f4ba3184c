import { formatCents } from '../../../shared/domain/money';
import { AppError } from '../../../shared/errors';
import type { Command, CliContext } from '../../cli/command';
import { comparisonText } from '../../ic-ops/ic-ops.commands';

function positional(ctx: CliContext, what: string): string {
  const value = ctx.args.positionals[2];
  if (!value)
    throw new AppError(
      'INVALID_INPUT',
      `Give the ${what}, e.g. "npm run cli -- ic ${ctx.args.positionals[1]} 100234 --biller 'Sandbox Utility'".`,
    );
  return value;
}

function lines(record: object): string {
  return Object.entries(record)
    .map(
      ([k, v]) =>
        `  ${k.padEnd(28)} ${v === null ? '(none)' : /Cents$/.test(k) && typeof v === 'number' ? `${formatCents(v)}  (${v} cents)` : String(v)}`,
    )
    .join('\n');
}

/** Support look-ups straight against InvoiceCloud, with the biller's stored key. */
export const icCommands: Command[] = [
  {
    domain: 'ic',
    verb: 'view-invoice',
    usage: 'ic view-invoice <invoiceNumber> --biller B [--compare] [--json]',
    flags: ['biller', 'compare'],
    summary: 'ViewInvoiceByInvoiceNumber: the invoice as InvoiceCloud holds it (amounts in cents, dates ISO or null).',
    async run(ctx) {
      const number = positional(ctx, 'invoice number');
      if (ctx.args.flags.compare === true) {
        const c = await ctx.core.icOps.lookups.invoice(ctx.biller().id, number);
        return { json: c, text: comparisonText(c) };
      }
      const invoice = await (await ctx.core.clients.invoiceCloud(ctx.biller().id)).viewInvoiceByInvoiceNumber(number);
      return { json: invoice, text: `Invoice ${number} at InvoiceCloud\n${lines(invoice)}` };
    },
  },
  {
    domain: 'ic',
    verb: 'view-customer',
    usage: 'ic view-customer <accountNumber> --biller B [--compare] [--json]',
    flags: ['biller', 'compare'],
    summary: 'ViewCustomerRecord: the customer as InvoiceCloud holds it.',
    async run(ctx) {
      const number = positional(ctx, 'account number');
      if (ctx.args.flags.compare === true) {
        const c = await ctx.core.icOps.lookups.customer(ctx.biller().id, number);
        return { json: c, text: comparisonText(c) };
      }
      const customer = await (await ctx.core.clients.invoiceCloud(ctx.biller().id)).viewCustomerRecord(number);
      return { json: customer, text: `Customer ${number} at InvoiceCloud\n${lines(customer)}` };
    },
  },
];

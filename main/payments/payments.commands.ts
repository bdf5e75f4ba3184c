import fs from 'node:fs';
import path from 'node:path';
import { formatCents } from '../../shared/domain/money';
import { QUEUE_TABS, type QueueEntry, type QueueTab } from '../../shared/domain/payments';
import { AppError } from '../../shared/errors';
import { flagString, isRealDay, outFileProblem } from '../cli/args';
import { table, type CliContext, type Command } from '../cli/command';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function entryLine(e: QueueEntry): Array<string | number> {
  return [
    e.entryId ?? '',
    e.accountNumber,
    e.customerName.slice(0, 28),
    formatCents(e.amountCents),
    e.method.toUpperCase(),
    e.depositDate,
    e.exception ? `${e.exception.kind}: ${e.exception.reason}` : '',
  ];
}

async function pending(ctx: CliContext) {
  const { payments } = ctx.core;
  const biller = ctx.biller();
  const tabFlag = flagString(ctx.args, 'tab');
  if (tabFlag && !(QUEUE_TABS as readonly string[]).includes(tabFlag))
    throw new AppError('INVALID_INPUT', `--tab must be one of ${QUEUE_TABS.join(', ')}.`);
  const tabs: QueueTab[] = tabFlag ? [tabFlag as QueueTab] : ['ready', 'exceptions'];
  const sync = await payments.refresh(biller.id);
  const search = flagString(ctx.args, 'search') ?? '';
  const entries: QueueEntry[] = [];
  for (const tab of tabs) {
    const page = await payments.list({
      billerId: biller.id,
      tab,
      search,
      sort: 'paidAt',
      direction: 'asc',
      offset: 0,
      limit: 20_000,
    });
    entries.push(...page.rows);
  }
  const totalCents = entries.reduce((s, e) => s + e.amountCents, 0);
  const text = entries.length
    ? `${table(['ENTRY', 'ACCOUNT', 'CUSTOMER', 'AMOUNT', 'METHOD', 'DEPOSIT DAY', 'EXCEPTION'], entries.map(entryLine))}\n\n${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, ${formatCents(totalCents)} (read from InHANCE at ${sync.syncedAt}).`
    : `No pending entries for ${biller.name} (read from InHANCE at ${sync.syncedAt}).`;
  return { json: { billerId: biller.id, syncedAt: sync.syncedAt, count: entries.length, totalCents, entries }, text };
}

async function post(ctx: CliContext) {
  const ids = ctx.args.positionals.slice(2);
  if (ids.length === 0)
    throw new AppError('INVALID_INPUT', 'Name the entries to post: payments post <entryId…> (see "payments pending").');
  const biller = ctx.biller();
  const result = await ctx.core.payments.post({ billerId: biller.id, entryIds: ids });
  const text = [
    table(
      ['ENTRY', 'RESULT', 'MESSAGE'],
      result.results.map((r) => [r.entryId, r.outcome, r.message]),
    ),
    '',
    `${result.done} posted (${formatCents(result.doneCents)}), ${result.alreadyPosted} already posted, ${result.failed} failed.`,
  ].join('\n');
  return { json: result, text, exitCode: result.failed > 0 ? 1 : 0 };
}

async function report(ctx: CliContext) {
  const biller = ctx.biller();
  const date = flagString(ctx.args, 'date') ?? ctx.core.payments.today(biller.id);
  if (!DAY.test(date)) throw new AppError('INVALID_INPUT', 'Write the date as YYYY-MM-DD (--date 2025-03-03).');
  if (!isRealDay(date))
    throw new AppError(
      'INVALID_INPUT',
      `--date ${date} is not a day on the calendar. Write a real date as YYYY-MM-DD (--date 2025-03-03).`,
    );
  const format = flagString(ctx.args, 'format') ?? 'pdf';
  if (format !== 'csv' && format !== 'pdf') throw new AppError('INVALID_INPUT', '--format must be csv or pdf.');
  const file = await ctx.core.payments.report({ billerId: biller.id, date, format });
  const out = flagString(ctx.args, 'out') ?? file.fileName;
  const target = path.resolve(out);
  // The folder is not created (a typo would scatter reports), and a folder is not a file.
  const problem = outFileProblem(out);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  fs.writeFileSync(target, Buffer.from(file.base64, 'base64'));
  return {
    json: { file: target, bytes: file.bytes, date, format },
    text: `Wrote the ${format.toUpperCase()} payments report for ${date} to ${target} (${file.bytes} bytes).`,
  };
}

async function run(ctx: CliContext) {
  const biller = ctx.biller();
  const started = ctx.core.jobs.run(biller.id, 'payments', {
    dryRun: ctx.args.flags['dry-run'] === true,
    force: ctx.args.flags.force === true,
  });
  const done = await started.finished;
  const ok = done.state === 'succeeded';
  const text = `Payments job ${done.state}: ${done.summary ?? ''}${done.error ? `\n${done.error.message}` : ''}`;
  return { json: done, text, exitCode: ok ? 0 : 1 };
}

async function check(ctx: CliContext) {
  const biller = ctx.biller();
  const result = await ctx.core.payments.check(biller.id);
  const f = result.figures;
  const figures = `${f.ledgerPayments} payment(s) in the ledger, ${f.icPayments} in IC's feed through record ${f.icThroughSequence}; InHANCE holds ${f.inhanceEntries} entr${f.inhanceEntries === 1 ? 'y' : 'ies'} and ${f.inhanceLiveReceipts} live receipt(s); ${f.duplicateDeliveries} duplicate deliver${f.duplicateDeliveries === 1 ? 'y' : 'ies'} from IC; ${f.days} deposit day(s).`;
  const text = result.ok
    ? `Ledger check passed. ${figures}`
    : `Ledger check FAILED:\n${result.problems.map((p) => `  - ${p}`).join('\n')}\n${figures}`;
  return { json: result, text, exitCode: result.ok ? 0 : 1 };
}

export const paymentsCommands: Command[] = [
  {
    domain: 'payments',
    verb: 'pending',
    usage: 'payments pending [--tab T] [--search S] [--biller B] [--json]',
    flags: ['tab', 'search', 'biller'],
    summary: 'Pending entries (Ready and Exceptions), read from InHANCE.',
    run: pending,
  },
  {
    domain: 'payments',
    verb: 'post',
    usage: 'payments post <entryId…> [--biller B] [--json]',
    flags: ['biller'],
    summary: 'Post entries; each gets its own result. Exits 1 if any failed.',
    run: post,
  },
  {
    domain: 'payments',
    verb: 'report',
    usage: 'payments report [--date YYYY-MM-DD] [--format csv|pdf] [--out FILE] [--biller B]',
    flags: ['date', 'format', 'out', 'biller'],
    summary: 'Write the daily payments report.',
    run: report,
  },
  {
    domain: 'payments',
    verb: 'run',
    usage: 'payments run [--dry-run] [--force] [--biller B] [--json]',
    flags: ['dry-run', 'force', 'biller'],
    summary: 'Run the Payments job now and wait for it.',
    run,
  },
  {
    domain: 'ledger',
    verb: 'check',
    usage: 'ledger check [--biller B] [--json]',
    flags: ['biller'],
    summary: 'Verify the ledger against InHANCE and IC; exits 1 with what is wrong.',
    run: check,
  },
];

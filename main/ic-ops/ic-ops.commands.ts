import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Comparison } from '../../shared/contract/ic';
import { IC_RATE_LIMIT_BOUNDS, type IcRateLimits } from '../../shared/domain/ic-rate-limits';
import { AppError } from '../../shared/errors';
import { flagString } from '../cli/args';
import { table, type CliContext, type Command } from '../cli/command';
import { describeLimits } from '../clients/invoicecloud/rate-limits.store';
import { EXPORT_HEADER, exportRow } from './batch';

const LIMIT_FLAGS: Record<string, keyof IcRateLimits> = {
  'min-interval-ms': 'minIntervalMs',
  threshold: 'threshold',
  'cooldown-ms': 'cooldownMs',
  'delay-after-429-ms': 'delayAfter429Ms',
  'max-concurrency': 'maxConcurrency',
};

function wholeNumber(ctx: CliContext, flag: string): number | undefined {
  const raw = ctx.args.flags[flag];
  if (raw === undefined) return undefined;
  const key = LIMIT_FLAGS[flag]!;
  const { min, max, label } = IC_RATE_LIMIT_BOUNDS[key];
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max)
    throw new AppError('INVALID_INPUT', `--${flag}: ${label} must be a whole number from ${min} to ${max}.`);
  return Number(raw);
}

/** The side-by-side text of `ic view-invoice|view-customer --compare`. */
export function comparisonText(c: Comparison): string {
  const head = `${c.kind === 'invoice' ? 'Invoice' : 'Customer'} ${c.key}${c.accountNumber && c.kind === 'invoice' ? ` (account ${c.accountNumber})` : ''}: InvoiceCloud and InHANCE`;
  const notes = [
    c.ic.error ? `InvoiceCloud: ${c.ic.error}` : null,
    c.impresa.error ? `InHANCE: ${c.impresa.error}` : null,
  ].filter(Boolean);
  const rows = c.fields.map((f) => [f.differs ? '*' : '', f.label, f.ic ?? '—', f.impresa ?? '—']);
  const tail =
    c.differences === 0
      ? 'No differences.'
      : `${c.differences} difference${c.differences === 1 ? '' : 's'} (marked *).`;
  return [head, ...notes, table(['', 'field', 'InvoiceCloud', 'InHANCE'], rows), tail].join('\n');
}

export const icOpsCommands: Command[] = [
  {
    domain: 'ic',
    verb: 'limits',
    usage:
      'ic limits --biller B [--min-interval-ms N] [--threshold N --cooldown-ms N] [--delay-after-429-ms N] [--max-concurrency N] [--reset]',
    flags: ['biller', 'reset', ...Object.keys(LIMIT_FLAGS)],
    summary: "Shows (or changes) the biller's InvoiceCloud rate limits; every job, look-up and batch honours them.",
    async run(ctx) {
      const biller = ctx.biller();
      const store = ctx.core.icOps.limits;
      const changes: Partial<IcRateLimits> = {};
      for (const flag of Object.keys(LIMIT_FLAGS)) {
        const n = wholeNumber(ctx, flag);
        if (n !== undefined) changes[LIMIT_FLAGS[flag]!] = n;
      }
      let view = store.get(biller.id);
      if (ctx.args.flags.reset === true) view = store.set(biller.id, null);
      if (Object.keys(changes).length > 0) {
        const { billerId: _b, isDefault: _d, ...current } = view;
        view = store.set(biller.id, { ...current, ...changes });
      }
      const { billerId: _b, isDefault, ...limits } = view;
      const text = [
        `InvoiceCloud rate limits of ${biller.name}${isDefault ? ' (the defaults)' : ''}:`,
        `  minimum interval        ${limits.minIntervalMs} ms`,
        `  threshold / cool-down   ${limits.threshold === 0 ? 'off' : `${limits.threshold} requests, then ${limits.cooldownMs} ms`}`,
        `  delay after HTTP 429    ${limits.delayAfter429Ms} ms when IC sends no Retry-After`,
        `  concurrency cap         ${limits.maxConcurrency}`,
      ].join('\n');
      return { json: view, text: `${text}\n(${describeLimits(limits)})` };
    },
  },
  {
    domain: 'ic',
    verb: 'batch',
    usage: 'ic batch --file F --kind invoices|accounts --action lookup|refresh --out R.csv --biller B [--json]',
    flags: ['biller', 'file', 'kind', 'action', 'out'],
    summary:
      'Looks up (or refreshes from InHANCE) the IC balance of every invoice or account in a CSV; per-row results to --out.',
    async run(ctx) {
      const file = flagString(ctx.args, 'file');
      const out = flagString(ctx.args, 'out');
      const kind = flagString(ctx.args, 'kind');
      const action = flagString(ctx.args, 'action');
      if (!file) throw new AppError('INVALID_INPUT', 'Give the CSV with --file, e.g. --file accounts.csv.');
      if (!out) throw new AppError('INVALID_INPUT', 'Say where the results go with --out, e.g. --out results.csv.');
      if (kind !== 'invoices' && kind !== 'accounts')
        throw new AppError('INVALID_INPUT', '--kind must be invoices or accounts.');
      if (action !== 'lookup' && action !== 'refresh')
        throw new AppError('INVALID_INPUT', '--action must be lookup or refresh.');
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new AppError('INVALID_INPUT', `${file} cannot be read: check the path.`);
      }
      // The first 64 KB decide the delimiter and header; the rows are then streamed.
      const fd = openSync(file, 'r');
      const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
      readSync(fd, buffer, 0, buffer.length, 0);
      closeSync(fd);
      const biller = ctx.biller();
      const batches = ctx.core.icOps.batches;
      const loaded = await batches.load({
        billerId: biller.id,
        kind,
        fileName: path.basename(file),
        head: buffer.toString('utf8'),
        stream: createReadStream(file),
      });
      const tty = process.stderr.isTTY && ctx.args.flags.json !== true;
      const unsubscribe = ctx.core.events.subscribe((event, payload) => {
        if (tty && event === 'ic:batch' && payload.batchId === loaded.id)
          process.stderr.write(`\r${payload.done} of ${payload.valid} rows done…   `);
        if (tty && event === 'ic:throttled')
          process.stderr.write(`\rInvoiceCloud calls are being throttled (${payload.reason})…   `);
      });
      batches.start(loaded.id, action);
      const finished = await batches.whenIdle(loaded.id);
      unsubscribe();
      if (tty) process.stderr.write('\n');
      const stream = createWriteStream(out);
      stream.write(stringify([EXPORT_HEADER]));
      for (const page of batches.pages(loaded.id)) stream.write(stringify(page.map(exportRow)));
      await new Promise<void>((resolve, reject) =>
        stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      const c = finished.counts;
      const text = [
        `${finished.fileName}: ${finished.total} rows (${finished.valid} usable, ${c.invalid} invalid); delimiter ${JSON.stringify(finished.delimiter)}, ${finished.hasHeader ? `header, column "${finished.columns[finished.column]}"` : `no header, column ${finished.column + 1}`}.`,
        `${action === 'lookup' ? 'Looked up' : 'Refreshed'}: ${c.ok} the same, ${c.differs} differ, ${c.changed} changed, ${c.notFound} not found, ${c.failed} failed.`,
        `Results: ${out}`,
      ].join('\n');
      const stopped = finished.state !== 'done';
      return {
        json: { ...finished, preview: undefined, out },
        text,
        exitCode: stopped || c.failed > 0 ? 1 : 0,
        ...(stopped ? { stderr: finished.note ?? 'The batch stopped before its end.' } : {}),
      };
    },
  },
];

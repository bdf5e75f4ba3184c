import { notifyDatesFor, type NotifyDates } from '../../../shared/domain/notify-dates';
import { AppError } from '../../../shared/errors';
import { ClientError } from '../../clients/errors';
import type { ImpresaAccount, ImpresaBill, ImpresaClient } from '../../clients/impresa';
import type { InvoiceCloudClient } from '../../clients/invoicecloud';
import type { IcRejectedRow } from '../../clients/invoicecloud/types';
import { mapLimit } from '../../ground/map-limit';
import type { CompiledMapping } from '../../mapping/apply';
import type { BillerSource } from '../../mapping/records';
import type { JobContext, JobDefinition, JobOutcome, ReportWriter } from '../job-definition';
import { accountSource, bifCsv, bifFileName, billSource } from './bif-file';
import { clientsFor, guard, isNotFound, numericCursor, plural, throwIfCancelled, type JobDeps } from './run-support';

export interface InvoiceFileOptions {
  /** Bills per BIF (one upload per page). */
  pageSize: number;
  /** InHANCE account lookups in flight at once. */
  lookups: number;
}

export const REJECTED_ROWS_REPORT = 'rejected-rows';
/** The BIF column a biller without PDF linking gets empty. */
const PDF_LINK_COLUMN = 'invoices-pdflink';
/** A page at least this long that the mapping rejects whole stops the run instead of moving on. */
const WHOLE_PAGE_REJECTED = 10;
const REJECTED_COLUMNS = ['source', 'accountNumber', 'invoiceNumber', 'reason'];

/** One invoice of a file being built: its mapped values and where it came from. */
interface Line {
  bill: ImpresaBill;
  values: Record<string, string>;
}

interface Totals {
  files: number;
  sent: number;
  rejected: number;
  alreadyThere: number;
}

/**
 * Invoice File (every 3 hours): new bills from InHANCE since the cursor, mapped through the
 * biller's active CRM mapping (the BIF's header is the mapping's targets), uploaded to IC a page
 * at a time. The cursor moves only after IC answered for the page. A row the mapping or IC
 * rejects is counted as failed and listed in the run's "rejected-rows" report.
 *
 * Idempotency by invoice number: before each upload the job notes the page as in flight; when an
 * upload's answer never arrives, the next run asks IC which of those invoices it already has and
 * sends only the others (IC also replaces an invoice it receives twice: ASSUMED).
 */
export class InvoiceFileJob implements JobDefinition {
  readonly kind = 'invoice-file' as const;
  private readonly options: InvoiceFileOptions;

  constructor(
    private readonly deps: JobDeps,
    options: Partial<InvoiceFileOptions> = {},
  ) {
    this.options = { pageSize: 250, lookups: 8, ...options };
  }

  async run(ctx: JobContext): Promise<JobOutcome> {
    const { ic, impresa } = await clientsFor(this.deps, ctx);
    const mapping = this.deps.mapping.activeForJob(ctx.biller.id);
    const columns = mapping.compiled.targets;
    ctx.log(
      'info',
      `CRM field mapping version ${mapping.version}${mapping.version === 0 ? ' (the standard mapping)' : ''}: the file has ${columns.length} columns.`,
    );
    ctx.attach('mapping', { version: mapping.version, columns });
    const settings = this.deps.invoiceFileSettings.get(ctx.biller.id);
    ctx.log(
      'info',
      `Notification dates: first ${settings.described[0]}, second ${settings.described[1]}, third ${settings.described[2]}${settings.isDefault ? ' (defaults)' : ''}.`,
    );
    if (!settings.pdfLinking)
      ctx.log(
        'info',
        `This biller does not use PDF linking: the PDF Link column (${PDF_LINK_COLUMN}) is left empty on every invoice, whatever the mapping says.`,
      );
    const report = ctx.report(REJECTED_ROWS_REPORT, REJECTED_COLUMNS);
    const biller = { invoiceTypeId: ctx.biller.invoiceTypeId, invoiceFormatGuid: ctx.biller.invoiceFormatGuid };

    let cursor = numericCursor(ctx, 'bills');
    // An upload whose answer never came covers bills up to this position: check them with IC first.
    const inFlight = numericCursor(ctx, 'in-flight');
    if (inFlight > cursor)
      ctx.log(
        'warn',
        `The last upload (bills after #${cursor} through #${inFlight}) was never confirmed by InvoiceCloud; invoices it already has are not sent again.`,
      );
    const totals: Totals = { files: 0, sent: 0, rejected: 0, alreadyThere: 0 };
    let page = 0;
    let done = 0;
    for (;;) {
      throwIfCancelled(ctx);
      const listed = await guard(() => impresa.listBillsSince({ cursor, limit: this.options.pageSize }));
      const bills = uniqueBills(listed.items);
      ctx.count('read', bills.length);
      page++;
      const lines = await this.mapPage(ctx, impresa, bills, {
        biller,
        notify: settings.dates,
        pdfLinking: settings.pdfLinking,
        compiled: mapping.compiled,
        report,
        totals,
      });
      if (bills.length >= WHOLE_PAGE_REJECTED && lines.length === 0) {
        // Every bill of a full page refused: the mapping, not the bills, is most likely wrong. Stop
        // before the cursor moves past them, so they go once the mapping is fixed.
        throw new AppError(
          'INVALID_INPUT',
          `The CRM field mapping (version ${mapping.version}) rejected all ${bills.length} bills of a page, so none were sent and the job stopped there. The rejected rows say why; correct the mapping, then run the job again.`,
        );
      }
      const toSend = inFlight > cursor ? await this.notYetAtIc(ctx, ic, lines, inFlight, totals) : lines;
      if (toSend.length > 0) await this.upload(ctx, ic, toSend, columns, page, listed.nextCursor, report, totals);
      if (listed.nextCursor > cursor) ctx.cursor.commit('bills', String(listed.nextCursor));
      if (numericCursor(ctx, 'in-flight') !== 0) ctx.cursor.commit('in-flight', '0');
      cursor = Math.max(cursor, listed.nextCursor);
      done += bills.length;
      ctx.progress(done, null, `Bills through #${cursor}`);
      if (!listed.hasMore || bills.length === 0) break;
    }
    const verb = ctx.dryRun ? 'would be sent' : 'sent';
    const parts = [`${plural(totals.sent, 'invoice')} ${verb} to InvoiceCloud in ${plural(totals.files, 'file')}`];
    if (totals.rejected) parts.push(`${totals.rejected} rejected (see the rejected rows)`);
    if (totals.alreadyThere) parts.push(`${totals.alreadyThere} already at InvoiceCloud`);
    parts.push(`mapping version ${mapping.version}`);
    return { summary: parts.join('; ') };
  }

  /** Maps one page of bills; rejected ones go to the report, the rest come back as lines. */
  private async mapPage(
    ctx: JobContext,
    impresa: ImpresaClient,
    bills: ImpresaBill[],
    m: {
      biller: BillerSource;
      notify: NotifyDates;
      pdfLinking: boolean;
      compiled: CompiledMapping;
      report: ReportWriter;
      totals: Totals;
    },
  ): Promise<Line[]> {
    const numbers = [...new Set(bills.map((b) => b.accountNumber))];
    const found = await mapLimit(numbers, this.options.lookups, async (n) => {
      try {
        return await guard(() => impresa.getAccount(n));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
    const accounts = new Map<string, ImpresaAccount | null>(numbers.map((n, i) => [n, found[i]!]));
    const lines: Line[] = [];
    const rejected: Array<Record<string, unknown>> = [];
    for (const bill of bills) {
      const account = accounts.get(bill.accountNumber) ?? null;
      if (!account) {
        rejected.push({
          source: 'InHANCE',
          accountNumber: bill.accountNumber,
          invoiceNumber: bill.invoiceNumber,
          reason: `Account ${bill.accountNumber} of bill ${bill.invoiceNumber} is not in InHANCE.`,
        });
        continue;
      }
      const result = m.compiled.apply({
        account: accountSource(account),
        bill: billSource(bill, account),
        biller: m.biller,
        notify: notifyDatesFor(bill, m.notify),
      });
      if ('values' in result)
        lines.push({
          bill,
          values:
            m.pdfLinking || !(PDF_LINK_COLUMN in result.values)
              ? result.values
              : { ...result.values, [PDF_LINK_COLUMN]: '' },
        });
      else
        rejected.push({
          source: 'mapping',
          accountNumber: bill.accountNumber,
          invoiceNumber: bill.invoiceNumber,
          reason: result.rejected,
        });
    }
    if (rejected.length) {
      m.report.append(rejected);
      ctx.count('failed', rejected.length);
      m.totals.rejected += rejected.length;
      ctx.log(
        'warn',
        `${plural(rejected.length, 'bill')} could not be mapped and ${rejected.length === 1 ? 'is' : 'are'} listed in the rejected rows; first: ${String(rejected[0]!.reason)}`,
      );
    }
    return lines;
  }

  /** After an unconfirmed upload: the lines of that upload IC does not have yet (the rest are skipped). */
  private async notYetAtIc(
    ctx: JobContext,
    ic: InvoiceCloudClient,
    lines: Line[],
    inFlight: number,
    totals: Totals,
  ): Promise<Line[]> {
    const there = await mapLimit(lines, this.options.lookups, async (line) => {
      if (line.bill.seq > inFlight) return false;
      try {
        await guard(() => ic.viewInvoiceByInvoiceNumber(line.bill.invoiceNumber));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
    const skipped = there.filter(Boolean).length;
    if (skipped > 0) {
      ctx.count('skipped', skipped);
      totals.alreadyThere += skipped;
      ctx.log(
        'info',
        `${plural(skipped, 'invoice')} of the unconfirmed upload ${skipped === 1 ? 'is' : 'are'} already at InvoiceCloud and ${skipped === 1 ? 'was' : 'were'} not sent again.`,
      );
    }
    return lines.filter((_, i) => !there[i]);
  }

  private async upload(
    ctx: JobContext,
    ic: InvoiceCloudClient,
    lines: Line[],
    columns: readonly string[],
    page: number,
    upTo: number,
    report: ReportWriter,
    totals: Totals,
  ): Promise<void> {
    const fileName = bifFileName(ctx.clock.now(), ctx.installationId, page);
    if (ctx.dryRun) {
      ctx.count('written', lines.length);
      totals.sent += lines.length;
      totals.files++;
      ctx.log(
        'info',
        `Would upload ${fileName}: ${plural(lines.length, 'invoice')} (${lines[0]!.bill.invoiceNumber} … ${lines.at(-1)!.bill.invoiceNumber}).`,
      );
      return;
    }
    const csv = bifCsv(
      columns,
      lines.map((l) => l.values),
    );
    // Noted before the call: if the answer is lost, the next run knows which invoices to check.
    ctx.cursor.commit('in-flight', String(upTo));
    let rejectedRows: IcRejectedRow[];
    let accepted: number;
    try {
      const result = await ic.uploadEncodedInvoiceFile({ invoiceTypeId: ctx.biller.invoiceTypeId, fileName, csv });
      rejectedRows = result.rejectedRows;
      accepted = result.rowsAccepted;
      if (
        result.rowsAccepted < 0 ||
        result.rowsAccepted > lines.length ||
        result.rowsReceived < 0 ||
        result.rowsRejected < 0
      ) {
        ctx.anomaly(
          'rows-accepted',
          `UploadEncodedInvoiceFile ${fileName}`,
          `InvoiceCloud answered RowsReceived=${result.rowsReceived}, RowsAccepted=${result.rowsAccepted}, RowsRejected=${result.rowsRejected} for ${plural(lines.length, 'invoice')} sent; the accepted count is not used.`,
        );
        accepted = 0;
      }
      ctx.log(
        'info',
        `Uploaded ${fileName}: InvoiceCloud accepted ${result.rowsAccepted} of ${result.rowsReceived} (file ${result.fileId}).`,
      );
    } catch (error) {
      const rows =
        error instanceof ClientError && error.code === 'IC_BUSINESS' && Array.isArray(error.details)
          ? (error.details as IcRejectedRow[])
          : [];
      if (rows.length === 0 || rows.length < lines.length) {
        // IC answered and took nothing: no need to check these invoices next time.
        if (error instanceof ClientError && (error.code === 'IC_BUSINESS' || error.code === 'IC_AUTH'))
          ctx.cursor.commit('in-flight', '0');
        if (error instanceof ClientError && error.retryable) {
          throw new AppError(
            'IC_TRANSIENT',
            `InvoiceCloud did not confirm the upload of ${plural(lines.length, 'invoice')} (${error.message}). The next run asks InvoiceCloud which of them it has and sends only the rest.`,
            { cause: error },
          );
        }
        throw error;
      }
      // Every row refused one by one: a data problem in these rows, not in the file.
      rejectedRows = rows;
      accepted = 0;
      ctx.log('warn', `InvoiceCloud refused every invoice of ${fileName}; they are listed in the rejected rows.`);
    }
    totals.files++;
    totals.sent += accepted;
    ctx.count('written', accepted);
    if (rejectedRows.length > 0) {
      // Line 1 is the header, so line n is lines[n - 2].
      report.append(
        rejectedRows.map((r) => ({
          source: 'InvoiceCloud',
          accountNumber: lines[r.lineNumber - 2]?.bill.accountNumber ?? '',
          invoiceNumber: r.invoiceNumber,
          reason: r.reason,
        })),
      );
      ctx.count('failed', rejectedRows.length);
      totals.rejected += rejectedRows.length;
      ctx.log(
        'warn',
        `InvoiceCloud rejected ${plural(rejectedRows.length, 'row')} of ${fileName}; first: ${rejectedRows[0]!.reason}`,
      );
    }
  }
}

/** A page as InHANCE sent it, without a bill repeated within it (a retried answer can repeat one). */
function uniqueBills(items: ImpresaBill[]): ImpresaBill[] {
  const seen = new Set<string>();
  return items.filter((b) => (seen.has(b.invoiceNumber) ? false : (seen.add(b.invoiceNumber), true)));
}

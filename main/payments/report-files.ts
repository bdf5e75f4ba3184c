import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { centsToDecimal, formatCents } from '../../shared/domain/money';
import type { DailyReport, ReportLine } from './daily-report';

/** The daily report as files: one CSV table (a `section` column per line), and a printable PDF. */

const SECTIONS = [
  ['posted', 'Posted'],
  ['held', 'Held'],
  ['rejected', 'Rejected'],
  ['reversed', 'Reversed'],
  ['returned', 'Returned'],
] as const satisfies ReadonlyArray<readonly [keyof DailyReport, string]>;

function localTime(at: string | null, timeZone: string): string {
  if (!at) return '';
  return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(at),
  );
}

/** "2026-12-07 10:05 EST": when the report was made, on the biller's clock like its rows (not UTC). */
function generatedLocal(at: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(at));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')} ${p('timeZoneName')}`;
}

export function reportCsv(report: DailyReport): string {
  const rows: Array<Array<string | number>> = [];
  for (const [key, label] of SECTIONS) {
    for (const l of report[key] as ReportLine[]) {
      rows.push([
        label,
        localTime(l.time, report.timeZone),
        l.entryId ?? '',
        l.receiptId ?? '',
        l.paymentGuid,
        l.accountNumber,
        l.customerName,
        l.method.toUpperCase(),
        centsToDecimal(l.amountCents),
        centsToDecimal(l.feeCents),
        l.by,
        l.byName,
        l.code,
        l.reason,
        l.later,
      ]);
    }
  }
  const summary = (label: string, amount: number | null, detail = '') =>
    rows.push([
      'Summary',
      '',
      '',
      '',
      '',
      '',
      label,
      '',
      amount === null ? '' : centsToDecimal(amount),
      '',
      '',
      '',
      '',
      detail,
      '',
    ]);
  summary('Posted', report.postedCents, `${report.posted.length} payment(s)`);
  for (const m of ['card', 'ach'] as const)
    summary(
      `Posted by ${m === 'ach' ? 'ACH' : 'card'}`,
      report.byMethod[m].cents,
      `${report.byMethod[m].count} payment(s)`,
    );
  for (const p of report.byPoster)
    summary(`Posted by ${p.name}`, p.cents, `${p.count} payment(s)${p.live ? ', live posting' : ''}`);
  summary('Convenience fees on posted payments', report.postedFeeCents, 'Not posted to accounts');
  summary('Convenience fees on the deposit day', report.depositFeeCents, 'Not posted to accounts');
  summary('Held at the end of the day', null, heldWords(report, 'held'));
  summary('Rejected at the end of the day', null, heldWords(report, 'rejected'));
  for (const c of report.controls) {
    const on = `Control for deposit day ${c.depositDate}`;
    summary(`${on}: IC total`, c.icCents, c.icCount === null ? '' : `${c.icCount} payment(s)`);
    summary(`${on}: posted + pending + held + exceptions + rejected`, c.accountedCents);
    summary(`${on}: difference`, c.differenceCents, c.message);
  }
  return stringify(rows, {
    header: true,
    columns: [
      'section',
      'time',
      'entry',
      'receipt',
      'ic_reference',
      'account',
      'customer',
      'method',
      'amount',
      'convenience_fee',
      'by',
      'by_name',
      'code',
      'reason',
      'later',
    ],
  });
}

/** "2 at the end of the day (1 more undone that day)": what stood when the day ended, and what did not. */
function heldWords(report: DailyReport, key: 'held' | 'rejected'): string {
  const undone = report.undoneSameDay[key];
  return `${report.standing[key]} at the end of the day${undone ? ` (${undone} more undone that day)` : ''}`;
}

/** A real PDF (pdfkit, standard fonts, so its text can be copied and read back). */
export function reportPdf(report: DailyReport): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 40,
      info: { Title: `Daily payments report ${report.date}`, Author: 'Impresa Bridge' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    doc.font('Helvetica-Bold').fontSize(16).text(`Daily payments report - ${report.date}`);
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#444')
      .text(
        `${report.billerName} (${report.timeZone}). Generated ${generatedLocal(report.generatedAt, report.timeZone)} by ${report.generatedBy}. Every time in this report is in ${report.timeZone}.`,
      );
    doc.moveDown().fillColor('black');

    doc.font('Helvetica-Bold').fontSize(12).text('Summary');
    doc.font('Helvetica').fontSize(10);
    const line = (label: string, value: string) => doc.text(`${label}: ${value}`);
    line('Posted', `${report.posted.length} payment(s), ${formatCents(report.postedCents)}`);
    line('By card', `${report.byMethod.card.count}, ${formatCents(report.byMethod.card.cents)}`);
    line('By ACH', `${report.byMethod.ach.count}, ${formatCents(report.byMethod.ach.cents)}`);
    for (const p of report.byPoster) line(`Posted by ${p.name}`, `${p.count}, ${formatCents(p.cents)}`);
    line('Held', heldWords(report, 'held'));
    line('Rejected', heldWords(report, 'rejected'));
    line('Reversed', String(report.reversed.length));
    line('Returned', String(report.returned.length));
    line(
      'Convenience fees (not posted to accounts)',
      `${formatCents(report.postedFeeCents)} on posted payments; ${formatCents(report.depositFeeCents)} on the deposit day`,
    );
    for (const c of report.controls) {
      line(
        `Control totals for deposit day ${c.depositDate}`,
        `IC ${c.icCents === null ? 'unknown' : formatCents(c.icCents)}; posted ${formatCents(c.postedCents)} + pending ${formatCents(c.pendingCents)} + held ${formatCents(c.heldCents)} + exceptions ${formatCents(c.exceptionCents)} + rejected ${formatCents(c.rejectedCents)} = ${formatCents(c.accountedCents)}`,
      );
      doc.font('Helvetica-Bold').text(c.message).font('Helvetica');
    }

    const columns: Array<[string, number, (l: ReportLine) => string]> = [
      ['Time', 0.07, (l) => localTime(l.time, report.timeZone)],
      ['Account', 0.13, (l) => l.accountNumber],
      ['Customer', 0.16, (l) => l.customerName],
      ['Method', 0.07, (l) => l.method.toUpperCase()],
      ['Amount', 0.1, (l) => formatCents(l.amountCents)],
      ['Fee', 0.07, (l) => formatCents(l.feeCents)],
      ['By', 0.18, (l) => l.byName],
      ['Code', 0.06, (l) => l.code],
      ['Reason', 0.16, (l) => l.reason],
    ];
    const row = (cells: string[], bold = false) => {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
      const y = doc.y;
      let x = left;
      let bottom = y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
      cells.forEach((cell, i) => {
        const w = columns[i]![1] * width;
        doc.text(cell, x, y, { width: w - 4, height: 30, ellipsis: true });
        bottom = Math.max(bottom, doc.y);
        x += w;
      });
      doc.x = left;
      doc.y = bottom + 2;
    };
    for (const [key, label] of SECTIONS) {
      const lines = report[key] as ReportLine[];
      doc.moveDown();
      doc.x = left;
      doc.font('Helvetica-Bold').fontSize(12).text(`${label} (${lines.length})`, left, doc.y);
      if (lines.length === 0) {
        doc.font('Helvetica').fontSize(9).text('None.');
        continue;
      }
      row(
        columns.map((c) => c[0]),
        true,
      );
      for (const l of lines) {
        row(columns.map((c) => c[2](l)));
        // What came of a held or rejected entry since, under its row: the day's line itself never changes.
        if (l.later) {
          doc
            .font('Helvetica-Oblique')
            .fontSize(8)
            .fillColor('#444')
            .text(l.later, left + columns[0]![1] * width, doc.y, { width: width - columns[0]![1] * width });
          doc.fillColor('black');
          doc.x = left;
          doc.y += 2;
        }
      }
    }
    doc.end();
  });
}

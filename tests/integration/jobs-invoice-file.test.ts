import { afterEach, describe, expect, it } from 'vitest';
import { IC_FIELDS } from '../../shared/domain/invoicecloud-fields';
import { addDays } from '../../shared/domain/dates';
import { DAY, jobsWorld, type JobsWorld } from '../support/jobs-world';

let w: JobsWorld | null = null;
afterEach(async () => {
  await w?.close();
  w = null;
});

/** Bills InHANCE issued after `afterSeq` (by its own API). */
async function billsAfter(world: JobsWorld, afterSeq: number) {
  const { impresa } = await world.clients();
  const bills = [];
  for await (const page of impresa.billPages({ cursor: afterSeq, limit: 500 })) bills.push(...page.items);
  return bills;
}

describe('Invoice File job against the sandbox', () => {
  it('uploads every bill once, with PDF link and notification dates, and a second run uploads nothing', async () => {
    w = await jobsWorld({ accounts: 300, seed: 'invoice-file' });
    const first = await w.run('invoice-file');
    expect(first.state).toBe('succeeded');
    expect(first.counts).toEqual({ read: 300, written: 300, skipped: 0, failed: 0 });
    let summary = await w.summary();
    expect(summary.ic.uploads).toMatchObject({ files: 2, invoicesAccepted: 300, rowsRejected: 0, invoicesReplaced: 0 });
    expect(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'bills')).toBe('300');

    // A day later InHANCE has issued the next cycle's bills: only those go.
    w.sandbox.advance(DAY);
    const fresh = await billsAfter(w, 300);
    expect(fresh.length).toBeGreaterThan(3);
    const second = await w.run('invoice-file');
    expect(second.counts).toEqual({ read: fresh.length, written: fresh.length, skipped: 0, failed: 0 });
    summary = await w.summary();
    expect(summary.ic.uploadedInvoices).toBe(300 + fresh.length);
    expect(summary.ic.uploads.invoicesReplaced).toBe(0);
    expect(summary.ic.uploads.last!.fileName).toMatch(
      new RegExp(`^BIF-\\d{8}-\\d{6}-${w.core.installationId.replace(/-/g, '').slice(0, 8)}-p1\\.csv$`),
    );
    // The standard mapping leaves Allow Partial Payments unmapped: every other catalog column is there.
    expect(summary.ic.uploads.last!.columns).toEqual(
      IC_FIELDS.map((f) => f.key).filter((k) => k !== 'invoices-allowpartialpayments'),
    );

    for (const bill of fresh.slice(0, 5)) {
      const invoice = w.sandbox.icInvoice(bill.invoiceNumber)!;
      expect(invoice).toMatchObject({
        accountNumber: bill.accountNumber,
        invoiceDate: bill.billDate,
        dueDate: bill.dueDate,
        totalAmountDueCents: bill.totalAmountDueCents,
        pdfLink: bill.pdfUrl,
      });
      // Defaults: on the bill date, 3 days before the due date, the day after it.
      expect(invoice.notifyDates).toEqual([bill.billDate, addDays(bill.dueDate, -3), addDays(bill.dueDate, 1)]);
      // IC's balance for the account is InHANCE's balance.
      const index = w.sandbox.world.indexOf(bill.accountNumber);
      expect(w.sandbox.world.icBalance[index]).toBe(w.sandbox.world.balance[index]);
    }

    const third = await w.run('invoice-file');
    expect(third.counts).toEqual({ read: 0, written: 0, skipped: 0, failed: 0 });
    expect((await w.summary()).ic.uploads.files).toBe(summary.ic.uploads.files);
    expect(w.detail(third).artifacts.find((a) => a.name === 'mapping')?.data).toMatchObject({ version: 0 });
  });

  it('writes the notification dates the biller set, and empty PDF links once PDF linking is off', async () => {
    w = await jobsWorld({ accounts: 200, seed: 'notify-dates' });
    await w.run('invoice-file');
    w.core.invoiceFileSettings.set(w.biller.id, {
      dates: { first: { from: 'bill', days: 2 }, second: { from: 'due', days: -7 }, third: null },
      pdfLinking: false,
    });
    w.sandbox.advance(DAY);
    const fresh = await billsAfter(w, 200);
    expect(fresh.length).toBeGreaterThan(0);
    // InHANCE has a PDF for these bills, and the standard mapping maps it: the setting still wins.
    expect(fresh.every((b) => b.pdfUrl.length > 0)).toBe(true);
    const run = await w.run('invoice-file');
    expect(run.state).toBe('succeeded');
    const log = w.detail(run).log.map((l) => l.message);
    expect(log).toContain(
      'Notification dates: first 2 days after the bill date, second 7 days before the due date, third off.',
    );
    expect(log.filter((m) => m.includes('PDF linking'))).toEqual([
      'This biller does not use PDF linking: the PDF Link column (invoices-pdflink) is left empty on every invoice, whatever the mapping says.',
    ]);
    expect((await w.summary()).ic.uploads.last!.columns).toContain('invoices-pdflink');
    for (const bill of fresh) {
      expect(w.sandbox.icInvoice(bill.invoiceNumber)).toMatchObject({
        pdfLink: '',
        notifyDates: [addDays(bill.billDate, 2), addDays(bill.dueDate, -7), null],
      });
    }

    // Back on: the next bills carry their PDF link again.
    w.core.invoiceFileSettings.set(w.biller.id, { dates: null, pdfLinking: true });
    w.sandbox.advance(DAY);
    const later = await billsAfter(w, Number(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'bills')));
    expect(later.length).toBeGreaterThan(0);
    const again = await w.run('invoice-file');
    expect(w.detail(again).log.some((l) => l.message.includes('PDF linking'))).toBe(false);
    for (const bill of later) expect(w.sandbox.icInvoice(bill.invoiceNumber)!.pdfLink).toBe(bill.pdfUrl);
  });

  it('a dry run reports what it would upload and changes nothing', async () => {
    w = await jobsWorld({ accounts: 150, seed: 'invoice-dry' });
    const before = await w.summary();
    const dry = await w.run('invoice-file', { dryRun: true });
    expect(dry).toMatchObject({ state: 'succeeded', dryRun: true, counts: { read: 150, written: 150, failed: 0 } });
    expect(dry.summary).toMatch(/^150 invoices would be sent to InvoiceCloud in 1 file/);
    expect(w.detail(dry).log.some((l) => /^Would upload BIF-.*150 invoices/.test(l.message))).toBe(true);
    expect(await w.summary()).toEqual(before);
    expect(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'bills')).toBeNull();
  });

  it('after an upload whose answer was lost, the next run finds the invoices at IC and does not send them again', async () => {
    w = await jobsWorld({ accounts: 300, seed: 'invoice-lost' });
    await w.run('invoice-file');
    w.sandbox.advance(DAY);
    const fresh = await billsAfter(w, 300);
    // IC takes the file but the answer is cut short on the way back.
    w.sandbox.setFaults('ic:malformed@1');
    const lost = await w.run('invoice-file');
    expect(lost.state).toBe('failed');
    expect(lost.error).toMatchObject({
      code: 'IC_TRANSIENT',
      message: expect.stringMatching(/^InvoiceCloud did not confirm the upload of \d+ invoices/),
    });
    expect(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'bills')).toBe('300');
    const afterLost = await w.summary();
    expect(afterLost.ic.uploads.files).toBe(3);
    expect(afterLost.ic.uploadedInvoices).toBe(300 + fresh.length);

    w.sandbox.setFaults('');
    const retry = await w.run('invoice-file');
    expect(retry.state).toBe('succeeded');
    expect(retry.counts).toEqual({ read: fresh.length, written: 0, skipped: fresh.length, failed: 0 });
    const done = await w.summary();
    expect(done.ic.uploads).toMatchObject({ files: 3, invoicesReplaced: 0 });
    expect(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'bills')).toBe(String(300 + fresh.length));
    expect(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'in-flight')).toBe('0');
  });

  it('stops without moving on when the mapping rejects a whole page, and sends those bills once the mapping can be met', async () => {
    w = await jobsWorld({ accounts: 120, seed: 'invoice-stop' });
    // Required before Track 70 delivered the GUID: every row is refused.
    const rows = w.core.mapping
      .getActive(w.biller.id)
      .rows.map((r) => (r.target === 'invoices-invoiceformatguid' ? { ...r, required: true } : r));
    w.core.mapping.save(w.biller.id, rows, 'Invoice format GUID required');
    const stopped = await w.run('invoice-file');
    expect(stopped).toMatchObject({
      state: 'failed',
      counts: { read: 120, failed: 120, written: 0 },
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^The CRM field mapping \(version 1\) rejected all 120 bills of a page/),
      },
    });
    expect(w.detail(stopped, 'rejected-rows').report!.total).toBe(120);
    expect(w.core.jobs.cursor(w.biller.id, 'invoice-file', 'bills')).toBeNull();
    expect((await w.summary()).ic.uploads.files).toBe(0);

    const { id: _id, sandbox: _s, createdAt: _c, updatedAt: _u, ...fields } = w.biller;
    await w.core.billers.update(w.biller.id, { ...fields, invoiceFormatGuid: '5d1c7e3a-9b2f-4c11-8e0a-2f6b3c4d5e6f' });
    const sent = await w.run('invoice-file');
    expect(sent).toMatchObject({ state: 'succeeded', counts: { read: 120, written: 120, failed: 0 } });
    expect((await w.summary()).ic.uploads.last!.columns).toContain('invoices-invoiceformatguid');
  });

  it('follows a mapping change: the BIF columns change and rows the mapping rejects are listed in the run', async () => {
    w = await jobsWorld({ accounts: 300, seed: 'invoice-mapping' });
    await w.run('invoice-file');
    const rows = w.core.mapping.getActive(w.biller.id).rows.map((r) => {
      if (r.target === 'customers-address2') return { ...r, source: null };
      if (r.target === 'customers-emailaddress') return { ...r, required: true };
      return r;
    });
    w.core.mapping.save(w.biller.id, rows, 'No second address line; email required');
    w.sandbox.advance(2 * DAY);
    const fresh = await billsAfter(w, 300);
    const noEmail = fresh.filter(
      (b) => w!.sandbox.world.inhanceAccount(w!.sandbox.world.indexOf(b.accountNumber)).email === '',
    );
    expect(noEmail.length).toBeGreaterThan(0);
    expect(noEmail.length).toBeLessThan(fresh.length);

    const run = await w.run('invoice-file');
    expect(run.state).toBe('partial');
    expect(run.counts).toEqual({
      read: fresh.length,
      written: fresh.length - noEmail.length,
      skipped: 0,
      failed: noEmail.length,
    });
    const summary = await w.summary();
    expect(summary.ic.uploads.last!.columns).not.toContain('customers-address2');
    expect(summary.ic.uploads.last!.columns).toContain('customers-emailaddress');
    const detail = w.detail(run, 'rejected-rows');
    expect(detail.artifacts.find((a) => a.name === 'mapping')?.data).toMatchObject({ version: 1 });
    expect(detail.report!.rows.map((r) => r.invoiceNumber).sort()).toEqual(noEmail.map((b) => b.invoiceNumber).sort());
    expect(detail.report!.rows[0]).toMatchObject({
      source: 'mapping',
      reason: expect.stringMatching(/Email Address \(customers-emailaddress\) is required but empty/),
    });
    for (const b of noEmail) expect(w.sandbox.icInvoice(b.invoiceNumber)).toBeNull();
    expect(run.summary).toMatch(/rejected \(see the rejected rows\); mapping version 1$/);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/cli';
import { QUEUE_REFRESH_MS } from '../../../main/payments/payments.service';
import type { Sandbox } from '../../../main/sandbox';
import { requireSecretService, tempDataDir } from '../../support/temp';
import {
  CLERK_A,
  impresaSummary,
  installation,
  runPaymentsJob,
  sandbox,
  type Installation,
} from '../../support/payments-kit';

/**
 * Given a day's work (Maria posts, holds and rejects; the job pulls a returned ACH payment), the
 * daily report says what happened, as CSV and as a PDF whose text reads back; and the CLI lists,
 * posts, writes the report and checks the ledger, exiting 1 when an invariant is broken.
 */
let sb: Sandbox;
let host: Installation;
const out = tempDataDir('ib-report-');
let today: string;
let postedIds: string[];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const o: string[] = [];
  const e: string[] = [];
  const code = await runCli([...args, '--data-dir', host.dataDir], { out: (t) => o.push(t), err: (t) => e.push(t) });
  return { code, stdout: o.join('\n'), stderr: e.join('\n') };
}

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'f', accounts: 1500 });
  host = await installation(sb, { actor: CLERK_A });
  expect((await runPaymentsJob(host)).state).toBe('succeeded');
  const { payments } = host.core;
  today = payments.today(host.billerId);
  const ready = await payments.ids({ billerId: host.billerId, tab: 'ready', search: '' });
  postedIds = ready.entryIds.slice(0, 6);
  expect((await payments.post({ billerId: host.billerId, entryIds: postedIds })).done).toBe(6);
  await payments.hold({ billerId: host.billerId, entryIds: [ready.entryIds[6]!], reason: 'Waiting on the customer' });
  await payments.reject({ billerId: host.billerId, entryIds: [ready.entryIds[7]!], reason: 'Wrong utility' });
});

afterAll(async () => {
  await host?.close();
  await sb?.close();
  out.cleanup();
});

describe('daily report', () => {
  it('CSV: posted by whom, held, rejected, returned with the NACHA code, totals by method, fees, control totals', async () => {
    const file = await host.core.payments.report({ billerId: host.billerId, date: today, format: 'csv' });
    expect(file.mimeType).toBe('text/csv');
    expect(file.fileName).toBe(`payments-Sandbox-Utility-${today}.csv`);
    const lines = Buffer.from(file.base64, 'base64').toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'section,time,entry,receipt,ic_reference,account,customer,method,amount,convenience_fee,by,by_name,code,reason,later',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    const posted = rows.filter((r) => r[0] === 'Posted');
    expect(posted.map((r) => r[2]).sort()).toEqual([...postedIds].sort());
    expect(posted.every((r) => r[10] === 'mlopez' && r[11] === 'Maria Lopez')).toBe(true);
    expect(rows.filter((r) => r[0] === 'Held').map((r) => r[13])).toEqual(['Waiting on the customer']);
    expect(rows.filter((r) => r[0] === 'Rejected').map((r) => r[13])).toEqual(['Wrong utility']);
    const returned = rows.filter((r) => r[0] === 'Returned');
    expect(returned).toHaveLength(1);
    expect(returned[0]![12]).toMatch(/^R0[123]$/);
    // Totals add up from the lines themselves (cents, never floats).
    const cents = (text: string) => Math.round(Number(text) * 100);
    const postedCents = posted.reduce((s, r) => s + cents(r[8]!), 0);
    const summary = (label: string) => rows.find((r) => r[0] === 'Summary' && r[6] === label)!;
    expect(cents(summary('Posted')[8]!)).toBe(postedCents);
    expect(cents(summary('Posted by card')[8]!) + cents(summary('Posted by ACH')[8]!)).toBe(postedCents);
    expect(cents(summary('Convenience fees on posted payments')[8]!)).toBe(
      posted.reduce((s, r) => s + cents(r[9]!), 0),
    );
    expect(summary(`Control for deposit day ${today}: difference`)[13]).toMatch(/^Balanced/);
  });

  it('PDF: a real PDF whose text reads back with pdftotext', async () => {
    const file = await host.core.payments.report({ billerId: host.billerId, date: today, format: 'pdf' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = path.join(out.dir, 'report.pdf');
    fs.writeFileSync(pdf, bytes);
    // Table cells wrap onto a second line: compare with whitespace folded.
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Daily payments report - ${today}`);
    expect(text).toContain('Sandbox Utility');
    expect(text).toMatch(/Posted: 6 payment\(s\), \$[\d,]+\.\d\d/);
    expect(text).toContain('Posted by Maria Lopez');
    expect(text).toContain('Waiting on the customer');
    expect(text).toContain('Wrong utility');
    expect(text).toMatch(/Returned \(1\) Time .* R0[123] Pulled from the/);
    expect(text).toMatch(/Balanced: \$[\d,]+\.\d\d from IC is all in InHANCE/);
  });
});

describe('CLI', () => {
  it('payments pending --json lists Ready and Exceptions from InHANCE; payments post posts and says what happened', async () => {
    const listed = await cli(['payments', 'pending', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const json = JSON.parse(listed.stdout) as {
      count: number;
      totalCents: number;
      entries: Array<{ entryId: string; tab: string; amountCents: number }>;
    };
    const counts = await host.core.payments.counts(host.billerId);
    expect(json.count).toBe(counts.tabs.ready.count + counts.tabs.exceptions.count);
    // Main alone decides how fresh the copy is kept; the screen polls at what counts says.
    expect(counts.refreshAfterMs).toBe(QUEUE_REFRESH_MS);
    expect(json.totalCents).toBe(json.entries.reduce((s, e) => s + e.amountCents, 0));
    const ready = json.entries.filter((e) => e.tab === 'ready').map((e) => e.entryId);

    const posted = await cli(['payments', 'post', ready[0]!, ready[1]!, postedIds[0]!]);
    expect(posted.code, posted.stderr).toBe(0);
    expect(posted.stdout).toMatch(new RegExp(`${ready[0]}\\s+posted`));
    expect(posted.stdout).toMatch(new RegExp(`${postedIds[0]}\\s+already-posted\\s+Already posted by mlopez`));
    expect(posted.stdout).toContain('2 posted');
    const text = await cli(['payments', 'pending']);
    expect(text.stdout).not.toContain(ready[0]!);
    const bad = await cli(['payments', 'post', 'E999999']);
    expect(bad.code).toBe(1);
  });

  it('payments report --format pdf --out FILE writes the report', async () => {
    // The folder must exist: --out never creates one (a typo would scatter reports).
    fs.mkdirSync(path.join(out.dir, 'cli'), { recursive: true });
    const file = path.join(out.dir, 'cli', 'daily.pdf');
    const r = await cli(['payments', 'report', '--date', today, '--format', 'pdf', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(`Daily payments report - ${today}`);
    const csv = path.join(out.dir, 'cli', 'daily.csv');
    expect((await cli(['payments', 'report', '--date', today, '--format', 'csv', '--out', csv])).code).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toContain('Summary');
    // Argument mistakes exit 2, before anything is opened.
    expect((await cli(['payments', 'report', '--date', '3/3/2025', '--format', 'csv'])).code).toBe(2);
  });

  it('ledger check passes, and fails naming the day when InHANCE holds an entry IC never sent', async () => {
    const ok = await cli(['ledger', 'check']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^Ledger check passed\./);

    const impresa = await host.core.clients.impresa(host.billerId);
    const [batch] = await impresa.listBatches({ depositDate: today });
    await impresa.createEntry(batch!.batchId, {
      externalRef: 'manual-entry-1',
      accountNumber: '0000001-00',
      amountCents: 1234,
      paymentDate: today,
      paymentType: 'card',
    });
    expect((await impresaSummary(sb)).duplicateExternalRefs).toBe(0);
    const broken = await cli(['ledger', 'check', '--json']);
    expect(broken.code).toBe(1);
    const result = JSON.parse(broken.stdout) as { ok: boolean; problems: string[] };
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toContain(`${today}: Off by $12.34: InHANCE holds more than IC reported`);
  });
});

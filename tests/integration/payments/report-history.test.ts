import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../../main/ground/fake-clock';
import type { Sandbox } from '../../../main/sandbox';
import { requireSecretService, tempDataDir } from '../../support/temp';
import { CLERK_A, CLERK_B, installation, runPaymentsJob, sandbox, type Installation } from '../../support/payments-kit';

/**
 * A past day's report says what happened that day. On Monday Maria holds one entry, rejects two
 * and undoes one of those rejections, and Jay (another workstation) holds one; on Tuesday Maria
 * posts the entry she held. Monday's report, produced on Tuesday, still lists her hold (saying it
 * was posted later), both rejections (saying the one was undone), and Jay's hold; Tuesday's report
 * lists none of Monday's holds.
 */
const DAY = 86_400_000;
let sb: Sandbox;
let host: Installation;
let desk: Installation;
const out = tempDataDir('ib-report-history-');
let monday: string;
let tuesday: string;
let heldId: string;
let rejectedId: string;
let undoneId: string;
let jaysId: string;

type Row = Record<'section' | 'entry' | 'amount' | 'by' | 'by_name' | 'reason' | 'later', string>;

/** One CSV line's fields ("Mar 4, 2025" comes quoted; no field here spans lines). */
function fields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''),
  );
}

/** The report's CSV as rows keyed by header. */
async function csvReport(date: string): Promise<Row[]> {
  const file = await host.core.payments.report({ billerId: host.billerId, date, format: 'csv' });
  const [header, ...lines] = Buffer.from(file.base64, 'base64').toString('utf8').trim().split('\n');
  const names = fields(header!);
  return lines.map((l) => Object.fromEntries(fields(l).map((v, i) => [names[i], v])) as Row);
}

const section = (rows: Row[], name: string) => rows.filter((r) => r.section === name);

beforeAll(async () => {
  requireSecretService();
  sb = await sandbox({ seed: 'h' });
  host = await installation(sb, { actor: CLERK_A });
  desk = await installation(sb, { actor: CLERK_B, jobHost: false });
  expect((await runPaymentsJob(host)).state).toBe('succeeded');
  const { payments } = host.core;
  monday = payments.today(host.billerId);
  const ready = (await payments.ids({ billerId: host.billerId, tab: 'ready', search: '' })).entryIds;
  expect(ready.length).toBeGreaterThanOrEqual(4);
  [heldId, rejectedId, undoneId, jaysId] = ready as [string, string, string, string];
  expect(
    (
      await payments.hold({
        billerId: host.billerId,
        entryIds: [heldId],
        reason: 'Waiting on the customer',
        expectedState: 'pending',
      })
    ).done,
  ).toBe(1);
  expect(
    (
      await payments.reject({
        billerId: host.billerId,
        entryIds: [rejectedId, undoneId],
        reason: 'Wrong utility',
        expectedState: 'pending',
      })
    ).done,
  ).toBe(2);
  expect((await payments.undo({ billerId: host.billerId, entryIds: [undoneId], expectedState: 'rejected' })).done).toBe(
    1,
  );
  expect(
    (
      await desk.core.payments.hold({
        billerId: desk.billerId,
        entryIds: [jaysId],
        reason: 'Customer called',
        expectedState: 'pending',
      })
    ).done,
  ).toBe(1);

  // Tuesday, in the simulators and in the app's own clock (the audit log's "when").
  sb.advance(DAY);
  (host.core.clock as FakeClock).sleep(DAY);
  tuesday = payments.today(host.billerId);
  expect(tuesday).not.toBe(monday);
  expect((await payments.post({ billerId: host.billerId, entryIds: [heldId], expectedState: 'held' })).done).toBe(1);
});

afterAll(async () => {
  await desk?.close();
  await host?.close();
  await sb?.close();
  out.cleanup();
});

describe('a past day keeps its holds and rejections', () => {
  it("Monday's CSV, produced on Tuesday: the hold posted since and the undone rejection are still there, saying what came of them", async () => {
    const rows = await csvReport(monday);
    const held = section(rows, 'Held');
    expect(held.map((r) => r.entry).sort()).toEqual([heldId, jaysId].sort());
    const maria = held.find((r) => r.entry === heldId)!;
    expect([maria.by, maria.by_name, maria.reason]).toEqual(['mlopez', 'Maria Lopez', 'Waiting on the customer']);
    expect(Number(maria.amount)).toBeGreaterThan(0);
    expect(maria.later).toMatch(/^Later: Posted by Maria Lopez at .+ on /);
    const jay = held.find((r) => r.entry === jaysId)!;
    expect([jay.by, jay.reason, jay.later]).toEqual(['jpatel', 'Customer called', '']);

    const rejected = section(rows, 'Rejected');
    expect(rejected.map((r) => r.entry).sort()).toEqual([rejectedId, undoneId].sort());
    expect(rejected.every((r) => r.reason === 'Wrong utility' && r.by_name === 'Maria Lopez')).toBe(true);
    expect(rejected.find((r) => r.entry === undoneId)!.later).toMatch(/^Later: Rejection undone by Maria Lopez at /);
    expect(rejected.find((r) => r.entry === rejectedId)!.later).toBe('');
    // Monday's posted section does not take Tuesday's post.
    expect(section(rows, 'Posted').map((r) => r.entry)).not.toContain(heldId);
  });

  it('the same report produced again gives the same answer', async () => {
    const strip = (rows: Row[]) => rows.filter((r) => r.section !== 'Summary');
    expect(strip(await csvReport(monday))).toEqual(strip(await csvReport(monday)));
  });

  it("Tuesday's report has the post and none of Monday's holds or rejections", async () => {
    const rows = await csvReport(tuesday);
    expect(section(rows, 'Held')).toEqual([]);
    expect(section(rows, 'Rejected')).toEqual([]);
    expect(section(rows, 'Posted').map((r) => r.entry)).toContain(heldId);
  });

  it("Tuesday's report has control lines for the deposit day of the payment it lists as posted on Tuesday (an earlier day)", async () => {
    const rows = await csvReport(tuesday);
    const labels = section(rows, 'Summary').map((r) => (r as unknown as { customer: string }).customer);
    const { deposit } = host.core.db
      .prepare('SELECT deposit_date AS deposit FROM payments WHERE biller_id = ? AND entry_id = ?')
      .get(host.billerId, heldId) as { deposit: string };
    expect(deposit < tuesday).toBe(true);
    expect(labels).toContain(`Control for deposit day ${deposit}: IC total`);
    expect(labels).toContain(`Control for deposit day ${deposit}: difference`);
  });

  it("Monday's PDF reads back the hold and what came of it", async () => {
    const file = await host.core.payments.report({ billerId: host.billerId, date: monday, format: 'pdf' });
    const pdf = path.join(out.dir, 'monday.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    // Counts are of what stood at the end of the day; the one rejection undone that day is named beside it.
    expect(text).toMatch(/Held: 2 at the end of the day Rejected: 1 at the end of the day \(1 more undone that day\)/);
    expect(text).toContain('Waiting on the customer');
    expect(text).toMatch(/Later: Posted by Maria Lopez at/);
    expect(text).toMatch(/Later: Rejection undone by Maria Lopez at/);
  });
});
